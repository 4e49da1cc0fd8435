using Robotics.Messages.SensorMsgs;
using Robotics.Messages.StdMsgs;
using Robotics.Middleware;
using Robotics.Middleware.Hardware;
using Robotics.Middleware.Qos;
using Robotics.Middleware.Time;
using Robotics.Middleware.Topics;

namespace Robotics.Nodes.Gazebo;

/// <summary>
/// The supervisor's hardware when the arm lives in Gazebo (<c>hardware:=gazebo</c>, sim/gazebo/README.md): reads the
/// joint states ros_gz_bridge brings from Gazebo's JointStatePublisher (<c>gazebo/joint_states</c>) and writes one
/// std_msgs/Float64 goal per joint to <c>gazebo/&lt;joint&gt;/cmd_pos</c>, which the bridge hands to Gazebo's
/// JointPositionController. The supervisor stays the only writer: nothing else publishes those goals. Torque off is
/// not a thing Gazebo's position controller has; it stops receiving goals and holds the last one (documented in the
/// README). Reads copy the latest state under a lock the loop only tries (it never waits for the executor thread).
/// </summary>
public sealed class GazeboTopicArm : IHardwareComponent
{
    private readonly Node _node;
    private readonly Publisher<Float64>[] _commands;
    private readonly Float64[] _goal;
    private readonly Subscription<JointState> _states;
    private readonly int[] _index;
    private readonly double[] _position;
    private readonly double[] _velocity;
    private readonly Lock _lock = new();
    private long _stampNs;
    private bool _received;

    public GazeboTopicArm(Node node, IReadOnlyList<string> joints)
    {
        ArgumentNullException.ThrowIfNull(node);
        ArgumentNullException.ThrowIfNull(joints);
        (_node, JointNames) = (node, [.. joints]);
        _index = new int[joints.Count];
        (_position, _velocity) = (new double[joints.Count], new double[joints.Count]);
        _goal = [.. joints.Select(_ => new Float64())];
        _commands = [.. joints.Select(j => node.CreatePublisher<Float64>($"gazebo/{j}/cmd_pos"))];
        _states = node.CreateSubscription<JointState>("gazebo/joint_states", OnState, QosProfile.SensorData);
    }

    public IReadOnlyList<string> JointNames { get; }

    public string? Fault { get; private set; }

    public bool Read(Span<double> position, Span<double> velocity, out long stampNs)
    {
        stampNs = 0;
        if (!_lock.TryEnter())
        {
            return false;
        }

        try
        {
            // The latest state with its capture stamp: Gazebo publishes slower than the loop runs, and an old stamp is
            // the supervisor's business (sensor staleness, E18), not a failed read.
            stampNs = _stampNs;
            if (!_received)
            {
                return false;
            }

            _position.CopyTo(position);
            _velocity.CopyTo(velocity);
            return true;
        }
        finally
        {
            _lock.Exit();
        }
    }

    public void WritePosition(ReadOnlySpan<double> position, ReadOnlySpan<double> velocity)
    {
        for (var i = 0; i < _commands.Length; i++)
        {
            _goal[i].Data = position[i];
            _commands[i].Publish(_goal[i]);
        }
    }

    public void DisableTorque()
    {
        // Gazebo's JointPositionController has no torque switch: no more goals means it holds the last one.
    }

    public void Dispose()
    {
        _states.Dispose();
        foreach (var publisher in _commands)
        {
            publisher.Dispose();
        }
    }

    private void OnState(JointState state)
    {
        // Gazebo names joints as in the SDF; a missing joint is a configuration error the operator must see.
        for (var i = 0; i < JointNames.Count; i++)
        {
            _index[i] = Array.IndexOf(state.Name, JointNames[i]);
            if (_index[i] < 0)
            {
                Fault ??= $"Gazebo's joint states have no joint '{JointNames[i]}' (it sends: {string.Join(", ", state.Name)}); check the model's joint names";
                return;
            }
        }

        lock (_lock)
        {
            for (var i = 0; i < _index.Length; i++)
            {
                _position[i] = state.Position[_index[i]];
                _velocity[i] = _index[i] < state.Velocity.Length ? state.Velocity[_index[i]] : 0;
            }

            // Capture time: Gazebo stamps with sim time; with use_sim_time our clock is the same /clock.
            _stampNs = state.Header.Stamp.Sec == 0 && state.Header.Stamp.Nanosec == 0 ? RosTime.NowNanoseconds(_node.Clock) : RosTime.ToNanoseconds(state.Header.Stamp);
            _received = true;
        }
    }
}
