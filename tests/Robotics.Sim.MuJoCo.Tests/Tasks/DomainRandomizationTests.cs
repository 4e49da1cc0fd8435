using Robotics.Sim.MuJoCo.Randomization;
using Robotics.Sim.MuJoCo.Tasks;

namespace Robotics.Sim.MuJoCo.Tests.Tasks;

/// <summary>Randomization edits the intended model fields, a reset restores the nominal ones, shifts do what they say.</summary>
public sealed class DomainRandomizationTests
{
    private static readonly string[] _fields = ["geom_friction", "body_mass", "body_inertia", "actuator_gainprm", "actuator_biasprm"];

    private static readonly RandomizationOptions _wide = new()
    {
        FrictionScale = new UniformRange(0.5, 1.5),
        MassScale = new UniformRange(0.5, 1.5),
        GainScale = new UniformRange(0.5, 1.5),
        ActuatorOffsetStd = 0.002,
    };

    [Fact]
    public void Reset_WithRandomization_ChangesFrictionMassesGainsAndOffsets()
    {
        using var task = new PickLiftTask();
        var nominal = Snapshot(task.Model);
        task.Randomizer.Options = _wide;
        task.Reset(1);
        foreach (var field in _fields)
        {
            Assert.NotEqual(nominal[field], task.Model.Doubles(field).ToArray());
        }

        // A position actuator stays a position actuator: biasprm[1] = -kp after scaling.
        var gain = task.Model.Doubles("actuator_gainprm").ToArray();
        var bias = task.Model.Doubles("actuator_biasprm").ToArray();
        var (gainColumns, biasColumns) = (task.Model.Columns("actuator_gainprm"), task.Model.Columns("actuator_biasprm"));
        for (var a = 0; a < task.Model.Nu; a++)
        {
            Assert.Equal(-gain[a * gainColumns], bias[(a * biasColumns) + 1], 12);
        }

        Assert.All(task.Randomizer.ActuatorOffsets.ToArray(), o => Assert.NotEqual(0, o));
    }

    [Fact]
    public void Reset_AfterRandomization_RestoresTheNominalModelExactly()
    {
        using var task = new PickLiftTask();
        var nominal = Snapshot(task.Model);
        task.Randomizer.Options = _wide;
        task.Randomizer.Shift = PickLiftTask.BenchmarkShift;
        task.Reset(1);
        task.Reset(2); // draws from the nominal values, not from episode 1's
        task.Randomizer.Options = RandomizationOptions.None;
        task.Randomizer.Shift = Shift.None;
        task.Reset(3);
        foreach (var field in _fields)
        {
            Assert.Equal(nominal[field], task.Model.Doubles(field).ToArray());
        }

        Assert.All(task.Randomizer.ActuatorOffsets.ToArray(), o => Assert.Equal(0, o));
    }

    [Fact]
    public void Reset_SameSeedSameDraw_OtherSeedOtherDraw()
    {
        using var task = new InsertionTask();
        task.Randomizer.Options = _wide;
        task.Reset(5);
        var first = task.Model.Doubles("geom_friction").ToArray();
        task.Reset(6);
        Assert.NotEqual(first, task.Model.Doubles("geom_friction").ToArray());
        task.Reset(5);
        Assert.Equal(first, task.Model.Doubles("geom_friction").ToArray());
    }

    [Fact]
    public void BenchmarkShift_B2_ScalesEveryFrictionAndOnlyTheCubesMass()
    {
        using var task = new PickLiftTask();
        var nominal = Snapshot(task.Model);
        task.Randomizer.Shift = PickLiftTask.BenchmarkShift;
        task.Reset(0);
        var friction = task.Model.Doubles("geom_friction").ToArray();
        Assert.Equal(nominal["geom_friction"].Select(f => f * 0.6), friction);
        var cube = task.Model.Id(MjObjectType.Body, "cube");
        var mass = task.Model.Doubles("body_mass").ToArray();
        for (var b = 0; b < mass.Length; b++)
        {
            Assert.Equal(nominal["body_mass"][b] * (b == cube ? 2 : 1), mass[b]);
        }

        Assert.Equal("friction x0.6 + mass x2 (cube)", task.Randomizer.Shift.Name);
    }

