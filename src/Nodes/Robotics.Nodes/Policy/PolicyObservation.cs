using Robotics.Messages.RoboticsMsgs;
using Robotics.Messages.SensorMsgs;
using Robotics.Middleware.Time;
using Robotics.Policies.Contract;

namespace Robotics.Nodes.Policy;

/// <summary>
/// The latest robot data a policy's state is built from: joint positions by name (joint_states) and environment
/// values by name (observation/environment_state), each with its stamp. Gathered in the sidecar's feature order;
/// the observation's stamp is the oldest of the sources used, so its age is never understated.
/// </summary>
internal sealed class PolicyObservation
{
    private readonly string[] _features;
    private readonly double[] _values;
    private readonly bool[] _seen;
    private readonly Dictionary<string, int> _joint = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _commanded = new(StringComparer.Ordinal);
    private readonly double[] _measured;
    private readonly bool[] _measuredSeen;
    private readonly Dictionary<string, int> _environment = new(StringComparer.Ordinal);
    private long _jointStampNs = -1;
    private long _environmentStampNs = -1;

    public PolicyObservation(PolicySpec spec)
    {
        _features = [.. spec.State.Features];
        _values = new double[_features.Length];
        _seen = new bool[_features.Length];
        _measured = new double[spec.JointNames.Count];
        _measuredSeen = new bool[spec.JointNames.Count];
        for (var i = 0; i < spec.JointNames.Count; i++)
        {
            _commanded[spec.JointNames[i]] = i;
        }

        for (var i = 0; i < _features.Length; i++)
        {
            if (_features[i].StartsWith(PolicyValidation.JointFeature, StringComparison.Ordinal))
            {
                _joint[_features[i][PolicyValidation.JointFeature.Length..]] = i;
            }
            else
            {
                _environment[_features[i][PolicyValidation.EnvironmentFeature.Length..]] = i;
            }
        }
    }

    public bool UsesEnvironment => _environment.Count > 0;

    /// <summary>True once every feature has a value.</summary>
    public bool Complete => Array.TrueForAll(_seen, s => s);

    /// <summary>Stamp of the observation (the older of its sources), ns.</summary>
    public long StampNs => UsesEnvironment ? Math.Min(_jointStampNs, _environmentStampNs) : _jointStampNs;

    public ReadOnlySpan<double> Values => _values;

    /// <summary>Measured positions of the policy's commanded joints (action order), once all were seen.</summary>
    public bool TryMeasured(out ReadOnlySpan<double> positions)
    {
        positions = _measured;
        return Array.TrueForAll(_measuredSeen, s => s);
    }

    /// <summary>Stamp of the latest joint_states, ns.</summary>
    public long JointStampNs => _jointStampNs;

    public void Update(JointState joints)
    {
        Update(joints.Name, joints.Position, _joint, RosTime.ToNanoseconds(joints.Header.Stamp), ref _jointStampNs);
        var count = Math.Min(joints.Name.Length, joints.Position.Length);
        for (var i = 0; i < count; i++)
        {
            if (_commanded.TryGetValue(joints.Name[i], out var joint) && double.IsFinite(joints.Position[i]))
            {
                (_measured[joint], _measuredSeen[joint]) = (joints.Position[i], true);
            }
        }
    }

    public void Update(StateVector environment) => Update(environment.Names, environment.Values, _environment, RosTime.ToNanoseconds(environment.Header.Stamp), ref _environmentStampNs);

    private void Update(string[] names, double[] values, Dictionary<string, int> index, long stampNs, ref long sourceStampNs)
    {
        var count = Math.Min(names.Length, values.Length);
        for (var i = 0; i < count; i++)
        {
            if (index.TryGetValue(names[i], out var feature) && double.IsFinite(values[i]))
            {
                (_values[feature], _seen[feature]) = (values[i], true);
            }
        }

        sourceStampNs = stampNs;
    }
}
