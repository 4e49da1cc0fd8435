using Robotics.Sim.MuJoCo.Tasks;

namespace Robotics.Sim.MuJoCo.Tests.Tasks;

/// <summary>The MJCF models in sim/models: they load, and their numbers are the ones their comments promise.</summary>
public sealed class TaskModelTests
{
    private static readonly string[] _armJoints = ["shoulder_pan", "shoulder_lift", "elbow_flex", "wrist_flex", "wrist_roll", "gripper"];

    [Theory]
    [InlineData("so_arm.xml", 6, "tool")]
    [InlineData("insertion.xml", 3, "peg_tip")]
    [InlineData("pick_lift.xml", 4, "grasp")]
    public void Model_Loads_WithActuatorsHomeKeyframeAndToolSite(string file, int actuators, string site)
    {
        using var model = MjModel.Load(SimTask.ModelPath(file));
        Assert.Equal(actuators, model.Nu);
        Assert.Equal(0.002, model.Timestep);
        Assert.True(model.TryId(MjObjectType.Key, "home") >= 0);
        Assert.True(model.TryId(MjObjectType.Site, site) >= 0);
        using var data = model.CreateData();
        data.Reset(model.Id(MjObjectType.Key, "home"));
        data.Step(500);
        Assert.False(data.Diverged);
    }

    [Fact]
    public void SoArm_JointsInDriverOrder_WithLimitsAndSts3215Servos()
    {
        using var model = MjModel.Load(SimTask.ModelPath("so_arm.xml"));
        Assert.Equal(_armJoints, model.Names(MjObjectType.Joint));
        // MjModel.Names(Actuator) asks for "nactuator"; mjModel calls that size nu.
        Assert.Equal(_armJoints, Enumerable.Range(0, model.Nu).Select(a => model.NameOf(MjObjectType.Actuator, a)));
        double[] limits = [-1.9, 1.9, -1.75, 1.75, -1.7, 1.7, -1.65, 1.65, -2.8, 2.8, 0, 1.7];
        Assert.Equal(limits, model.Doubles("jnt_range").ToArray());
        Assert.Equal(limits, model.Doubles("actuator_ctrlrange").ToArray());
        var gain = model.Doubles("actuator_gainprm").ToArray();
        var bias = model.Doubles("actuator_biasprm").ToArray();
        var force = model.Doubles("actuator_forcerange").ToArray();
        for (var a = 0; a < model.Nu; a++)
        {
            Assert.Equal(30, gain[a * model.Columns("actuator_gainprm")]);
            Assert.Equal(-30, bias[(a * model.Columns("actuator_biasprm")) + 1]);
            Assert.Equal([-2.94, 2.94], force[(2 * a)..((2 * a) + 2)]);
        }
    }

    [Fact]
    public void SoArm_LinkLengths_AreTheSpecsApproximations()
    {
        using var model = MjModel.Load(SimTask.ModelPath("so_arm.xml"));
        using var data = model.CreateData();
        data.Forward(); // all joints at zero
        var pivots = new[] { "upper_arm", "forearm", "wrist" }.Select(b => Vec3.Row(data.Xpos, model.Id(MjObjectType.Body, b))).ToArray();
        var tool = Vec3.Row(data.SiteXpos, model.Id(MjObjectType.Site, "tool"));
        Assert.Equal(0.116, (pivots[1] - pivots[0]).Length, 3);
        Assert.Equal(0.135, (pivots[2] - pivots[1]).Length, 3);
        Assert.Equal(0.1, (tool - pivots[2]).Length, 2);
    }

    [Theory]
    [InlineData("insertion.xml", "peg_tip")]
    [InlineData("pick_lift.xml", "grasp")]
    public void Gantry_JointsAreTheToolsWorldPosition(string file, string site)
    {
        using var model = MjModel.Load(SimTask.ModelPath(file));
        using var data = model.CreateData();
        (data.Qpos[0], data.Qpos[1], data.Qpos[2]) = (0.05, -0.03, 0.12);
        data.Forward();
        Assert.Equal(new Vec3(0.05, -0.03, 0.12), Vec3.Row(data.SiteXpos, model.Id(MjObjectType.Site, site)));
        Assert.Equal(["gantry_x", "gantry_y", "gantry_z"], model.Names(MjObjectType.Joint).Take(3));
    }

    [Fact]
    public void Insertion_SlotLeaves2mmClearanceAroundThePeg()
    {
        using var model = MjModel.Load(SimTask.ModelPath("insertion.xml"));
        var position = model.Doubles("geom_pos").ToArray();
        var size = model.Doubles("geom_size").ToArray();
        double InnerFace(string wall) => Math.Abs(position[3 * model.Id(MjObjectType.Geom, wall)]) - size[3 * model.Id(MjObjectType.Geom, wall)];
        var peg = size[3 * model.Id(MjObjectType.Geom, "peg")];
        Assert.Equal(InsertionTask.SlotHalfWidthM, InnerFace("wall_pos_x"), 9);
        Assert.Equal(InsertionTask.SlotHalfWidthM, InnerFace("wall_neg_x"), 9);
        Assert.Equal(0.002, (2 * InsertionTask.SlotHalfWidthM) - (2 * peg), 9);
    }

    [Fact]
    public void PickLift_OneGripperActuatorMovesBothFingers()
    {
        using var task = new PickLiftTask();
        Assert.Equal(["gantry_x", "gantry_y", "gantry_z", "gripper"], task.JointNames);
        task.Reset(0);
        Span<double> targets = stackalloc double[4];
        task.ReadJointPositions(targets);
        targets[3] = 0.01;
        for (var step = 0; step < 10; step++)
        {
            task.ApplyAction(targets);
        }

        var left = task.Data.Qpos[task.Model.Ints("jnt_qposadr")[task.Model.Id(MjObjectType.Joint, "finger_left")]];
        Assert.Equal(0.01, left, 3);
        Assert.Equal(left, task.Data.Qpos[task.Model.Ints("jnt_qposadr")[task.Model.Id(MjObjectType.Joint, "gripper")]], 3);
    }
}
