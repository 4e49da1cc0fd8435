using System.Collections.Concurrent;
using Robotics.Messages.SensorMsgs;
using Robotics.Messages.StdMsgs;
using Robotics.Middleware.Tests.TestSupport;
using Robotics.Nodes.Gazebo;

namespace Robotics.Nodes.Tests.Gazebo;

/// <summary>
/// hardware:=gazebo against a stand-in for ros_gz_bridge on the in-process bus: joint states by name (Gazebo's order
/// is not ours), one Float64 goal per joint, and a clear fault when Gazebo lacks a joint.
/// </summary>
public sealed class GazeboTopicArmTests : IDisposable
{
    private readonly RosTestEnvironment _env = new();

    [Fact]
    public void ReadsJointStatesByName_AndWritesOneGoalPerJoint()
    {
        using var arm = new GazeboTopicArm(_env.CreateNode("supervisor"), ["a", "b"]);
        var bridge = _env.CreateNode("bridge");
        var states = bridge.CreatePublisher<JointState>("gazebo/joint_states", Middleware.Qos.QosProfile.SensorData);
        var goals = new ConcurrentDictionary<string, double>();
        bridge.CreateSubscription<Float64>("gazebo/a/cmd_pos", m => goals["a"] = m.Data);
        bridge.CreateSubscription<Float64>("gazebo/b/cmd_pos", m => goals["b"] = m.Data);
        var (position, velocity) = (new double[2], new double[2]);
        Assert.False(arm.Read(position, velocity, out _)); // nothing from Gazebo yet

        states.Publish(new JointState { Header = new() { Stamp = new() { Sec = 5 } }, Name = ["b", "x", "a"], Position = [0.2, 9, 0.1], Velocity = [2, 9, 1] });
        _env.SpinUntil(() => arm.Read(position, velocity, out _), "the state arrives");
        arm.Read(position, velocity, out var stamp);
        Assert.Equal([0.1, 0.2], position);
        Assert.Equal([1.0, 2.0], velocity);
        Assert.Equal(5_000_000_000, stamp);

        arm.WritePosition([0.3, -0.3], [0, 0]);
        _env.SpinUntil(() => goals.Count == 2, "both goals reach the bridge");
        Assert.Equal(0.3, goals["a"]);
        Assert.Equal(-0.3, goals["b"]);
        Assert.Null(arm.Fault);
    }

    [Fact]
    public void AJointGazeboDoesNotHave_IsAFaultNamingIt()
    {
        using var arm = new GazeboTopicArm(_env.CreateNode("supervisor"), ["a", "elbow"]);
        var states = _env.CreateNode("bridge").CreatePublisher<JointState>("gazebo/joint_states", Middleware.Qos.QosProfile.SensorData);
        states.Publish(new JointState { Name = ["a"], Position = [0.1] });
        _env.SpinUntil(() => arm.Fault is not null, "the fault is reported");
        Assert.Contains("'elbow'", arm.Fault, StringComparison.Ordinal);
        Assert.False(arm.Read(new double[2], new double[2], out _));
    }

    public void Dispose()
    {
        _env.Dispose();
        _env.AssertClean();
    }
}
