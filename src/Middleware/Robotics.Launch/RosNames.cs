namespace Robotics.Launch;

/// <summary>
/// ROS 2 name rules (rmw_validate_node_name / rmw_validate_namespace) and launch_ros's namespace composition
/// (launch_ros/utilities/namespace_utils.py).
/// </summary>
internal static class RosNames
{
    /// <summary>Null when valid, else why not: letters, digits and '_', not starting with a digit.</summary>
    public static string? NodeNameProblem(string name)
    {
        if (name.Length == 0)
        {
            return "a node name must not be empty";
        }

        return TokenProblem(name, "a node name");
    }

    /// <summary>Null when valid, else why not: "/" or "/token(/token)*" with node-name-like tokens.</summary>
    public static string? NamespaceProblem(string ns)
    {
        if (!ns.StartsWith('/'))
        {
            return "a namespace must be absolute (start with '/')";
        }

        if (ns == "/")
        {
            return null;
        }

        if (ns.EndsWith('/'))
        {
            return "a namespace must not end with '/'";
        }

        foreach (var token in ns[1..].Split('/'))
        {
            if (token.Length == 0)
            {
                return "a namespace must not contain '//'";
            }

            if (TokenProblem(token, "a namespace token") is { } problem)
            {
                return problem;
            }
        }

        return null;
    }

    /// <summary>
    /// launch_ros prefix_namespace: a relative <paramref name="ns"/> is appended to <paramref name="baseNs"/>, an
    /// absolute one replaces it; null means "not given".
    /// </summary>
    public static string? Prefix(string? baseNs, string? ns)
    {
        string? combined;
        if (ns is null)
        {
            combined = baseNs;
        }
        else if (string.IsNullOrEmpty(baseNs) || ns.StartsWith('/'))
        {
            combined = ns;
        }
        else
        {
            combined = (baseNs == "/" ? string.Empty : baseNs) + "/" + ns;
        }

        return combined is { Length: > 1 } && combined.EndsWith('/') ? combined.TrimEnd('/') : combined;
    }

    public static string? MakeAbsolute(string? ns) => ns is null || ns.StartsWith('/') ? ns : "/" + ns;

    public static string FullyQualified(string ns, string name) => ns == "/" ? "/" + name : ns + "/" + name;

    private static string? TokenProblem(string token, string what)
    {
        if (char.IsAsciiDigit(token[0]))
        {
            return $"{what} must not start with a digit ('{token}')";
        }

        foreach (var c in token)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c == '_'))
            {
                return $"{what} may hold only letters, digits and '_' ('{token}' has '{c}')";
            }
        }

        return null;
    }
}
