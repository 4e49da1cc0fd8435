using System.Globalization;
using System.Text.Json;
using Robotics.Messages;
using Robotics.Messages.Cdr;
using Robotics.Messages.Dynamic;
using Robotics.Middleware;
using Robotics.Middleware.Graph;
using Robotics.Middleware.Qos;

namespace Robotics.Cli.Commands;

/// <summary><c>robotics topic list|info|echo|hz|pub</c> with the arguments of <c>ros2 topic</c>.</summary>
public static class TopicCommand
{
    public const string Usage = "robotics topic list [-t] [--include-hidden-topics] [--json] | info TOPIC [-v] | echo TOPIC [TYPE] [--once] [--json] | hz TOPIC [--window N] | pub TOPIC TYPE [VALUES] [-1] [-t N] [-r HZ] [-w N]";

    private static readonly Dictionary<string, string> _options = new(StringComparer.Ordinal)
    {
        ["-t"] = "--times", ["--times"] = "--times", ["-r"] = "--rate", ["--rate"] = "--rate",
        ["-w"] = "--wait-matching-subscriptions", ["--wait-matching-subscriptions"] = "--wait-matching-subscriptions",
        ["--window"] = "--window", ["-n"] = "--count", ["--count"] = "--count", ["--qos-reliability"] = "--qos-reliability",
        ["--qos-durability"] = "--qos-durability", ["--qos-depth"] = "--qos-depth",
    };

    private static readonly string[] _flags = ["--json", "--once", "-1", "-v", "--verbose", "--show-types", "--keep-alive", "--include-hidden-topics"];

    public static int Run(IReadOnlyList<string> args, CliEnvironment env)
    {
        var verb = args.Count > 0 ? args[0] : throw new CliException($"missing verb. Usage: {Usage}");
        var rest = args.Skip(1).ToList();

        // `topic list -t` means --show-types (not --times as in `topic pub -t N`).
        if (verb == "list")
        {
            rest = [.. rest.Select(a => a == "-t" ? "--show-types" : a)];
        }

        var parsed = new CliArguments(rest, "topic " + verb, _flags, _options);
        return verb switch
        {
            "list" => List(parsed, env),
            "info" => Info(parsed, env),
            "echo" => Echo(parsed, env),
            "hz" => Hz(parsed, env),
            "pub" => Pub(parsed, env),
            _ => throw new CliException($"topic: unknown verb '{verb}'. Usage: {Usage}"),
        };
    }

    private static int List(CliArguments args, CliEnvironment env)
    {
        // Hidden topics (a name token starting with '_', e.g. an action's …/_action/feedback) only with --include-hidden-topics, as in ros2cli.
        var topics = env.Context.Transport.Graph.Endpoints.Where(e => args.Has("--include-hidden-topics") || !Middleware.Names.RosNames.IsHidden(e.Topic))
            .GroupBy(e => e.Topic).OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => (Topic: g.Key, Types: g.Select(e => e.TypeName).Distinct().ToArray())).ToList();
        if (args.Has("--json"))
        {
            env.Out.WriteLine(JsonSerializer.Serialize(topics.Select(t => new { name = t.Topic, types = t.Types })));
            return 0;
        }

        foreach (var (topic, types) in topics)
        {
            env.Out.WriteLine(args.Has("--show-types") ? $"{topic} [{string.Join(", ", types)}]" : topic);
        }

