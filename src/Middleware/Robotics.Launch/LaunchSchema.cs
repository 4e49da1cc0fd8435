namespace Robotics.Launch;

/// <summary>
/// The launch_xml / launch_yaml vocabulary this loader understands: a subset of launch and launch_ros chosen for the
/// stack (no Python, no composable nodes, no lifecycle). Dashed and underscored spellings are both accepted where
/// launch_ros registers both (push-ros-namespace, set-remap). <c>ros_namespace</c> on a node is our alias of
/// <c>namespace</c>, not a launch_ros attribute.
/// </summary>
internal static class LaunchSchema
{
    private static readonly string[] s_condition = ["if", "unless"];

    public static EntitySchema Root { get; } = new(["version"], hasActions: true);

    public static IReadOnlyDictionary<string, EntitySchema> Actions { get; } = BuildActions();

    public static string ActionNames => string.Join(", ", Actions.Keys);

    /// <summary>Validates a whole document before anything runs, so a typo in a branch that is skipped still fails.</summary>
    public static void ValidateTree(LaunchEntity entity, EntitySchema schema)
    {
        entity.Validate(schema);
        foreach (var (kind, childSchema) in schema.Children)
        {
            foreach (var child in entity.GetChildren(kind))
            {
                ValidateTree(child, childSchema);
            }
        }

        if (!schema.HasActions)
        {
            return;
        }

        foreach (var action in entity.GetActions())
        {
            if (!Actions.TryGetValue(action.TypeName, out var actionSchema))
            {
                throw new LaunchException(action.Location, $"unknown action '{action.TypeName}' (allowed: {ActionNames})");
            }

            ValidateTree(action, actionSchema);
        }
    }

    private static Dictionary<string, EntitySchema> BuildActions()
    {
        var param = new EntitySchema(["name", "value", "from"]);
        param.Children.Add("param", param); // nested params: <param name="gains"><param name="p" value="1.0"/></param>

        var node = new EntitySchema(
            ["pkg", "exec", "name", "namespace", "ros_namespace", "args", "output", "respawn", "respawn_delay", .. s_condition]);
        node.Children.Add("param", param);
        node.Children.Add("remap", new EntitySchema(["from", "to"]));
        node.Children.Add("env", new EntitySchema(["name", "value"]));

        var include = new EntitySchema(["file", .. s_condition]);
        include.Children.Add("arg", new EntitySchema(["name", "value"]));

        var push = new EntitySchema(["namespace", .. s_condition]);
        var setRemap = new EntitySchema(["from", "to", .. s_condition]);
        return new Dictionary<string, EntitySchema>(StringComparer.Ordinal)
        {
            ["arg"] = new(["name", "default", "description", .. s_condition]),
            ["let"] = new(["name", "value", .. s_condition]),
            ["node"] = node,
            ["include"] = include,
            ["group"] = new(["scoped", .. s_condition], hasActions: true),
            ["push-ros-namespace"] = push,
            ["push_ros_namespace"] = push,
            ["set-remap"] = setRemap,
            ["set_remap"] = setRemap,
        };
    }
}
