namespace Robotics.Safety.Tests;

public sealed class ConfigValidationTests
{
    [Fact]
    public void ValidConfig_HasNoErrors() => Assert.Empty(Rig.Config().Validate());

    [Theory]
    [InlineData("nan", "not a finite number")]
    [InlineData("swapped", "must be below hard_max")]
    [InlineData("soft outside", "must lie inside hard limits")]
    [InlineData("zero velocity", "max_velocity must be greater than 0")]
    [InlineData("zero timeout", "command_timeout must be greater than 0")]
    [InlineData("duplicate", "configured 2 times")]
    public void InvalidConfig_IsRefusedNamingTheProblem_AndNeverArms(string problem, string expected)
    {
        var joint = Rig.Joint("shoulder");
        var config = problem switch
        {
            "nan" => Rig.Config() with { Joints = [joint with { MaxAcceleration = double.NaN }] },
            "swapped" => Rig.Config() with { Joints = [joint with { HardMin = 2, HardMax = -2 }] },
            "soft outside" => Rig.Config() with { Joints = [joint with { SoftMax = 2.5 }] },
            "zero velocity" => Rig.Config() with { Joints = [joint with { MaxVelocity = 0 }] },
            "zero timeout" => Rig.Config() with { CommandTimeout = TimeSpan.Zero },
            _ => Rig.Config() with { Joints = [joint, joint] },
        };
        var rig = new Rig(config, new double[config.Joints.Count]);

        Assert.Contains(config.Validate(), e => e.Contains(expected, StringComparison.Ordinal));
        rig.Tick();
        var arm = rig.Operator(SupervisorEvent.Arm);
        Assert.False(arm.Accepted);
        Assert.Contains(expected, arm.Message, StringComparison.Ordinal);
        Assert.Equal(SupervisorState.Disabled, rig.Supervisor.State);
    }

    [Fact]
    public void SwappedLimits_AreNotSwapped()
    {
        var config = Rig.Config() with { Joints = [Rig.Joint("a") with { HardMin = 2, HardMax = -2 }] };

        var supervisor = new SafetySupervisor(config);

        Assert.Equal(2, supervisor.Joints[0].HardMin);
    }
}
