using YamlDotNet.RepresentationModel;

namespace Robotics.Launch;

/// <summary>
/// Walks a parameter file the way rcl_yaml_param_parser's parse.c does: map keys are collected into a node name
/// ("ns: {node: ...}" is node "ns/node") until a <c>ros__parameters</c> key; below it keys are parameter names and
/// nested maps are joined with '.'. Node keys are validated as rcl's <c>__validate_name</c> does.
/// </summary>
internal static class ParameterFileParser
{
    public const string ParametersKey = "ros__parameters";

    private const string Shape = "expected <node name>: {ros__parameters: {<parameter>: <value>}}";

    public static List<NodeParameters> Parse(string text, string file)
    {
        var entries = new List<NodeParameters>();
        foreach (var document in YamlText.Load(text, file, rejectAliases: true).Documents)
        {
            switch (document.RootNode)
            {
                case YamlScalarNode { Value: null or "" }:
                    break; // an empty document declares nothing
                case YamlMappingNode map:
                    VisitNodeLevel(map, nodePath: null, entries, file);
                    break;
                case var other:
                    throw Fail(file, other, $"a parameter file is a map from node names to 'ros__parameters' ({Shape})");
            }
        }

        return entries;
    }

    private static void VisitNodeLevel(YamlMappingNode map, string? nodePath, List<NodeParameters> entries, string file)
    {
        foreach (var (keyNode, valueNode) in map.Children)
        {
            var key = KeyText(keyNode, file);
            if (key == ParametersKey)
            {
                if (nodePath is null)
                {
                    throw Fail(file, keyNode, $"'{ParametersKey}' must be nested under a node name ({Shape})");
                }

                if (NodeKeyProblem(nodePath) is { } problem)
                {
                    throw Fail(file, keyNode, $"invalid node name '{nodePath}': {problem}");
                }

                if (valueNode is not YamlMappingNode parameters)
                {
                    throw Fail(file, valueNode, $"'{ParametersKey}' of '{nodePath}' must be a map of parameter names to values");
                }

                var list = new List<Parameter>();
                VisitParameters(parameters, prefix: string.Empty, list, file);
                entries.Add(new NodeParameters(nodePath, list, new SourceLocation(file, Line(keyNode))));
                continue;
            }

            var path = nodePath is null ? key : nodePath + "/" + key;
            if (valueNode is not YamlMappingNode nested)
            {
                throw Fail(file, valueNode, nodePath is null
                    ? $"'{key}' must be a map holding '{ParametersKey}' ({Shape})"
                    : $"'{key}' under '{nodePath}' is outside '{ParametersKey}' ({Shape})");
            }

            VisitNodeLevel(nested, path, entries, file);
        }
    }

    private static void VisitParameters(YamlMappingNode map, string prefix, List<Parameter> list, string file)
    {
        foreach (var (keyNode, valueNode) in map.Children)
        {
            var name = prefix + KeyText(keyNode, file);
            if (valueNode is YamlMappingNode nested)
            {
                VisitParameters(nested, name + ".", list, file);
                continue;
            }

            var value = ParameterValueReader.FromYamlNode(valueNode, name, (node, problem) => Fail(file, node, problem));
            list.Add(new Parameter(name, value));
        }
    }

    // rcl: "/**" is always fine; otherwise the part before the last '/' must be a valid namespace (or "/**") and the
    // part after it a valid node name (or "*").
    private static string? NodeKeyProblem(string key)
    {
        if (key == "/**")
        {
            return null;
        }

        var slash = key.LastIndexOf('/');
        var nodeName = slash < 0 ? key : key[(slash + 1)..];
        if (slash >= 0)
        {
            var ns = RosNames.MakeAbsolute(key[..slash])!;
            if (ns != "/**" && RosNames.NamespaceProblem(ns) is { } nsProblem)
            {
                return nsProblem + " (wildcards: '/**' for any namespaces, '*' for one node name)";
            }
        }

        return nodeName == "*" ? null : RosNames.NodeNameProblem(nodeName);
    }

    private static string KeyText(YamlNode keyNode, string file)
    {
        if (keyNode is not YamlScalarNode { Value: { Length: > 0 } text })
        {
            throw Fail(file, keyNode, "keys must be non-empty names");
        }

        return text;
    }

    private static int Line(YamlNode node) => (int)node.Start.Line;

    private static LaunchException Fail(string file, YamlNode node, string problem) =>
        new(new SourceLocation(file, Line(node)), problem);
}