        return 0;
    }

    private static int Info(CliArguments args, CliEnvironment env)
    {
        var topic = args.Positional(0, "a topic name", Usage);
        var endpoints = env.Context.Transport.Graph.Endpoints.Where(e => e.Topic == topic).ToList();
        if (endpoints.Count == 0)
        {
            throw new CliException($"topic '{topic}' does not appear to be published or subscribed yet (see `robotics topic list`)");
        }

        if (args.Has("--json"))
        {
            env.Out.WriteLine(JsonSerializer.Serialize(new
            {
                name = topic,
                types = endpoints.Select(e => e.TypeName).Distinct(),
                publishers = endpoints.Where(e => e.Kind == EndpointKind.Publisher).Select(Describe),
                subscriptions = endpoints.Where(e => e.Kind == EndpointKind.Subscription).Select(Describe),
            }));
            return 0;
        }

        env.Out.WriteLine($"Type: {string.Join(", ", endpoints.Select(e => e.TypeName).Distinct())}");
        env.Out.WriteLine($"Publisher count: {endpoints.Count(e => e.Kind == EndpointKind.Publisher)}");
        env.Out.WriteLine($"Subscription count: {endpoints.Count(e => e.Kind == EndpointKind.Subscription)}");
        if (args.Has("-v") || args.Has("--verbose"))
        {
            foreach (var e in endpoints)
            {
                env.Out.WriteLine($"\nNode name: {e.NodeName}\nNode namespace: {e.NodeNamespace}\nEndpoint type: {e.Kind.ToString().ToUpperInvariant()}\nQoS profile:\n  Reliability: {e.Qos.Reliability}\n  History (Depth): {e.Qos.History} ({e.Qos.Depth})\n  Durability: {e.Qos.Durability}");
            }
        }

        return 0;
    }

    private static object Describe(GraphEndpoint e) => new
    {
        node = e.NodeName,
        @namespace = e.NodeNamespace,
        reliability = e.Qos.Reliability.ToString(),
        durability = e.Qos.Durability.ToString(),
        depth = e.Qos.Depth,
    };

    private static int Echo(CliArguments args, CliEnvironment env)
    {
        var topic = args.Positional(0, "a topic name", Usage);
        var type = ResolveType(env, topic, args.Positionals.Count > 1 ? args.Positionals[1] : null);
        var once = args.Has("--once");
        var limit = once ? 1 : args.GetInt("--count", int.MaxValue);
        var received = 0;
        var done = new ManualResetEventSlim();
        var node = CliNode.Get(env);
        using var subscription = DynamicTopics.Subscribe(node.Node, type, topic, Qos(args), message =>
        {
            if (received >= limit)
            {
                return;
            }

            var dynamic = DynamicCdr.Decode(type, CdrSerializer.Serialize(message));
            env.Out.WriteLine(args.Has("--json") ? JsonSerializer.Serialize(ToJson(PlainValues.ToPlain(dynamic))) : YamlValues.ToYaml(dynamic) + "---");
            if (++received >= limit)
            {
                done.Set();
            }
        });
        node.SpinUntil(() => done.IsSet, env.Stop);
        return 0;
    }

    private static int Hz(CliArguments args, CliEnvironment env)
    {
        var topic = args.Positional(0, "a topic name", Usage);
        var type = ResolveType(env, topic, args.Positionals.Count > 1 ? args.Positionals[1] : null);
        var window = args.GetInt("--window", 10_000);
        var times = new Queue<long>();
        var node = CliNode.Get(env);
        var clock = env.Context.TimeProvider;
        using var subscription = DynamicTopics.Subscribe(node.Node, type, topic, Qos(args), _ =>
        {
            lock (times)
            {
                times.Enqueue(clock.GetTimestamp());
                while (times.Count > window)
                {
                    times.Dequeue();
                }
            }
        });
        var limit = args.GetInt("--count", int.MaxValue);
        for (var report = 0; report < limit && !env.Stop.IsCancellationRequested; report++)
        {
            node.SpinFor(TimeSpan.FromSeconds(1), env.Stop);
            long[] stamps;
            lock (times)
            {
                stamps = [.. times];
            }

            env.Out.WriteLine(FormatRate(stamps, clock.TimestampFrequency));
        }

        return 0;
    }

    /// <summary>The rate report of ros2 topic hz: average rate, min/max/std dev of periods, window size.</summary>
    public static string FormatRate(IReadOnlyList<long> stamps, long frequency)
    {
        if (stamps.Count < 2)
        {
            return "no new messages";
        }

        var periods = stamps.Zip(stamps.Skip(1), (a, b) => (b - a) / (double)frequency).ToArray();
        var mean = periods.Average();
        var std = Math.Sqrt(periods.Select(p => (p - mean) * (p - mean)).Average());
        return string.Create(CultureInfo.InvariantCulture, $"average rate: {1 / mean:F3}\n\tmin: {periods.Min():F3}s max: {periods.Max():F3}s std dev: {std:F5}s window: {stamps.Count}");
    }

    private static int Pub(CliArguments args, CliEnvironment env)
    {
        var topic = args.Positional(0, "a topic name", Usage);
        var type = MessageRegistry.TryGet(args.Positional(1, "a message type such as std_msgs/msg/String", Usage), out var t)
            ? t
            : throw new CliException(MessageRegistry.UnknownTypeMessage(args.Positionals[1]));
        var values = args.Positionals.Count > 2 ? args.Positionals[2] : string.Empty;
        var message = YamlValues.ToMessage(type, values);
        var times = args.Has("--once") || args.Has("-1") ? 1 : args.GetInt("--times", int.MaxValue);
        var rate = args.GetDouble("--rate", 1.0);
        var node = CliNode.Get(env);
        var publish = DynamicTopics.Publisher(node.Node, type, topic, Qos(args));
        var wait = args.GetInt("--wait-matching-subscriptions", 0);
        if (wait > 0)
        {
            env.Out.WriteLine($"Waiting for at least {wait} matching subscription(s)...");
            node.SpinUntil(() => env.Context.Transport.Graph.Endpoints.Count(e => e.Topic == node.Node.ResolveName(topic) && e.Kind == EndpointKind.Subscription) >= wait, env.Stop);
        }

        env.Out.WriteLine($"publisher: beginning loop");
        for (var i = 0; i < times && !env.Stop.IsCancellationRequested; i++)
        {
            publish(message);
            env.Out.WriteLine($"publishing #{i + 1}: {type.Name}");
            if (i + 1 < times && rate > 0)
            {
                node.SpinFor(TimeSpan.FromSeconds(1 / rate), env.Stop);
            }
        }

        return 0;
    }

    private static MessageTypeInfo ResolveType(CliEnvironment env, string topic, string? given)
    {
        if (given is not null)
        {
            return MessageRegistry.TryGet(given, out var type) ? type : throw new CliException(MessageRegistry.UnknownTypeMessage(given));
        }

        var name = env.Context.Transport.Graph.Endpoints.FirstOrDefault(e => e.Topic == topic)?.TypeName
            ?? throw new CliException($"cannot tell the type of '{topic}': nothing publishes it yet. Give the type: robotics topic echo {topic} pkg/msg/Type");
        return MessageRegistry.Get(name);
    }

    private static QosProfile Qos(CliArguments args)
    {
        var qos = QosProfile.Default with { Depth = args.GetInt("--qos-depth", 10) };
        qos = args.Get("--qos-reliability") switch
        {
            null or "reliable" => qos,
            "best_effort" => qos with { Reliability = Reliability.BestEffort },
            var other => throw new CliException($"--qos-reliability: '{other}' is not reliable or best_effort"),
        };
        return args.Get("--qos-durability") switch
        {
            null or "volatile" => qos,
            "transient_local" => qos with { Durability = Durability.TransientLocal },
            var other => throw new CliException($"--qos-durability: '{other}' is not volatile or transient_local"),
        };
    }

    private static object? ToJson(object? value) => value switch
    {
        OrderedPlainMap map => map.ToDictionary(p => p.Key, p => ToJson(p.Value), StringComparer.Ordinal),
        List<object?> list => list.Select(ToJson).ToList(),
        double d when !double.IsFinite(d) => d.ToString(CultureInfo.InvariantCulture),
        float f when !float.IsFinite(f) => f.ToString(CultureInfo.InvariantCulture),
        _ => value,
    };
}
