using Robotics.Sim.MuJoCo.Randomization;
using Robotics.Sim.MuJoCo.Tasks;

namespace Robotics.Sim.MuJoCo.Tests.Tasks;

/// <summary>Options and shifts refuse nonsense at construction; a task refuses a bad action instead of dropping it.</summary>
public sealed class TaskOptionsTests
{
    [Fact]
    public void UniformRange_RejectsReversedOrNonFiniteBounds()
    {
        Assert.Throws<ArgumentException>(() => new UniformRange(2, 1));
        Assert.Throws<ArgumentException>(() => new UniformRange(double.NaN, 1));
        Assert.Equal(0.7, UniformRange.Fixed(0.7).Sample(new Random(1)));
    }

    [Fact]
    public void RandomizationOptions_RejectNonPositiveScalesAndNegativeNoise()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new RandomizationOptions { FrictionScale = new UniformRange(0, 1) });
        Assert.Throws<ArgumentOutOfRangeException>(() => new RandomizationOptions { MassScale = new UniformRange(-1, 1) });
        Assert.Throws<ArgumentOutOfRangeException>(() => new RandomizationOptions { SensorNoiseStd = -0.1 });
        Assert.Throws<ArgumentOutOfRangeException>(() => new RandomizationOptions { ActuatorOffsetStd = double.PositiveInfinity });
    }

    [Fact]
    public void ExpertOptions_RejectNegativeNoiseAndStoppedSpeed()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new ExpertOptions { TargetNoiseStd = -1 });
        Assert.Throws<ArgumentOutOfRangeException>(() => new ExpertOptions { SpeedFactor = new UniformRange(0, 1) });
    }

    [Fact]
    public void Shift_FactoriesRejectNonsense_AndCombineMultipliesScales()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Shift.FrictionScale(0));
        Assert.Throws<ArgumentOutOfRangeException>(() => Shift.MassScale(double.NaN));
        Assert.Throws<ArgumentOutOfRangeException>(() => Shift.ActuatorBias(-0.001));
        Assert.Throws<ArgumentException>(() => Shift.ActuatorBias(0.004) + Shift.ActuatorBias(0.003));
        var combined = Shift.FrictionScale(0.5) + Shift.FrictionScale(0.6) + Shift.ActuatorBias(0.004, "gantry_x");
        Assert.Equal(0.3, combined.Friction, 12);
        Assert.Equal(0.004, combined.Bias);
        Assert.Equal(["gantry_x"], combined.BiasJoints);
        Assert.Equal(1, combined.Mass);
        Assert.Equal(Shift.FrictionScale(0.6) + Shift.MassScale(2, "cube"), PickLiftTask.BenchmarkShift);
        Assert.NotEqual(Shift.MassScale(2, "cube"), Shift.MassScale(2, "table"));
    }

    [Fact]
    public void ApplyAction_RefusesNonFiniteTargetsAndWrongLengths()
    {
        using var task = new InsertionTask();
        task.Reset(0);
        var nan = Assert.Throws<ArgumentException>(() => task.ApplyAction([0, double.NaN, 0.1]));
        Assert.Contains("gantry_y", nan.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => task.ApplyAction([0, 0]));
        Assert.Equal(0, task.ControlStep);
    }

    [Fact]
    public void Seeds_DeriveIndependentStreams()
    {
        Assert.NotEqual(Seeds.Derive(1, Seeds.Scene), Seeds.Derive(1, Seeds.Expert));
        Assert.NotEqual(Seeds.Derive(1, Seeds.Scene), Seeds.Derive(2, Seeds.Scene));
        Assert.Equal(Seeds.Derive(9, 3), Seeds.Derive(9, 3));
        Assert.True(Seeds.Derive(-5, 0) >= 0);
    }
}
