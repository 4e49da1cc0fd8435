using System.Text;

namespace Robotics.Launch;

/// <summary>
/// Runs the actions of launch files in order against a <see cref="LaunchContext"/>, collecting nodes instead of
/// starting processes. Semantics follow launch and launch_ros: DeclareLaunchArgument keeps a value already set,
/// IncludeLaunchDescription is not scoped, GroupAction is scoped unless told otherwise, PushRosNamespace composes
/// with prefix_namespace, conditions accept true/false/1/0.
/// </summary>
internal sealed class LaunchInterpreter(LaunchContext context)
{
    private readonly Dictionary<string, LaunchEntity> _roots = new(StringComparer.Ordinal);

    public void RunFile(string fullPath, SourceLocation? includedFrom)
    {
        var cycleStart = context.FileStack.FindIndex(frame => frame.File == fullPath);
        if (cycleStart >= 0)
        {
            var chain = context.FileStack.Skip(cycleStart).Select(frame => frame.File).Append(fullPath);
            throw new LaunchException(includedFrom!.Value, $"include cycle: {string.Join(" -> ", chain)}");
        }

        var root = LaunchDocument.Load(fullPath);
        LaunchSchema.ValidateTree(root, LaunchSchema.Root);
        _roots[fullPath] = root;

        var previousFile = context.CurrentFile;
        context.CurrentFile = fullPath;
        context.FileStack.Add((fullPath, includedFrom));
        Execute(root.GetActions());
        context.FileStack.RemoveAt(context.FileStack.Count - 1);
        context.CurrentFile = previousFile;
    }

    private void Execute(IReadOnlyList<LaunchEntity> actions)
    {
        foreach (var action in actions)
        {
            if (!ConditionHolds(action))
            {
                continue;
            }

            switch (action.TypeName)
            {
                case "arg":
                    DeclareArgument(action);
                    break;
                case "let":
                    context.Configurations[context.RequiredText(action, "name")] = context.RequiredText(action, "value");
                    break;
                case "node":
                    context.Nodes.Add(NodeActionReader.Read(action, context));
                    break;
                case "include":
                    Include(action);
                    break;
                case "group":
                    Group(action);
                    break;
                case "push-ros-namespace" or "push_ros_namespace":
                    PushRosNamespace(action);
                    break;
                default: // set-remap / set_remap: the schema admits nothing else
                    context.GlobalRemaps.Add(NodeActionReader.ReadRemap(action, context));
                    break;
            }
        }
    }

    private bool ConditionHolds(LaunchEntity action)
    {
        var hasIf = action.GetText("if") is not null;
        var hasUnless = action.GetText("unless") is not null;
        if (hasIf && hasUnless)
        {
            throw new LaunchException(action.Location, $"'{action.TypeName}' has both 'if' and 'unless'; launch allows one condition per action");
        }

        return hasIf ? context.Flag(action, "if", true) : !hasUnless || !context.Flag(action, "unless", false);
    }

    // DeclareLaunchArgument: a value given by the caller, an include or an earlier let wins over the default.
    private void DeclareArgument(LaunchEntity action)
    {
        var name = action.GetText("name");
        if (string.IsNullOrEmpty(name))
        {
            throw new LaunchException(action.Location, "'arg' needs a non-empty 'name'");
        }

        var defaultText = action.GetText("default");
        if (!context.Configurations.TryGetValue(name, out var value))
        {
            value = defaultText is null ? throw MissingArgument(action, name) : context.Substitute(defaultText, action.LocationOf("default"));
            context.Configurations[name] = value;
        }

        context.Arguments.Add(new LaunchArgument(name, value, defaultText, action.GetText("description"), action.Location));
    }

    private LaunchException MissingArgument(LaunchEntity action, string name)
    {
        var message = new StringBuilder($"launch argument '{name}' is required but was not given (pass {name}:=<value>)");
        if (context.FileStack[^1].IncludedFrom is { } includedFrom)
        {
            message.Append($" [included from {includedFrom}]");
        }

        message.Append($"; arguments of {Path.GetFileName(context.CurrentFile)}:");
        foreach (var declaration in DeclaredArguments(_roots[context.CurrentFile]))
        {
            var defaultText = declaration.GetText("default");
            message.Append($"\n  {declaration.GetText("name")}")
                .Append(defaultText is null ? " (required)" : $" (default '{defaultText}')")
                .Append(declaration.GetText("description") is { Length: > 0 } description ? ": " + description : string.Empty);
        }

        return new LaunchException(action.Location, message.ToString());
    }

    private static IEnumerable<LaunchEntity> DeclaredArguments(LaunchEntity scope)
    {
        foreach (var action in scope.GetActions())
        {
            if (action.TypeName == "arg")
            {
                yield return action;
            }
            else if (action.TypeName == "group")
            {
                foreach (var nested in DeclaredArguments(action))
                {
                    yield return nested;
                }
            }
        }
    }

    // IncludeLaunchDescription sets its arguments as launch configurations in the current scope and runs the file in
    // that same scope, so both leak to the includer; wrap the include in a group to contain them (ros2/launch#313).
    private void Include(LaunchEntity action)
    {
        var path = context.ResolvePath(context.RequiredText(action, "file"));
        if (!File.Exists(path))
        {
            throw new LaunchException(action.LocationOf("file"), $"included file '{path}' does not exist");
        }

        var arguments = action.GetChildren("arg")
            .Select(arg => (Name: context.RequiredText(arg, "name"), Value: context.RequiredText(arg, "value")))
            .ToList();
        foreach (var (name, value) in arguments)
        {
            context.Configurations[name] = value;
        }

        RunFile(path, action.Location);
    }

    private void Group(LaunchEntity action)
    {
        if (!context.Flag(action, "scoped", defaultValue: true))
        {
            Execute(action.GetActions());
            return;
        }

        var saved = context.Save();
        Execute(action.GetActions());
        context.Restore(saved);
    }

    private void PushRosNamespace(LaunchEntity action)
    {
        var pushed = context.RequiredText(action, "namespace");
        var ns = RosNames.MakeAbsolute(RosNames.Prefix(context.RosNamespace, pushed))!;
        if (RosNames.NamespaceProblem(ns) is { } problem)
        {
            throw new LaunchException(action.LocationOf("namespace"), $"invalid namespace '{ns}': {problem}");
        }

        context.RosNamespace = ns;
    }
}
