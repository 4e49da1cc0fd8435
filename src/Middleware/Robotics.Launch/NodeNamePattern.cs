using System.Text;
using System.Text.RegularExpressions;

namespace Robotics.Launch;

/// <summary>
/// Node keys of parameter files as rclcpp matches them (rclcpp/src/rclcpp/parameter_map.cpp): a missing leading '/'
/// is added, then every "/*" becomes the regular expression "(/\w+)" and the whole fully-qualified name must match.
/// So "/**" is "(/\w+)*" (any namespaces, any node), "/ns/*" is one node directly under /ns, and "/**/talker" is
/// talker in any namespace.
/// </summary>
internal static class NodeNamePattern
{
    // std::regex's ECMAScript \w is ASCII only; .NET's \w is Unicode, so spell the class out.
    private const string Token = "(/[A-Za-z0-9_]+)";

    public static bool Matches(string pattern, string fullyQualifiedNodeName)
    {
        var key = pattern.StartsWith('/') ? pattern : "/" + pattern;
        var regex = new StringBuilder("^");
        for (var i = 0; i < key.Length; i++)
        {
            if (key[i] == '/' && i + 1 < key.Length && key[i + 1] == '*')
            {
                regex.Append(Token);
                i++;
            }
            else if (key[i] == '*')
            {
                regex.Append('*'); // the second '*' of "/**": repeat the token zero or more times
            }
            else
            {
                regex.Append(Regex.Escape(key[i].ToString()));
            }
        }

        regex.Append('$');
        return Regex.IsMatch(fullyQualifiedNodeName, regex.ToString(), RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
    }
}
