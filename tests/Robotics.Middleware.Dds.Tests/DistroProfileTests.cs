using Robotics.Middleware.Dds.Wire;

namespace Robotics.Middleware.Dds.Tests;

/// <summary>The two wire dialects (ROBOTICS_ROS_DISTRO / ROS_DISTRO), and the domain id check, parsed strictly.</summary>
public sealed class DistroProfileTests
{
    [Theory]
    [InlineData("humble", 24, false)]
    [InlineData(" Humble ", 24, false)]
    [InlineData("iron", 16, true)]
    [InlineData("jazzy", 16, true)]
    [InlineData("kilted", 16, true)]
    [InlineData("rolling", 16, true)]
    [InlineData("", 16, true)]
    [InlineData(null, 16, true)]
    public void Parse_KnownDistro_GivesItsGidSizeAndTypeHashUse(string? name, int gidSize, bool typeHash)
    {
        var profile = DistroProfile.Parse(name);

        Assert.Equal((gidSize, typeHash), (profile.GidSize, profile.TypeHashInUserData));
    }

    [Theory]
    [InlineData("foxy")]   // end of life, and Gid layout never checked for it
    [InlineData("galactic")]
    [InlineData("jazzy2")]
    public void Parse_UnknownDistro_ThrowsNamingIt(string name)
    {
        var error = Assert.Throws<ArgumentException>(() => DistroProfile.Parse(name));

        Assert.Contains($"'{name}'", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null, 0)]
    [InlineData("", 0)]
    [InlineData("42", 42)]
    [InlineData("232", 232)]
    public void ParseDomain_ValidId_GivesIt(string? text, int expected) => Assert.Equal(expected, DdsOptions.ParseDomain(text));

    [Theory]
    [InlineData("233")] // Cyclone derives UDP ports from the id; 232 is the last that fits
    [InlineData("-1")]
    [InlineData("seven")]
    public void ParseDomain_InvalidId_ThrowsNamingIt(string text)
    {
        var error = Assert.Throws<ArgumentException>(() => DdsOptions.ParseDomain(text));

        Assert.Contains($"'{text}'", error.Message, StringComparison.Ordinal);
    }
}
