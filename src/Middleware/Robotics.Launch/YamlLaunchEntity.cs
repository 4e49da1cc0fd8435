using YamlDotNet.RepresentationModel;

namespace Robotics.Launch;

/// <summary>
/// An entity of a launch_yaml file (launch_yaml/entity.py): <c>- node: {pkg: ..., param: [{name: ..., value: ...}]}</c>.
/// The body of an action is a map of attributes; a group's body may instead be the list of its actions, or a map
/// with a <c>children</c> list beside its attributes.
/// </summary>
internal sealed class YamlLaunchEntity(string typeName, YamlNode body, SourceLocation location, string file)
    : LaunchEntity(typeName, location)
{
    private const string ChildrenKey = "children";

    public override string? GetText(string attribute)
    {
        var value = Find(attribute);
        return value switch
        {
            null => null,
            YamlScalarNode scalar => scalar.Value ?? string.Empty,
            _ => throw new LaunchException(At(value), $"attribute '{attribute}' of '{TypeName}' must be a single value, not a list or map"),
        };
    }

    public override IReadOnlyList<string>? GetTextList(string attribute)
    {
        if (Find(attribute) is not YamlSequenceNode sequence)
        {
            return null;
        }

        return [.. sequence.Children.Select(item => item is YamlScalarNode scalar
            ? scalar.Value ?? string.Empty
            : throw new LaunchException(At(item), $"attribute '{attribute}' of '{TypeName}' may list only single values"))];
    }

    public override SourceLocation LocationOf(string attribute) => Find(attribute) is { } value ? At(value) : Location;

    public override IReadOnlyList<LaunchEntity> GetChildren(string kind)
    {
        switch (Find(kind))
        {
            case null:
                return [];
            case YamlSequenceNode sequence:
                return [.. sequence.Children.Select(item => item is YamlMappingNode
                    ? new YamlLaunchEntity(kind, item, At(item), file)
                    : throw new LaunchException(At(item), $"each '{kind}' of '{TypeName}' must be a map of attributes, e.g. {{name: ..., value: ...}}"))];
            case var other:
                throw new LaunchException(At(other), $"'{kind}' of '{TypeName}' must be a list of maps, e.g. [{{name: ..., value: ...}}]");
        }
    }

    public override IReadOnlyList<LaunchEntity> GetActions()
    {
        var list = body switch
        {
            YamlSequenceNode sequence => sequence,
            YamlMappingNode => Find(ChildrenKey) switch
            {
                null => null,
                YamlSequenceNode sequence => sequence,
                var other => throw new LaunchException(At(other), $"'{ChildrenKey}' of '{TypeName}' must be a list of actions"),
            },
            _ => null,
        };
        if (list is null)
        {
            return [];
        }

        return [.. list.Children.Select(ToAction)];
    }

    public override void Validate(EntitySchema schema)
    {
        switch (body)
        {
            case YamlScalarNode { Value: null or "" }:
                return; // "- group:" with nothing under it
            case YamlSequenceNode when schema.HasActions:
                return;
            case YamlMappingNode map:
                foreach (var key in map.Children.Keys)
                {
                    var name = (key as YamlScalarNode)?.Value ?? string.Empty;
                    var known = schema.Allows(name) || schema.Children.ContainsKey(name) || (schema.HasActions && name == ChildrenKey);
                    if (!known)
                    {
                        throw UnknownAttribute(name, At(key), schema, includeChildren: true);
                    }
                }

                return;
            default:
                throw new LaunchException(Location, schema.HasActions
                    ? $"'{TypeName}' must be a list of actions or a map of attributes with a '{ChildrenKey}' list"
                    : $"'{TypeName}' must be a map of attributes, e.g. {TypeName}: {{name: ...}}");
        }
    }

    private LaunchEntity ToAction(YamlNode item)
    {
        if (item is not YamlMappingNode { Children.Count: 1 } map || map.Children.Keys.First() is not YamlScalarNode { Value: { Length: > 0 } name })
        {
            throw new LaunchException(At(item),
                "each action must be a map with one key naming it, e.g. '- node: {pkg: demo, exec: talker}'");
        }

        var key = map.Children.Keys.First();
        return new YamlLaunchEntity(name, map.Children[key], At(key), file);
    }

    private YamlNode? Find(string key)
    {
        if (body is not YamlMappingNode map)
        {
            return null;
        }

        foreach (var (k, v) in map.Children)
        {
            if (k is YamlScalarNode { Value: { } name } && name == key)
            {
                return v;
            }
        }

        return null;
    }

    private SourceLocation At(YamlNode node) => new(file, (int)node.Start.Line);
}
