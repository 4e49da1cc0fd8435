using FsCheck;
using FsCheck.Fluent;
using Robotics.Safety.Kinematics;

namespace Robotics.Safety.Tests;

/// <summary>C12: per-source caps on the tool-point step, limit or reject (LeRobot max_ee_step_m).</summary>
public sealed class ToolStepCapTests
{
    private const double Cap = 0.05;

    [Fact]
    public void Limiter_KeepsTheStepWithinTheCap_OnTheJointSegment_AndLeavesSmallStepsAlone()
    {
        var chains = from a0 in Gen.Choose(0, 2) from a1 in Gen.Choose(0, 2) from a2 in Gen.Choose(0, 2)
                     from l1 in Gen.Choose(0, 100) from l2 in Gen.Choose(0, 100) from yaw in Gen.Choose(-314, 314)
                     select new KinematicChain(
                         [new ChainJoint(default, default, Axis(a0)), new ChainJoint(new Vector3d(l1 / 100.0, 0, 0.1), new Vector3d(0, 0, yaw / 100.0), Axis(a1)), new ChainJoint(new Vector3d(0, l2 / 100.0, 0), default, Axis(a2))],
                         new Vector3d(0.1, 0.05, 0));
        var angle = Gen.Choose(-3142, 3142).Select(v => v / 1000.0);
        var cases = from chain in chains from last in angle.ArrayOf(3) from target in angle.ArrayOf(3) from cap in Gen.Choose(1, 500)
                    select (chain, last, target, cap / 1000.0);

        Prop.ForAll(cases.ToArbitrary(), c =>
        {
            var fk = new ForwardKinematics(c.chain);
            var limited = (double[])c.target.Clone();
            var before = (fk.ToolPoint(c.target) - fk.ToolPoint(c.last)).Length;
            var changed = ToolStepLimiter.Limit(fk, c.last, limited, c.Item4, new double[3]);
            var after = (fk.ToolPoint(limited) - fk.ToolPoint(c.last)).Length;
            var s = Fraction(c.last, c.target, limited);
            return (after <= c.Item4 + 1e-12 && s is >= 0 and <= 1 && changed == (before > c.Item4) && (changed || limited.SequenceEqual(c.target)))
                .Label($"step {before} → {after} (cap {c.Item4}), fraction {s}");
        }).Check(Config.QuickThrowOnFailure.WithMaxTest(5000));
    }

    [Fact]
    public void LimitMode_ScalesAFarRequestToTheCap_AndTheArmStillArrives()
    {
        // Agile joints, so the joint limiter passes the scaled target unchanged and the step is visible in Sent.
        var agile = Rig.Joint("x") with { MaxVelocity = 10, MaxAcceleration = 1000, MaxDeceleration = 2000 };
        var config = PlanarArm.Config(new ToolStepCap(CommandSource.Policy, Cap)) with { Joints = [agile with { Name = Rig.Names[0] }, agile with { Name = Rig.Names[1] }] };
        var rig = new Rig(config);
        rig.ArmAndStart();
        var steps = 0;
        for (var i = 0; i < 20 && rig.Measured[0] != 0.15; i++)
        {
            var from = PlanarArm.ToolPoint(rig.Measured[0], rig.Measured[1]);
            rig.Send(CommandSource.Policy, [0.15, 0]); // a 0.18 m tool move in one request
            var d = rig.Tick();
            var step = PlanarArm.Distance(from, PlanarArm.ToolPoint(d.Sent[0], d.Sent[1]));
            Assert.True(step <= Cap + 1e-9, $"tool step {step} m beyond the cap");
            if (i == 0)
            {
                Assert.True((d.Reasons & SafetyReason.ToolStepCapped) != 0);
                Assert.True(step > Cap * 0.999, $"scaled to the cap, not below it ({step} m)");
            }

            steps++;
        }

        Assert.Equal(0.15, rig.Measured[0], 9);
        Assert.InRange(steps, 4, 5);
    }

    [Fact]
    public void CapsArePerSource_TeleopIsNotCappedByThePolicysCap()
    {
        var rig = new Rig(PlanarArm.Config(new ToolStepCap(CommandSource.Policy, 0.001)));
        rig.ArmAndStart();

        rig.Send(CommandSource.Teleop, [0.15, 0]);
        var d = rig.Tick();

        Assert.Equal(SafetyReason.None, d.Reasons & SafetyReason.ToolStepCapped);
    }

    [Fact]
    public void RejectMode_DropsTheRequestWithoutAStop_AndThreeInARowHold()
    {
        var rig = new Rig(PlanarArm.Config(new ToolStepCap(CommandSource.Policy, Cap, ToolStepMode.Reject)));
        rig.ArmAndStart();
        rig.Send(CommandSource.Policy, [0.02, 0]);
        rig.Tick();

        Assert.Equal(SafetyReason.ToolStepRejected, rig.Send(CommandSource.Policy, [0.15, 0]));
        Assert.Equal(SafetyReason.ToolStepRejected, rig.Send(CommandSource.Policy, [0.15, 0]));
        var d = rig.Tick();
        Assert.Equal(SupervisorState.Running, rig.Supervisor.State); // dropped, not a stop
        Assert.True(d.Sent[0] <= 0.02 + 1e-9, "nothing moves toward a rejected request");
        Assert.Equal(SafetyReason.None, rig.Send(CommandSource.Policy, [0.03, 0])); // an accepted one restarts the count

        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(SafetyReason.ToolStepRejected, rig.Send(CommandSource.Policy, [0.15, 0]));
        }

        rig.Tick();
        Assert.Equal(SupervisorState.Hold, rig.Supervisor.State);
        Assert.Contains(rig.Supervisor.Transitions, t => t.Cause.Contains("dropped in a row", StringComparison.Ordinal));
    }

    [Fact]
    public void Caps_WithoutAWorkspace_OrTwiceForOneSource_OrNotPositive_AreConfigurationErrors()
    {
        var cap = new ToolStepCap(CommandSource.Policy, Cap);

        Assert.Contains((Rig.Config() with { ToolStepCaps = [cap] }).Validate(), e => e.Contains("need a workspace", StringComparison.Ordinal));
        Assert.Contains(PlanarArm.Config(cap, cap).Validate(), e => e.Contains("capped twice", StringComparison.Ordinal));
        Assert.Contains(PlanarArm.Config(cap with { MaxStepM = 0 }).Validate(), e => e.Contains("max_step_m", StringComparison.Ordinal));
        Assert.Contains(PlanarArm.Config(cap with { MaxStepM = double.NaN }).Validate(), e => e.Contains("max_step_m", StringComparison.Ordinal));
        Assert.Empty(PlanarArm.Config(cap).Validate());
    }

    private static Vector3d Axis(int which) => which switch { 0 => new Vector3d(1, 0, 0), 1 => new Vector3d(0, 1, 0), _ => new Vector3d(0, 0, 1) };

    /// <summary>The s with limited = last + s·(target − last), checked on every joint (NaN when off the segment).</summary>
    private static double Fraction(double[] last, double[] target, double[] limited)
    {
        var s = double.NaN;
        for (var i = 0; i < last.Length; i++)
        {
            var delta = target[i] - last[i];
            if (Math.Abs(delta) > 1e-9)
            {
                var si = (limited[i] - last[i]) / delta;
                if (!double.IsNaN(s) && Math.Abs(si - s) > 1e-9)
                {
                    return double.NaN;
                }

                s = si;
            }
        }

        return double.IsNaN(s) ? 0 : s;
    }
}
