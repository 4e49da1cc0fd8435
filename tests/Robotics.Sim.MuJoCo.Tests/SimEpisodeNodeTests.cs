using System.Collections.Concurrent;
using Robotics.Messages.RoboticsMsgs;
using Robotics.Messages.SensorMsgs;
using Robotics.Middleware;
using Robotics.Middleware.Execution;
using Robotics.Sim.MuJoCo.Nodes;
using Robotics.Sim.MuJoCo.Robot;
using Robotics.Sim.MuJoCo.Runtime;

namespace Robotics.Sim.MuJoCo.Tests;

/// <summary>sim_episodes on the in-process bus: it holds until the supervisor runs, and publishes camera images.</summary>
public sealed class SimEpisodeNodeTests
{
    [Fact]
    public void BeforeTheSupervisorRuns_NoEpisodeStarts_TheExpertAsksToHold_AndTheCameraPublishes()
    {
        using var world = new SimWorld("episode-node-test", EpisodeTasks.Create("reach"), TimeProvider.System, StepMode.RealTime, ServoModel.Ideal, 0);
        using var context = new RosContext(new ContextOptions());
        using var node = new SimEpisodeNode(context, "sim_episodes", new NodeOptions
        {
            ParameterOverrides = new Dictionary<string, object?> { ["sim_world"] = "episode-node-test", ["camera_hz"] = 10.0 },
        });
        using var probe = new Node(context, "probe");
        var (images, commands, events) = (new ConcurrentQueue<Image>(), new ConcurrentQueue<CommandRequest>(), new ConcurrentQueue<EpisodeEvent>());
        probe.CreateSubscription<Image>("camera/image_raw", images.Enqueue, Middleware.Qos.QosProfile.SensorData);
        probe.CreateSubscription<CommandRequest>("cmd/request", commands.Enqueue);
        probe.CreateSubscription<EpisodeEvent>("episode/events", events.Enqueue);
        using var executor = new SingleThreadedExecutor();
        executor.Add(node);
        executor.Add(probe);
        // The control loop's reads are what advance a real-time world (and the camera runs on sim time).
        using var stopLoop = new CancellationTokenSource();
        var loop = new Thread(() =>
        {
            var (position, velocity) = (new double[6], new double[6]);
            while (!stopLoop.IsCancellationRequested)
            {
                world.Arm.Read(position, velocity, out _);
                Thread.Sleep(5);
            }
        });
        loop.Start();
        executor.SpinUntil(() => images.Count >= 2 && commands.Count >= 5, TimeSpan.FromSeconds(20));
        stopLoop.Cancel();
        loop.Join();

        Assert.True(images.Count >= 2, $"{images.Count} images");
        var image = images.First();
        Assert.Equal(("rgb8", 320u, 240u, 960u), (image.Encoding, image.Width, image.Height, image.Step));
        Assert.True(image.Data.Distinct().Count() > 20, "the image shows something");
        Assert.Empty(events); // no supervisor RUNNING, no episode
        Assert.Empty(node.Outcomes);
        var hold = commands.Last(); // the arm is asked to stay where it is
        Assert.Equal(world.Task.JointNames, hold.JointNames);
        Assert.Equal(6, hold.BasePosition.Length);
    }
}
