using System.Text.Json;
using Robotics.Messages.RclInterfaces;
using Robotics.Middleware.Names;
using MiddlewareParameterValue = Robotics.Middleware.Parameters.ParameterValue;

namespace Robotics.Cli.Commands;

/// <summary>
/// <c>robotics param list|get|set|dump</c>, through each node's parameter services exactly as <c>ros2 param</c>
/// does, so it works for any node the transport reaches.
/// </summary>
public static class ParamCommand
{
    public const string Usage = "robotics param list [NODE] [--json] | get NODE NAME [--json] | set NODE NAME VALUE | dump NODE";

    private static readonly TimeSpan _timeout = TimeSpan.FromSeconds(5);

    public static int Run(IReadOnlyList<string> args, CliEnvironment env)
    {
        var parsed = new CliArguments(args, "param", ["--json"], new Dictionary<string, string>());
        var verb = parsed.Positional(0, "a verb (list, get, set, dump)", Usage);
        switch (verb)
        {
            case "list":
                var nodes = parsed.Positionals.Count > 1 ? [parsed.Positionals[1]] : env.Context.Transport.Graph.Nodes.Where(n => !n.Name.StartsWith('_')).Select(n => n.FullyQualifiedName).Order(StringComparer.Ordinal).ToList();
                var listing = nodes.ToDictionary(n => n, n => List(env, n), StringComparer.Ordinal);
                if (parsed.Has("--json"))
                {
                    env.Out.WriteLine(JsonSerializer.Serialize(listing));
                    return 0;
                }

                foreach (var (nodeName, names) in listing)
                {
                    env.Out.WriteLine($"{nodeName}:");
                    foreach (var name in names)
                    {
                        env.Out.WriteLine($"  {name}");
                    }
                }

                return 0;
            case "get":
                var value = Get(env, parsed.Positional(1, "a node", Usage), parsed.Positional(2, "a parameter name", Usage));
                env.Out.WriteLine(parsed.Has("--json") ? JsonSerializer.Serialize(new { type = MiddlewareParameterValue.TypeName(value.Type), value = value.Value }) : $"{Capitalize(MiddlewareParameterValue.TypeName(value.Type))} value is: {value}");
                return 0;
            case "set":
                var node = parsed.Positional(1, "a node", Usage);
                var parameter = parsed.Positional(2, "a parameter name", Usage);
                var text = parsed.Positional(3, "a value", Usage);
                var result = Set(env, node, parameter, MiddlewareParameterValue.From(Launch.ParameterValue.Parse(text, parameter)));
                env.Out.WriteLine(result.Successful ? "Set parameter successful" : $"Set parameter failed: {result.Reason}");
                return result.Successful ? 0 : 1;
            case "dump":
                env.Out.Write(Dump(env, parsed.Positional(1, "a node", Usage)));
                return 0;
            default:
                throw new CliException($"param: unknown verb '{verb}'. Usage: {Usage}");
        }
    }

    public static IReadOnlyList<string> List(CliEnvironment env, string node) =>
        Call<ListParametersRequest, ListParametersResponse>(env, node, "list_parameters", new ListParametersRequest()).Result.Names;

    public static MiddlewareParameterValue Get(CliEnvironment env, string node, string name)
    {
        var response = Call<GetParametersRequest, GetParametersResponse>(env, node, "get_parameters", new GetParametersRequest { Names = [name] });
        var value = MiddlewareParameterValue.FromMessage(response.Values[0]);
        return value.Type == Middleware.Parameters.ParameterType.NotSet ? throw new CliException($"parameter '{name}' is not set on {node}") : value;
    }

    public static Messages.RclInterfaces.SetParametersResult Set(CliEnvironment env, string node, string name, MiddlewareParameterValue value) =>
        Call<SetParametersRequest, SetParametersResponse>(env, node, "set_parameters", new SetParametersRequest { Parameters = [value.ToParameter(name)] }).Results[0];

    /// <summary>The node's parameters as a ROS 2 params file (loadable with --params-file).</summary>
    public static string Dump(CliEnvironment env, string node)
    {
        var names = List(env, node);
        var values = Call<GetParametersRequest, GetParametersResponse>(env, node, "get_parameters", new GetParametersRequest { Names = [.. names] }).Values;
        var text = new System.Text.StringBuilder($"{node}:\n  ros__parameters:\n");
        for (var i = 0; i < names.Count; i++)
        {
            text.Append("    ").Append(names[i]).Append(": ").Append(Launch.ParameterValue.ToYaml(MiddlewareParameterValue.FromMessage(values[i]).Value!)).Append('\n');
        }

        return text.ToString();
    }

    private static TResponse Call<TRequest, TResponse>(CliEnvironment env, string node, string service, TRequest request)
        where TRequest : class, Messages.IRosMessage<TRequest>
        where TResponse : class, Messages.IRosMessage<TResponse>
    {
        var fqn = node.StartsWith('/') ? node : "/" + node;
        var cli = CliNode.Get(env);
        using var client = cli.Node.CreateClient<TRequest, TResponse>(RosNames.Join(fqn, service));
        if (!client.WaitForServiceAsync(_timeout, env.Stop).GetAwaiter().GetResult())
        {
            throw new CliException($"node '{fqn}' not found or offers no parameter services (is it running? see `robotics node list`)");
        }

        var call = client.CallAsync(request, env.Stop);
        cli.SpinUntil(() => call.IsCompleted, env.Stop);
        return call.GetAwaiter().GetResult();
    }

    private static string Capitalize(string text) => char.ToUpperInvariant(text[0]) + text[1..];
}
