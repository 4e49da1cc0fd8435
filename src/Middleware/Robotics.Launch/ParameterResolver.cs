namespace Robotics.Launch;

/// <summary>
/// Which parameter values a node ends up with, computed the way rcl and rclcpp do it:
/// <list type="number">
/// <item>rcl parses every <c>--params-file</c> and <c>-p</c> of a command line, in order, into one table keyed by the
/// node key as written; a key seen again keeps its first position and its parameters are overwritten in place.</item>
/// <item>rclcpp (resolve_parameter_overrides) walks that table in key order and, for every key whose pattern matches
/// the node's fully-qualified name, assigns the parameters in order, so later assignments win.</item>
/// </list>
/// There is no ranking by specificity: within one file a later <c>/**</c> block beats an earlier <c>/talker</c> block.
/// The result lists each parameter once, in the order it was first set.
/// </summary>
public static class ParameterResolver
{
    public static IReadOnlyList<Parameter> Resolve(IEnumerable<IParameterSource> sources, string fullyQualifiedNodeName)
    {
        ArgumentNullException.ThrowIfNull(sources);
        ArgumentNullException.ThrowIfNull(fullyQualifiedNodeName);
        if (!fullyQualifiedNodeName.StartsWith('/'))
        {
            throw new ArgumentException(
                $"'{fullyQualifiedNodeName}' is not a fully-qualified node name (expected e.g. /robot/arm)",
                nameof(fullyQualifiedNodeName));
        }

        var table = new Dictionary<string, OrderedParameters>(StringComparer.Ordinal);
        var keys = new List<string>();
        foreach (var entry in sources.SelectMany(source => source.Entries))
        {
            if (!table.TryGetValue(entry.NodePattern, out var block))
            {
                block = new OrderedParameters();
                table.Add(entry.NodePattern, block);
                keys.Add(entry.NodePattern);
            }

            block.SetAll(entry.Parameters);
        }

        var result = new OrderedParameters();
        foreach (var key in keys)
        {
            if (NodeNamePattern.Matches(key, fullyQualifiedNodeName))
            {
                result.SetAll(table[key].Items);
            }
        }

        return ValueList<Parameter>.From(result.Items);
    }

    private sealed class OrderedParameters
    {
        private readonly Dictionary<string, int> _indexByName = new(StringComparer.Ordinal);

        public List<Parameter> Items { get; } = [];

        public void SetAll(IEnumerable<Parameter> parameters)
        {
            foreach (var parameter in parameters)
            {
                if (_indexByName.TryGetValue(parameter.Name, out var index))
                {
                    Items[index] = parameter;
                }
                else
                {
                    _indexByName.Add(parameter.Name, Items.Count);
                    Items.Add(parameter);
                }
            }
        }
    }
}
