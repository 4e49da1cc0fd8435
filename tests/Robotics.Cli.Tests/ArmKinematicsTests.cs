using Robotics.Cli.Commands;
using Robotics.Launch;
using Robotics.Safety.Kinematics;
using Robotics.Sim.MuJoCo;

namespace Robotics.Cli.Tests;

/// <summary>The supervisor's chain in launch/params/so_arm.yaml agrees with the MuJoCo model's tool site.</summary>
public sealed class ArmKinematicsTests
{
    [Fact]
    public void ChainInTheLimitsFile_PutsTheToolPointWhereMuJoCoDoes()
    {
        var plan = LaunchLoader.Load(Path.Combine(DemoCommand.RepositoryRoot(), "launch", "arm.launch.xml"), new Dictionary<string, string>());
        var supervisor = plan.Nodes.Single(n => n.Executable == "supervisor");
        double[] Get(string name) => (double[])supervisor.Parameters.Last(p => p.Name == name).Value;
        var (xyz, rpy, axis, tool) = (Get("kinematics.origin_xyz"), Get("kinematics.origin_rpy"), Get("kinematics.axis"), Get("kinematics.tool_xyz"));
        var chain = new KinematicChain([.. Enumerable.Range(0, 6).Select(i => new ChainJoint(new(xyz[3 * i], xyz[(3 * i) + 1], xyz[(3 * i) + 2]), new(rpy[3 * i], rpy[(3 * i) + 1], rpy[(3 * i) + 2]), new(axis[3 * i], axis[(3 * i) + 1], axis[(3 * i) + 2])))], new(tool[0], tool[1], tool[2]));
        Assert.Empty(chain.Validate(6));
        var fk = new ForwardKinematics(chain);

        using var model = MjModel.Load(Path.Combine(AppContext.BaseDirectory, "models", "so_arm.xml"));
        using var data = model.CreateData();
        var site = model.Id(MjObjectType.Site, "tool");
        var random = new Random(7);
        var range = model.Doubles("jnt_range");
        for (var trial = 0; trial < 200; trial++)
        {
            var q = new double[6];
            for (var j = 0; j < 6; j++)
            {
                q[j] = range[2 * j] + ((range[(2 * j) + 1] - range[2 * j]) * random.NextDouble());
                data.Qpos[j] = q[j];
            }

            data.Forward();
            var expected = data.SiteXpos.Slice(3 * site, 3);
            var actual = fk.ToolPoint(q);
            Assert.Equal(expected[0], actual.X, 9);
            Assert.Equal(expected[1], actual.Y, 9);
            Assert.Equal(expected[2], actual.Z, 9);
        }
    }
}