    [Fact]
    public void BenchmarkShift_B1_OffsetsThePegByTheBiasLengthHorizontally()
    {
        using var task = new InsertionTask();
        task.Randomizer.Shift = InsertionTask.BenchmarkShift;
        var hold = new HoldPolicy(task);
        var directions = new HashSet<int>();
        var targets = new double[3];
        for (var seed = 0; seed < 8; seed++)
        {
            var result = EpisodeRunner.Run(task, hold, seed);
            var offsets = task.Randomizer.ActuatorOffsets;
            Assert.Equal(0.004, Math.Sqrt((offsets[0] * offsets[0]) + (offsets[1] * offsets[1])), 12);
            Assert.Equal(0, offsets[2]);
            directions.Add(Math.Sign(offsets[0]) + (2 * Math.Sign(offsets[1])));

            // Holding "still" the peg ends where the biased servos put it, 4 mm from where it started.
            task.Reset(seed);
            var start = task.PegTip;
            hold.Reset(seed);
            for (var step = 0; step < 20; step++)
            {
                hold.Act(targets);
                task.ApplyAction(targets);
            }

            Assert.Equal(0.004, (task.PegTip - start).HorizontalLength, 3);
            Assert.False(result.Success);
        }

        Assert.True(directions.Count >= 3, "the bias direction changes with the seed");
    }

    [Fact]
    public void Scene_IsTheSameForASeed_WhateverTheRandomizationOrShift()
    {
        using var task = new InsertionTask();
        task.Reset(4);
        var (hole, tip) = (task.HoleBottom, task.PegTip);
        task.Randomizer.Options = _wide;
        task.Randomizer.Shift = InsertionTask.BenchmarkShift;
        task.Reset(4);
        Assert.Equal(hole, task.HoleBottom);
        Assert.Equal(tip, task.PegTip);
    }

    [Fact]
    public void SensorNoise_PerturbsObservations_NotTheTruth()
    {
        using var task = new ReachTask();
        var clean = new double[task.ObservationSize];
        var noisy = new double[task.ObservationSize];
        var joints = new double[task.JointCount];
        task.Reset(2);
        task.Observe(clean);
        task.ReadJointPositions(joints);
        Assert.Equal(joints, clean[..task.JointCount]);
        task.Randomizer.Options = new RandomizationOptions { SensorNoiseStd = 0.01 };
        task.Reset(2);
        task.Observe(noisy);
        var differences = clean.Zip(noisy, (c, n) => n - c).ToArray();
        Assert.All(differences, d => Assert.InRange(Math.Abs(d), 1e-9, 0.05));
        task.ReadJointPositions(joints);
        Assert.Equal(clean[..task.JointCount], joints);
    }

    [Fact]
    public void Shift_NamingAnUnknownBodyOrJoint_IsRefusedWhenSet()
    {
        using var task = new InsertionTask();
        var body = Assert.Throws<MuJoCoException>(() => task.Randomizer.Shift = Shift.MassScale(2, "anvil"));
        Assert.Contains("anvil", body.Message, StringComparison.Ordinal);
        var joint = Assert.Throws<ArgumentException>(() => task.Randomizer.Shift = Shift.ActuatorBias(0.004, "elbow_flex"));
        Assert.Contains("gantry_x", joint.Message, StringComparison.Ordinal);
        Assert.Same(Shift.None, task.Randomizer.Shift);
    }

    private static Dictionary<string, double[]> Snapshot(MjModel model) => _fields.ToDictionary(f => f, f => model.Doubles(f).ToArray());
}
