namespace Robotics.Launch;

/// <summary>
/// A single parameter set on a command line (<c>-p [node:]name:=value</c>) or by a launch file's
/// <c>param name= value=</c>. With no node name it applies to every node, as rcl files it under <c>/**</c>.
/// </summary>
public sealed record ParameterOverride(string? NodeName, Parameter Parameter) : IParameterSource
{
    /// <summary>The node key rcl files this override under.</summary>
    public string NodePattern => NodeName ?? "/**";

    public IReadOnlyList<NodeParameters> Entries => [new NodeParameters(NodePattern, [Parameter])];

    /// <summary>The <c>-p</c> rule text, e.g. <c>talker:rate:=10</c>; throws for byte arrays, which have no YAML form.</summary>
    public string ToRule() => Prefix + ParameterValue.ToYaml(Parameter.Value);

    public override string ToString() => Prefix + ParameterValue.Describe(Parameter.Value);

    private string Prefix => (NodeName is null ? string.Empty : NodeName + ":") + Parameter.Name + ":=";
}
