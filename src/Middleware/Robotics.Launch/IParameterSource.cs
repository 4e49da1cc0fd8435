namespace Robotics.Launch;

/// <summary>
/// Something that contributes parameters to nodes in rcl's shape: blocks keyed by node name patterns. A parameter file
/// and a single <c>-p</c> override are both sources; <see cref="ParameterResolver"/> combines them in order.
/// </summary>
public interface IParameterSource
{
    IReadOnlyList<NodeParameters> Entries { get; }
}
