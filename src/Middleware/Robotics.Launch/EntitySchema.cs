namespace Robotics.Launch;

/// <summary>The attributes and children one kind of launch entity may have.</summary>
internal sealed class EntitySchema(IReadOnlyList<string> attributes, bool hasActions = false)
{
    public IReadOnlyList<string> Attributes { get; } = attributes;

    /// <summary>Child kinds and their schemas (XML child elements, YAML list-valued keys).</summary>
    public Dictionary<string, EntitySchema> Children { get; } = new(StringComparer.Ordinal);

    /// <summary>Whether the entity holds nested actions (the root, a group).</summary>
    public bool HasActions { get; } = hasActions;

    public bool Allows(string attribute) => Attributes.Contains(attribute, StringComparer.Ordinal);

    public string Describe(bool includeChildren)
    {
        var names = includeChildren ? Attributes.Concat(Children.Keys) : Attributes;
        var list = string.Join(", ", names);
        return list.Length == 0 ? "none" : list;
    }
}
