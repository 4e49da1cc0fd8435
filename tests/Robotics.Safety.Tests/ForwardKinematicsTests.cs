using FsCheck;
using FsCheck.Fluent;
using Robotics.Safety.Kinematics;

namespace Robotics.Safety.Tests;

/// <summary>C11: the serial-chain forward kinematics against closed forms, URDF conventions and the allocation rule.</summary>
public sealed class ForwardKinematicsTests
{
    [Fact]
    public void PlanarArm_MatchesTheClosedForm_ForRandomAngles()
    {
        var fk = new ForwardKinematics(PlanarArm.Chain());

        Prop.ForAll(Gen.Choose(-3142, 3142).Two().ToArbitrary(), q =>
        {
            var (q0, q1) = (q.Item1 / 1000.0, q.Item2 / 1000.0);
            var got = fk.ToolPoint([q0, q1]);
            return (PlanarArm.Distance(got, PlanarArm.ToolPoint(q0, q1)) < 1e-12).Label($"{q0},{q1} → {got}");
        }).Check(Config.QuickThrowOnFailure.WithMaxTest(2000));
    }

    [Fact]
    public void OriginRpy_FollowsUrdf_RollPitchYawAboutFixedAxes()
    {
        // A joint frame yawed 90° (rpy 0 0 π/2) turning about its own x axis: the tool 1 m along the frame's x ends on
        // the base's y axis; turning the joint about that axis must not move it.
        var chain = new KinematicChain([new ChainJoint(new Vector3d(0, 0, 0.5), new Vector3d(0, 0, Math.PI / 2), new Vector3d(1, 0, 0))], new Vector3d(1, 0, 0));
        var fk = new ForwardKinematics(chain);

        AssertNear(new Vector3d(0, 1, 0.5), fk.ToolPoint([0.0]));
        AssertNear(new Vector3d(0, 1, 0.5), fk.ToolPoint([1.2]));

        // Pitch +90° (rpy 0 π/2 0) tips x down onto −z (URDF's R = Rz·Ry·Rx); then a z-axis joint swings the tool.
        var pitched = new ForwardKinematics(new KinematicChain([new ChainJoint(default, new Vector3d(0, Math.PI / 2, 0), PlanarArm.Z)], new Vector3d(1, 0, 0)));
        AssertNear(new Vector3d(0, 0, -1), pitched.ToolPoint([0.0]));
        AssertNear(new Vector3d(0, 1, 0), pitched.ToolPoint([Math.PI / 2]));
    }

    [Fact]
    public void ToolPoint_AllocatesNothing()
    {
        var fk = new ForwardKinematics(PlanarArm.Chain());
        var q = new double[2];
        var sum = 0.0;
        for (var i = 0; i < 100; i++)
        {
            sum += fk.ToolPoint(q).X;
        }

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 1000; i++)
        {
            q[0] = i * 0.001;
            sum += fk.ToolPoint(q).X;
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        Assert.True(double.IsFinite(sum));
    }

    [Theory]
    [InlineData("count", "has 1 joints, the configuration 2")]
    [InlineData("axis", "must be a unit vector")]
    [InlineData("nan", "non-finite origin or axis")]
    [InlineData("swapped", "must be below max")]
    [InlineData("infinite box", "corners must be finite")]
    public void InvalidWorkspace_IsRefusedNamingTheProblem(string problem, string expected)
    {
        var box = PlanarArm.Box();
        var chain = box.Chain;
        var workspace = problem switch
        {
            "count" => box with { Chain = chain with { Joints = [chain.Joints[0]] } },
            "axis" => box with { Chain = chain with { Joints = [chain.Joints[0] with { Axis = new Vector3d(0, 0, 2) }, chain.Joints[1]] } },
            "nan" => box with { Chain = chain with { Joints = [chain.Joints[0] with { OriginXyz = new Vector3d(double.NaN, 0, 0) }, chain.Joints[1]] } },
            "swapped" => box with { Min = box.Max, Max = box.Min },
            _ => box with { Max = new Vector3d(double.PositiveInfinity, 1, 1) },
        };
        var rig = new Rig(Rig.Config() with { Workspace = workspace });

        rig.Tick();
        var arm = rig.Operator(SupervisorEvent.Arm);

        Assert.False(arm.Accepted);
        Assert.Contains(expected, arm.Message, StringComparison.Ordinal);
    }

    private static void AssertNear(Vector3d expected, Vector3d actual) =>
        Assert.True(PlanarArm.Distance(expected, actual) < 1e-12, $"expected {expected}, got {actual}");
}
