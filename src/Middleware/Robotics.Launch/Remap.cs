namespace Robotics.Launch;

/// <summary>
/// A remapping rule <c>[node:]from:=to</c> (ROS 2 design "Remapping Names"). <c>__node</c> (or <c>__name</c>) renames
/// the node and <c>__ns</c> moves it to another namespace; a node prefix limits the rule to the node of that name.
/// </summary>
public sealed record Remap
{
    public Remap(string from, string to, string? nodeName = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(from);
        ArgumentException.ThrowIfNullOrEmpty(to);
        if (nodeName is { Length: 0 })
        {
            throw new ArgumentException("a remap's node name must be null or non-empty", nameof(nodeName));
        }

        From = from;
        To = to;
        NodeName = nodeName;
    }

    public string From { get; }

    public string To { get; }

    /// <summary>The node this rule is limited to, or null for every node of the process.</summary>
    public string? NodeName { get; }

    public bool IsNodeNameRule => From is "__node" or "__name";

    public bool IsNamespaceRule => From == "__ns";

    /// <summary>Parses <c>[node:]from:=to</c>; <c>rostopic://</c> and <c>rosservice://</c> prefixes stay part of from.</summary>
    public static Remap Parse(string rule)
    {
        ArgumentNullException.ThrowIfNull(rule);
        var separator = rule.IndexOf(":=", StringComparison.Ordinal);
        if (separator <= 0 || separator + 2 >= rule.Length)
        {
            throw new LaunchException($"invalid remap rule '{rule}' (expected [node:]from:=to, e.g. chatter:=/robot/chatter)");
        }

        var left = rule[..separator];
        var to = rule[(separator + 2)..];
        string? node = null;
        var colon = left.IndexOf(':', StringComparison.Ordinal);
        if (colon > 0 && !left.AsSpan(colon).StartsWith("://"))
        {
            node = left[..colon];
            left = left[(colon + 1)..];
            if (RosNames.NodeNameProblem(node) is { } problem)
            {
                throw new LaunchException($"invalid remap rule '{rule}': {problem}");
            }
        }

        if (left.Length == 0)
        {
            throw new LaunchException($"invalid remap rule '{rule}': nothing to remap before ':='");
        }

        if (left == "__ns" && RosNames.NamespaceProblem(to) is { } nsProblem)
        {
            throw new LaunchException($"invalid remap rule '{rule}': {nsProblem}");
        }

        if (left is "__node" or "__name" && RosNames.NodeNameProblem(to) is { } nameProblem)
        {
            throw new LaunchException($"invalid remap rule '{rule}': {nameProblem}");
        }

        return new Remap(left, to, node);
    }

    public override string ToString() => (NodeName is null ? string.Empty : NodeName + ":") + From + ":=" + To;
}
