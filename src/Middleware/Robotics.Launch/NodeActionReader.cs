using System.Globalization;

namespace Robotics.Launch;

/// <summary>Builds a <see cref="NodeLaunch"/> from a <c>node</c> entity as launch_ros's Node action does.</summary>
internal static class NodeActionReader
{
    public static NodeLaunch Read(LaunchEntity node, LaunchContext context)
    {
        var executable = context.RequiredText(node, "exec");
        var name = context.Text(node, "name");
        if (name is not null && RosNames.NodeNameProblem(name) is { } nameProblem)
        {
            throw new LaunchException(node.LocationOf("name"), $"invalid node name '{name}': {nameProblem}");
        }

        var namespaceAttribute = node.GetText("namespace") is not null ? "namespace" : "ros_namespace";
        if (node.GetText("namespace") is not null && node.GetText("ros_namespace") is not null)
        {
            throw new LaunchException(node.Location, "'node' takes 'namespace' or its alias 'ros_namespace', not both");
        }

        // launch_ros: a relative namespace goes under the pushed one, an absolute namespace replaces it.
        var ownNamespace = context.Text(node, namespaceAttribute) is { Length: > 0 } text ? text : null;
        var ns = RosNames.MakeAbsolute(RosNames.Prefix(context.RosNamespace, ownNamespace)) ?? "/";
        if (RosNames.NamespaceProblem(ns) is { } nsProblem)
        {
            throw new LaunchException(node.LocationOf(namespaceAttribute), $"invalid namespace '{ns}': {nsProblem}");
        }

        var launch = new NodeLaunch
        {
            Package = context.Text(node, "pkg"),
            Executable = executable,
            Name = name,
            Namespace = ns,
            Source = node.Location,
        };

        // launch_ros writes name/value parameters to a file keyed by the node's full name when the name is given,
        // else by "/**", and passes those and the 'from' files as --params-file in order; rcl then merges them.
        var key = name is null ? "/**" : launch.FullyQualifiedName;
        var sources = new List<IParameterSource>();
        foreach (var param in node.GetChildren("param"))
        {
            ReadParameter(param, prefix: string.Empty, key, sources, context);
        }

        return launch with
        {
            Parameters = ParameterResolver.Resolve(sources, launch.FullyQualifiedName),
            Remaps = [.. context.GlobalRemaps, .. node.GetChildren("remap").Select(remap => ReadRemap(remap, context))],
            Arguments = CommandLineSplitter.Split(context.Text(node, "args") ?? string.Empty),
            Environment = [.. node.GetChildren("env").Select(env =>
                KeyValuePair.Create(context.RequiredText(env, "name"), context.RequiredText(env, "value")))],
            Output = context.Text(node, "output"),
            Respawn = context.Flag(node, "respawn", defaultValue: false),
            RespawnDelaySeconds = ReadSeconds(node, "respawn_delay", context),
        };
    }

    public static Remap ReadRemap(LaunchEntity entity, LaunchContext context)
    {
        var from = context.RequiredText(entity, "from");
        var to = context.RequiredText(entity, "to");
        if (from.Length == 0 || to.Length == 0)
        {
            throw new LaunchException(entity.Location, $"'{entity.TypeName}' needs non-empty 'from' and 'to'");
        }

        return new Remap(from, to);
    }

    private static void ReadParameter(LaunchEntity param, string prefix, string key, List<IParameterSource> sources, LaunchContext context)
    {
        var hasFrom = param.GetText("from") is not null;
        var hasName = param.GetText("name") is not null;
        if (hasFrom == hasName || (hasFrom && prefix.Length > 0))
        {
            throw new LaunchException(param.Location, prefix.Length > 0 && hasFrom
                ? "a nested 'param' cannot use 'from'"
                : "'param' needs either 'name' (with 'value' or nested params) or 'from' (a parameter file), not both");
        }

        if (hasFrom)
        {
            var path = context.ResolvePath(context.RequiredText(param, "from"));
            if (!File.Exists(path))
            {
                throw new LaunchException(param.LocationOf("from"), $"parameter file '{path}' does not exist");
            }

            sources.Add(ParameterFile.Load(path));
            return;
        }

        var name = prefix + context.RequiredText(param, "name");
        if (name.Length == prefix.Length)
        {
            throw new LaunchException(param.LocationOf("name"), "'param' needs a non-empty 'name'");
        }

        var nested = param.GetChildren("param");
        var list = param.GetTextList("value");
        var text = list is null ? param.GetText("value") : null;
        if ((list is not null || text is not null) == (nested.Count > 0))
        {
            throw new LaunchException(param.Location, nested.Count > 0
                ? $"parameter '{name}' has both a 'value' and nested params"
                : $"parameter '{name}' needs a 'value' (or nested params)");
        }

        if (nested.Count > 0)
        {
            foreach (var child in nested)
            {
                ReadParameter(child, name + ".", key, sources, context);
            }

            return;
        }

        var location = param.LocationOf("value");
        var value = list is not null
            ? ParameterValueReader.FromLaunchList([.. list.Select(item => context.Substitute(item, location))], name, location)
            : ParameterValueReader.FromLaunchText(context.Substitute(text!, location), name, location);
        sources.Add(new ParameterOverride(key, new Parameter(name, value)));
    }

    private static double? ReadSeconds(LaunchEntity node, string attribute, LaunchContext context)
    {
        var text = context.Text(node, attribute);
        if (text is null)
        {
            return null;
        }

        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) || !double.IsFinite(seconds) || seconds < 0)
        {
            throw new LaunchException(node.LocationOf(attribute), $"'{attribute}' must be a number of seconds >= 0, got '{text}'");
        }

        return seconds;
    }
}
