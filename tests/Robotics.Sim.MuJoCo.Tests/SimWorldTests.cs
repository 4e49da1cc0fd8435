using Robotics.Middleware.Time;
using Robotics.Sim.MuJoCo.Robot;
using Robotics.Sim.MuJoCo.Runtime;

namespace Robotics.Sim.MuJoCo.Tests;

/// <summary>The graph runtime's world: episodes start without disturbing the robot or the physics.</summary>
public sealed class SimWorldTests
{
    [Theory]
    [InlineData("reach")]
    [InlineData("insertion")]
    [InlineData("pick_lift")]
    public void BeginEpisode_KeepsTheRobotWhereItIs_AndPhysicsHealthy(string name)
    {
        var time = new ManualTimeProvider();
        using var world = new SimWorld($"test-{name}", EpisodeTasks.Create(name), time, StepMode.Lockstep, ServoModel.Ideal, 0);
        var n = world.Task.JointNames.Count;
        var (position, velocity) = (new double[n], new double[n]);
        Assert.True(world.Arm.Read(position, velocity, out _), world.Arm.Fault);
        world.Arm.WritePosition(position, velocity); // torque on, holding where it is
        world.Arm.Advance(TimeSpan.FromSeconds(0.5));
        Assert.True(world.Arm.Read(position, velocity, out _), world.Arm.Fault);
        var before = position.ToArray();

        world.Arm.Edit(live => world.Task.BeginEpisode(live, 3));
        world.Task.PrepareExpert(3);
        world.Arm.Advance(TimeSpan.FromSeconds(0.2));

        Assert.True(world.Arm.Read(position, velocity, out _), world.Arm.Fault);
        Assert.Null(world.Arm.Fault);
        for (var i = 0; i < n; i++)
        {
            Assert.Equal(before[i], position[i], 0.01);
        }
    }

    [Theory]
    [InlineData("reach")]
    [InlineData("insertion")]
    public void RealTime_ReadsGoOnWhileEpisodesStart(string name)
    {
        using var world = new SimWorld($"rt-{name}", EpisodeTasks.Create(name), TimeProvider.System, StepMode.RealTime, ServoModel.Ideal, 0);
        var n = world.Task.JointNames.Count;
        Assert.True(world.Arm.Read(new double[n], new double[n], out _)); // the loop has been reading before episodes start
        var failed = 0;
        string? fault = null;
        using var stop = new CancellationTokenSource();
        var loop = new Thread(() =>
        {
            var (position, velocity) = (new double[n], new double[n]);
            while (!stop.IsCancellationRequested)
            {
                if (!world.Arm.Read(position, velocity, out _))
                {
                    failed++;
                    fault ??= world.Arm.Fault;
                }

                Thread.Sleep(5);
            }
        });
        loop.Start();
        for (var episode = 0; episode < 5; episode++)
        {
            world.Arm.Edit(live => world.Task.BeginEpisode(live, episode));
            world.Task.PrepareExpert(episode);
            Thread.Sleep(50);
        }

        stop.Cancel();
        loop.Join();
        Assert.True(failed == 0, $"{failed} failed reads, fault: {fault}");
    }
}

/// <summary>The simulated servo's load reading: what the supervisor's effort limit (B7) sees.</summary>
public sealed class SimulatedEffortTests
{
    [Fact]
    public void ReadEffort_IsTheServosTorque_PushingTowardTheGoal()
    {
        using var model = MjModel.Load(Path.Combine(AppContext.BaseDirectory, "data", "two_joint_arm.xml"));
        using var data = model.CreateData();
        var arm = new SimulatedServoArm(data, ["joint_a", "joint_b"], new ManualTimeProvider(), StepMode.Lockstep, ServoModel.Ideal);
        var effort = new double[2];
        arm.WritePosition([0.5, -0.5], [0, 0]);
        arm.Advance(TimeSpan.FromMilliseconds(4));

        Assert.True(arm.ReadEffort(effort));
        Assert.True(effort[0] > 1, $"joint_a pushes up toward +0.5 ({effort[0]} N·m)");
        Assert.True(effort[1] < -1, $"joint_b pushes down toward -0.5 ({effort[1]} N·m)");
        Assert.InRange(Math.Abs(effort[0]), 0, 3.0); // the model's forcerange: a servo's stall torque
    }
}
