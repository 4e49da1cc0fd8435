using System.Collections.Frozen;

namespace Robotics.Messages;

/// <summary>
/// Every message, service and action type generated from <c>msg/</c>, looked up by ROS 2 name. Accepts the short
/// forms users type (<c>std_msgs/String</c>, <c>std_msgs/msg/String</c>) like the ros2 CLI.
/// </summary>
public static partial class MessageRegistry
{
    private static readonly FrozenDictionary<string, MessageTypeInfo> _messages;
    private static readonly FrozenDictionary<string, ServiceTypeInfo> _services;
    private static readonly FrozenDictionary<string, ActionTypeInfo> _actions;

    static MessageRegistry()
    {
        var types = new List<MessageTypeInfo>();
        AddGenerated(types);
        _messages = types.ToFrozenDictionary(t => t.Name, StringComparer.Ordinal);
        _services = BuildServices(types).ToFrozenDictionary(s => s.Name, StringComparer.Ordinal);
        _actions = BuildActions(types).ToFrozenDictionary(a => a.Name, StringComparer.Ordinal);
    }

    public static IEnumerable<MessageTypeInfo> Messages => _messages.Values.OrderBy(t => t.Name, StringComparer.Ordinal);

    public static IEnumerable<ServiceTypeInfo> Services => _services.Values.OrderBy(t => t.Name, StringComparer.Ordinal);

    public static IEnumerable<ActionTypeInfo> Actions => _actions.Values.OrderBy(t => t.Name, StringComparer.Ordinal);

    public static bool TryGet(string name, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out MessageTypeInfo? type) =>
        _messages.TryGetValue(Normalize(name, "msg"), out type);

    /// <summary>Looks up a message type; the error lists the packages that exist.</summary>
    public static MessageTypeInfo Get(string name) =>
        TryGet(name, out var type) ? type : throw new KeyNotFoundException(UnknownTypeMessage(name));

    public static bool TryGetService(string name, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out ServiceTypeInfo? type) =>
        _services.TryGetValue(Normalize(name, "srv"), out type);

    public static bool TryGetAction(string name, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out ActionTypeInfo? type) =>
        _actions.TryGetValue(Normalize(name, "action"), out type);

    /// <summary>The service whose request type this is, if any.</summary>
    public static ServiceTypeInfo? ServiceOfRequest(MessageTypeInfo request) =>
        _services.Values.FirstOrDefault(s => ReferenceEquals(s.Request, request));

    /// <summary>A helpful "unknown type" text: what was asked, close matches, and the packages that exist.</summary>
    public static string UnknownTypeMessage(string name)
    {
        var last = name.Split('/')[^1];
        var close = _messages.Values.Where(t => EditDistance(t.ShortName.ToUpperInvariant(), last.ToUpperInvariant()) <= 2)
            .Select(t => t.Name).Order(StringComparer.Ordinal).Take(5).ToList();
        var packages = string.Join(", ", _messages.Values.Select(t => t.Package).Distinct().Order(StringComparer.Ordinal));
        var hint = close.Count > 0 ? $" Did you mean {string.Join(" or ", close)}?" : string.Empty;
        return $"unknown message type '{name}'.{hint} Known packages: {packages}. List them all with `robotics interface list`.";
    }

    private static int EditDistance(string a, string b)
    {
        var previous = Enumerable.Range(0, b.Length + 1).ToArray();
        for (var i = 1; i <= a.Length; i++)
        {
            var current = new int[b.Length + 1];
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                current[j] = Math.Min(Math.Min(current[j - 1], previous[j]) + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1));
            }

            previous = current;
        }

        return previous[b.Length];
    }

    private static string Normalize(string name, string kind)
    {
        var parts = name.Trim().Split('/');
        return parts.Length == 2 ? parts[0] + "/" + kind + "/" + parts[1] : name.Trim();
    }

    private static IEnumerable<ServiceTypeInfo> BuildServices(List<MessageTypeInfo> types)
    {
        var byName = types.ToDictionary(t => t.Name, StringComparer.Ordinal);
        foreach (var request in types.Where(t => t.ShortName.EndsWith("_Request", StringComparison.Ordinal)))
        {
            var baseName = request.Name[..^"_Request".Length];
            if (byName.TryGetValue(baseName + "_Response", out var response))
            {
                yield return new ServiceTypeInfo(baseName, request, response);
            }
        }
    }

    private static IEnumerable<ActionTypeInfo> BuildActions(List<MessageTypeInfo> types)
    {
        var byName = types.ToDictionary(t => t.Name, StringComparer.Ordinal);
        foreach (var goal in types.Where(t => t.Kind == "action" && t.ShortName.EndsWith("_Goal", StringComparison.Ordinal)))
        {
            var baseName = goal.Name[..^"_Goal".Length];
            yield return new ActionTypeInfo(
                baseName,
                goal,
                byName[baseName + "_Result"],
                byName[baseName + "_Feedback"],
                new ServiceTypeInfo(baseName + "_SendGoal", byName[baseName + "_SendGoal_Request"], byName[baseName + "_SendGoal_Response"]),
                new ServiceTypeInfo(baseName + "_GetResult", byName[baseName + "_GetResult_Request"], byName[baseName + "_GetResult_Response"]),
                byName[baseName + "_FeedbackMessage"]);
        }
    }

    /// <summary>Implemented by the source generator: adds every type generated from <c>msg/</c>.</summary>
    static partial void AddGenerated(List<MessageTypeInfo> types);
}
