using Robotics.Messages.Cdr;
using StringValue = Robotics.Messages.StdMsgs.String;

namespace Robotics.Messages.Tests;

public class StringDecodeTests
{
    private static string RoundTrip(string text) =>
        CdrSerializer.Deserialize<StringValue>(CdrSerializer.Serialize(new StringValue { Data = text })).Data;

    [Fact]
    public void RepeatedShortAsciiStrings_DecodeToOneSharedInstance()
    {
        var first = RoundTrip("shoulder_pan_joint");
        var second = RoundTrip("shoulder_pan_joint");
        Assert.Equal("shoulder_pan_joint", first);
        Assert.Same(first, second);
    }

    [Theory]
    [InlineData("joint_1")]
    [InlineData("joint_2")]
    [InlineData("a")]
    [InlineData("Grüße, ロボット")]
    [InlineData("a name that is clearly longer than the forty-eight byte cache limit")]
    public void Strings_RoundTripExactly_WhateverTheirLengthOrScript(string text) => Assert.Equal(text, RoundTrip(text));

    [Fact]
    public void SlotCollisions_NeverReturnTheWrongString()
    {
        // More distinct names than cache slots: every decode must still be exact.
        for (var i = 0; i < 5000; i++)
        {
            var name = $"link_{i}";
            Assert.Equal(name, RoundTrip(name));
        }
    }

    [Fact]
    public void InvalidUtf8_IsStillADecodeError()
    {
        var bytes = CdrSerializer.Serialize(new StringValue { Data = "abc" });
        bytes[9] = 0xFF; // second text byte of the string body (4 header + 4 length + 'a')
        Assert.Throws<MessageDecodeException>(() => CdrSerializer.Deserialize<StringValue>(bytes));
    }
}
