using System.Text.RegularExpressions;

namespace Robotics.Middleware.Names;

/// <summary>
/// ROS 2 name rules (rcl/validate_topic_name.c, rmw/validate_node_name.c, rcl/expand_topic_name.c): validation
/// with a reason, and expansion of relative (<c>x</c>), private (<c>~/x</c>) and substituted (<c>{node}</c>) names.
/// </summary>
public static partial class RosNames
{
    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_]*$")]
    private static partial Regex NodeNamePattern();

    [GeneratedRegex("^[A-Za-z0-9_]+$")]
    private static partial Regex TokenPattern();

    /// <summary>Returns why a node name is invalid, or null.</summary>
    public static string? NodeNameError(string name) =>
        string.IsNullOrEmpty(name) ? "node name is empty"
        : !NodeNamePattern().IsMatch(name) ? $"node name '{name}' must contain only letters, digits and '_' and not start with a digit"
        : null;

    /// <summary>Returns why a namespace is invalid, or null. Namespaces are absolute: <c>/</c> or <c>/a/b</c>.</summary>
    public static string? NamespaceError(string ns)
    {
        if (ns == "/")
        {
            return null;
        }

        if (!ns.StartsWith('/'))
        {
            return $"namespace '{ns}' must start with '/'";
        }

        if (ns.EndsWith('/'))
        {
            return $"namespace '{ns}' must not end with '/'";
        }

        return TokensError(ns[1..], ns, "namespace");
    }

    /// <summary>Returns why a topic or service name (before expansion) is invalid, or null.</summary>
    public static string? TopicNameError(string name)
    {
        if (string.IsNullOrEmpty(name))
        {
            return "topic name is empty";
        }

        if (name.EndsWith('/'))
        {
            return $"topic name '{name}' must not end with '/'";
        }

        if (name.IndexOf('~', 1) >= 0 || (name.StartsWith('~') && name.Length > 1 && name[1] != '/'))
        {
            return $"topic name '{name}': '~' is only allowed as the first character, followed by '/'";
        }

        var body = name.TrimStart('~').TrimStart('/');
        return body.Length == 0 && name.StartsWith('~') ? null : TokensError(SubstitutionsAsTokens(body), name, "topic name");
    }

    /// <summary>Normalizes a namespace given as <c>robot</c>, <c>/robot/</c> or empty into <c>/robot</c> or <c>/</c>.</summary>
    public static string NormalizeNamespace(string? ns)
    {
        if (string.IsNullOrWhiteSpace(ns) || ns == "/")
        {
            return "/";
        }

        var trimmed = "/" + ns.Trim().Trim('/');
        return NamespaceError(trimmed) is { } error ? throw new ArgumentException(error, nameof(ns)) : trimmed;
    }

    /// <summary>Joins a namespace and a name: <c>("/", "a")</c> → <c>/a</c>, <c>("/ns", "a")</c> → <c>/ns/a</c>.</summary>
    /// <summary>rcl's hidden names: a token that starts with '_' (a hidden node, an action's <c>…/_action/…</c> topics).</summary>
    public static bool IsHidden(string name) => name.Split('/').Any(token => token.StartsWith('_'));

    public static string Join(string ns, string name) => ns == "/" ? "/" + name : ns + "/" + name;

    /// <summary>Expands a topic or service name for a node; throws <see cref="ArgumentException"/> when invalid.</summary>
    public static string Expand(string name, string nodeName, string nodeNamespace)
    {
        if (TopicNameError(name) is { } error)
        {
            throw new ArgumentException(error, nameof(name));
        }

        var nodeFqn = Join(nodeNamespace, nodeName);
        var expanded = name
            .Replace("{node}", nodeName, StringComparison.Ordinal)
            .Replace("{ns}", nodeNamespace, StringComparison.Ordinal)
            .Replace("{namespace}", nodeNamespace, StringComparison.Ordinal);
        if (expanded.Contains('{', StringComparison.Ordinal))
        {
            throw new ArgumentException($"topic name '{name}' uses an unknown substitution (only {{node}} and {{ns}} exist)", nameof(name));
        }

        if (expanded == "~")
        {
            return nodeFqn;
        }

        if (expanded.StartsWith("~/", StringComparison.Ordinal))
        {
            return nodeFqn + expanded[1..];
        }

        return expanded.StartsWith('/') ? expanded.Replace("//", "/", StringComparison.Ordinal) : Join(nodeNamespace, expanded);
    }

    private static string SubstitutionsAsTokens(string body) =>
        body.Replace("{node}", "n", StringComparison.Ordinal).Replace("{ns}", "n", StringComparison.Ordinal).Replace("{namespace}", "n", StringComparison.Ordinal);

    private static string? TokensError(string body, string whole, string what)
    {
        foreach (var token in body.Split('/'))
        {
            if (token.Length == 0)
            {
                return $"{what} '{whole}' must not contain '//'";
            }

            if (!TokenPattern().IsMatch(token))
            {
                return $"{what} '{whole}': '{token}' may contain only letters, digits and '_'";
            }

            if (char.IsAsciiDigit(token[0]))
            {
                return $"{what} '{whole}': '{token}' must not start with a digit";
            }
        }

        return null;
    }
}
