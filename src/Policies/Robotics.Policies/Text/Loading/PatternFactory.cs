using System.Text.RegularExpressions;
using Robotics.Policies.Text.Patterns;

namespace Robotics.Policies.Text.Loading;

/// <summary>Reads a <c>pattern</c>: <c>{"String": "…"}</c> or <c>{"Regex": "…"}</c>.</summary>
internal static class PatternFactory
{
    public static SplitPattern Create(JsonSection pattern)
    {
        pattern.Required();
        if (!pattern["String"].IsAbsent)
        {
            return new StringSplitPattern(pattern["String"].String());
        }

        var regex = pattern["Regex"];
        if (regex.IsAbsent)
        {
            throw pattern.Invalid("must have a \"String\" or a \"Regex\"");
        }

        try
        {
            return new RegexSplitPattern(regex.String());
        }
        catch (ArgumentException e) when (e is not ArgumentNullException)
        {
            // RegexParseException (an ArgumentException) for what .NET cannot parse, ArgumentException from the
            // translator for what it cannot match the same way.
            var reason = e is RegexParseException parse ? $"{parse.Error} at offset {parse.Offset}" : e.Message;
            throw new NotSupportedException($"{regex.Path} \"{regex.String()}\" is not supported: {reason}", e);
        }
    }
}
