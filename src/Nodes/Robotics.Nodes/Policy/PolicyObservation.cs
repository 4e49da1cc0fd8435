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
    private readonly Dictionary<string, int> _environment = new(StringComparer.Ordinal);
    private long _jointStampNs = -1;
    private long _environmentStampNs = -1;

    public PolicyObservation(PolicySpec spec)
    {
        _features = [.. spec.State.Features];
        _values = new double[_features.Length];
        _seen = new bool[_features.Length];
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

    public IEnumerable<string> Missing => _features.Where((_, i) => !_seen[i]);

    public void Update(JointState joints) => Update(joints.Name, joints.Position, _joint, RosTime.ToNanoseconds(joints.Header.Stamp), ref _jointStampNs);

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
