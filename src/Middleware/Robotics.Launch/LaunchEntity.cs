namespace Robotics.Launch;

/// <summary>
/// One element of a launch file, whatever the format: launch's frontend Entity (launch/frontend/entity.py). XML
/// attributes and YAML keys are both attributes; XML child elements and YAML lists of maps are both children. One
/// interpreter runs over this, so an XML file and its YAML translation give the same plan.
/// </summary>
internal abstract class LaunchEntity(string typeName, SourceLocation location)
{
    public string TypeName { get; } = typeName;

    public SourceLocation Location { get; } = location;

    /// <summary>The raw (unsubstituted) text of a single-valued attribute, or null when absent.</summary>
    public abstract string? GetText(string attribute);

    /// <summary>The raw texts of a list-valued attribute (YAML <c>value: [a, b]</c>); null when absent or single-valued.</summary>
    public abstract IReadOnlyList<string>? GetTextList(string attribute);

    /// <summary>Where the attribute's value is, for messages about it; the entity's location when absent.</summary>
    public abstract SourceLocation LocationOf(string attribute);

    /// <summary>Children of one kind: <c>param</c> of a node, <c>arg</c> of an include.</summary>
    public abstract IReadOnlyList<LaunchEntity> GetChildren(string kind);

    /// <summary>Nested actions: of the root and of a group.</summary>
    public abstract IReadOnlyList<LaunchEntity> GetActions();

    /// <summary>Rejects attributes and children the schema does not name (ROS 2 launch rejects them too).</summary>
    public abstract void Validate(EntitySchema schema);

    protected LaunchException UnknownAttribute(string name, SourceLocation where, EntitySchema schema, bool includeChildren) =>
        new(where, $"unknown attribute '{name}' on '{TypeName}' (allowed: {schema.Describe(includeChildren)})");
}
