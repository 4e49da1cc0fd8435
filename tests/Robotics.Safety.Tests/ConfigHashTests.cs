using System.Reflection;
using Robotics.Safety.Kinematics;

namespace Robotics.Safety.Tests;

/// <summary>I35: the configuration's content hash covers every field, and only the content.</summary>
public sealed class ConfigHashTests
{
    [Fact]
    public void EqualContent_GivesTheSameHash_AsLowercaseSha256Hex()
    {
        var a = PlanarArm.Config(new ToolStepCap(CommandSource.Policy, 0.05), new ToolStepCap(CommandSource.Teleop, 0.1, ToolStepMode.Reject));
        var b = PlanarArm.Config(new ToolStepCap(CommandSource.Teleop, 0.1, ToolStepMode.Reject), new ToolStepCap(CommandSource.Policy, 0.05));

        Assert.Equal(a.ComputeContentHash(), b.ComputeContentHash()); // new lists, caps in another order
        Assert.Matches("^[0-9a-f]{64}$", a.ComputeContentHash());
        Assert.NotEqual(a.ComputeContentHash(), Rig.Config().ComputeContentHash());
    }

    /// <summary>
    /// Every settable field of the configuration, of each joint's limits, of the workspace and of a cap changes the
    /// hash. A field added later without a line in the canonical text fails here (as does a field of a type this test
    /// does not know how to change: add a case).
    /// </summary>
    [Fact]
    public void ChangingAnyField_ChangesTheHash()
    {
        var baseline = PlanarArm.Config(new ToolStepCap(CommandSource.Policy, 0.05));
        var hash = baseline.ComputeContentHash();
        var changed = new List<string>();
        foreach (var property in Settable(typeof(SafetyConfig)))
        {
            var copy = baseline with { };
            property.SetValue(copy, Changed(property.GetValue(baseline)));
            Assert.True(copy.ComputeContentHash() != hash, $"SafetyConfig.{property.Name} is not in the content hash");
            changed.Add(property.Name);
        }

        foreach (var property in Settable(typeof(JointLimit)))
        {
            var joint = baseline.Joints[1] with { };
            property.SetValue(joint, Changed(property.GetValue(joint)));
            Assert.True((baseline with { Joints = [baseline.Joints[0], joint] }).ComputeContentHash() != hash, $"JointLimit.{property.Name} is not in the content hash");
        }

        Assert.Contains(nameof(SafetyConfig.Workspace), changed);
        Assert.Contains(nameof(SafetyConfig.Version), changed);
    }

    [Fact]
    public void CanonicalText_IsCultureInvariant_AndRoundTrips()
    {
        var text = SafetyConfigText.Canonical(PlanarArm.Config() with { PositionFaultTolerance = 0.1 + 0.2 });

        Assert.Contains("position_fault_tolerance=0.30000000000000004\n", text, StringComparison.Ordinal);
        Assert.Contains("workspace=-2,-0.5,-1 2,0.5,1\n", text, StringComparison.Ordinal);
        Assert.Contains("period=100000\n", text, StringComparison.Ordinal);
    }

    /// <summary>
    /// Recorded hashes must stay comparable across builds and machines. The pinned value was computed outside .NET
    /// (Python hashlib over the canonical text written out by hand), so it checks the text format, not just itself.
    /// </summary>
    [Fact]
    public void Hash_OfTheRigsConfig_IsStable() =>
        Assert.Equal(PinnedRigHash, Rig.Config().ComputeContentHash());

    private const string PinnedRigHash = "d8aa5ea0c81beae8da6620dbd5c420c0133ea9b0f9886abf6e71c8067186b5f0";

    private static IEnumerable<PropertyInfo> Settable(Type type) =>
        type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.SetMethod is not null && p.Name != "EqualityContract");

    private static object? Changed(object? value) => value switch
    {
        double d => d + 0.125,
        int i => i + 1,
        TimeSpan t => t + TimeSpan.FromTicks(1),
        string s => s + "_2",
        StopCategory c => c == StopCategory.Cat2 ? StopCategory.Cat1 : StopCategory.Cat2,
        Workspace w => w with { Max = w.Max + new Vector3d(0, 0, 0.125) },
        IReadOnlyList<ToolStepCap> caps => caps.Select(c => c with { MaxStepM = c.MaxStepM + 0.125 }).ToList(),
        IReadOnlyList<JointLimit> joints => joints.Select(j => j with { MaxStep = j.MaxStep + 0.125 }).ToList(),
        _ => throw new InvalidOperationException($"no way to change a {value?.GetType().Name ?? "null"}: add a case to this test"),
    };
}
