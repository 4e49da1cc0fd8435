using Robotics.Messages.SensorMsgs;
using Robotics.Middleware;
using Robotics.Middleware.Parameters;
using Robotics.Middleware.Topics;

namespace Robotics.Nodes.Demo;

/// <summary>
/// Publishes a smooth sine trajectory for N joints on <c>joint_states</c>, stamped at capture time: a stand-in
/// sensor until the hardware component and simulator land.
/// </summary>
public sealed class SineJointStatePublisher : Node
{
    // The SO-100/SO-101 arm's joints (LeRobot naming), so later nodes can be tried against this stand-in.
    private static readonly string[] _defaultJoints = ["shoulder_pan", "shoulder_lift", "elbow_flex", "wrist_flex", "wrist_roll", "gripper"];

    private readonly Publisher<JointState> _publisher;
    private readonly string[] _joints;
    private readonly double _amplitude;
    private readonly double _frequency;
    private readonly long _start;

    public SineJointStatePublisher(RosContext context, string name, NodeOptions? options = null)
        : base(context, name, options)
    {
        _joints = Parameters.Declare("joint_names", (object)_defaultJoints).AsStringArray();
        var rate = Parameters.Declare("rate_hz", 100.0, new ParameterDescriptor { FloatingPointRange = new FloatingPointRange(1, 2000), Description = "publish rate" });
        _amplitude = Parameters.Declare("amplitude_rad", 0.5, new ParameterDescriptor { FloatingPointRange = new FloatingPointRange(0, Math.PI) });
        _frequency = Parameters.Declare("frequency_hz", 0.25, new ParameterDescriptor { FloatingPointRange = new FloatingPointRange(0, 50) });
        _publisher = CreatePublisher<JointState>("joint_states");
        _start = Clock.GetTimestamp();
        CreateTimer(TimeSpan.FromSeconds(1 / rate), Tick);
    }

    private void Tick()
    {
        var t = Clock.GetElapsedTime(_start).TotalSeconds;
        var position = new double[_joints.Length];
        var velocity = new double[_joints.Length];
        for (var i = 0; i < position.Length; i++)
        {
            var phase = (2 * Math.PI * _frequency * t) + (i * 0.5);
            position[i] = _amplitude * Math.Sin(phase);
            velocity[i] = _amplitude * 2 * Math.PI * _frequency * Math.Cos(phase);
        }

        _publisher.Publish(new JointState
        {
            Header = new Messages.StdMsgs.Header { Stamp = Now(), FrameId = "base_link" },
            Name = _joints,
            Position = position,
            Velocity = velocity,
        });
    }
}
