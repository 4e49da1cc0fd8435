using System.Globalization;
using System.Text;

namespace Robotics.Policies.Text.Patterns;

/// <summary>
/// Rewrites the Oniguruma (Ruby syntax) constructs that tokenizer.json patterns use and .NET spells differently:
/// possessive quantifiers (<c>\p{L}++</c>, as in tiktoken-derived patterns) become atomic groups, <c>X{n,m}+</c>
/// is Ruby's stacked quantifier, <c>{,m}</c> is <c>{0,m}</c>, <c>\h</c> is a hex digit, <c>\x{…}</c> a code point.
/// Constructs with no faithful .NET form (nested classes, <c>&amp;&amp;</c>, POSIX brackets) are refused rather
/// than matched differently.
/// </summary>
internal static class OnigurumaTranslator
{
    /// <exception cref="ArgumentException">An unsupported construct.</exception>
    public static string ToDotNet(string pattern)
    {
        var output = new StringBuilder(pattern.Length + 16);
        var groupStarts = new Stack<int>();
        var atomStart = -1;
        var i = 0;
        while (i < pattern.Length)
        {
            var c = pattern[i];
            switch (c)
            {
                case '\\':
                    atomStart = output.Length;
                    i = Escape(pattern, i, output, inClass: false);
                    break;
                case '[':
                    atomStart = output.Length;
                    i = CharacterClass(pattern, i, output);
                    break;
                case '(':
                    groupStarts.Push(output.Length);
                    i = GroupPrefix(pattern, i, output);
                    break;
                case ')':
                    atomStart = groupStarts.Count > 0 ? groupStarts.Pop() : -1;
                    output.Append(c);
                    i++;
                    break;
                case '*' or '+' or '?' or '{':
                    i = Quantifier(pattern, i, output, atomStart);
                    break;
                case '|':
                    atomStart = -1;
                    output.Append(c);
                    i++;
                    break;
                default:
                    atomStart = output.Length;
                    output.Append(c);
                    i++;
                    break;
            }
        }

        return output.ToString();
    }

    private static int Quantifier(string pattern, int i, StringBuilder output, int atomStart)
    {
        if (pattern[i] == '{')
        {
            var close = pattern.IndexOf('}', i);
            var body = close < 0 ? null : pattern[(i + 1)..close];
            if (body is null || !IsRepeatBody(body))
            {
                output.Append("\\{"); // a literal brace, as Oniguruma reads one that is no quantifier
                return i + 1;
            }

            output.Append('{').Append(body.StartsWith(',') ? "0" + body : body).Append('}');
            i = close + 1;
            if (i < pattern.Length && pattern[i] == '+' && atomStart >= 0)
            {
                // Ruby: X{n,m}+ is (X{n,m})+, not possessive.
                output.Insert(atomStart, "(?:").Append(")+");
                return i + 1;
            }
        }
        else
        {
            output.Append(pattern[i++]);
            if (i < pattern.Length && pattern[i] == '+' && atomStart >= 0)
            {
                output.Insert(atomStart, "(?>").Append(')'); // possessive: never gives back
                return i + 1;
            }
        }

        if (i < pattern.Length && pattern[i] == '?')
        {
            output.Append('?'); // lazy
            i++;
        }

        return i;
    }

    // Copies "(", "(?:", "(?i:", "(?=", "(?<!", "(?<name>"... so that its "?" is not read as a quantifier.
    private static int GroupPrefix(string pattern, int i, StringBuilder output)
    {
        output.Append('(');
        i++;
        if (i >= pattern.Length || pattern[i] != '?')
        {
            return i;
        }

        var end = i + 1;
        if (end < pattern.Length && pattern[end] == '<' && end + 1 < pattern.Length && pattern[end + 1] is not ('=' or '!'))
        {
            end = pattern.IndexOf('>', end); // a named group
        }
        else
        {
            while (end < pattern.Length && pattern[end] is not (':' or ')' or '=' or '!' or '>'))
            {
                end++;
            }
        }

        if (end < 0 || end >= pattern.Length)
        {
            throw new ArgumentException($"unterminated group at index {i - 1}");
        }

        if (pattern[end] == ')')
        {
            end--; // (?i) sets flags; its ")" closes the group as usual
        }

        output.Append(pattern, i, end + 1 - i);
        return end + 1;
    }

    private static bool IsRepeatBody(string body)
    {
        var comma = body.IndexOf(',', StringComparison.Ordinal);
        var low = comma < 0 ? body : body[..comma];
        var high = comma < 0 ? "" : body[(comma + 1)..];
        return (low.Length > 0 || high.Length > 0) && low.All(char.IsAsciiDigit) && high.All(char.IsAsciiDigit)
            && body.Count(ch => ch == ',') <= 1;
    }

    private static int CharacterClass(string pattern, int i, StringBuilder output)
    {
        output.Append('[');
        i++;
        if (i < pattern.Length && pattern[i] == '^')
        {
            output.Append('^');
            i++;
        }

        if (i < pattern.Length && pattern[i] == ']')
        {
            output.Append("\\]"); // a leading ] is literal
            i++;
        }

        while (i < pattern.Length)
        {
            var c = pattern[i];
            if (c == ']')
            {
                output.Append(']');
                return i + 1;
            }

            if (c == '\\')
            {
                i = Escape(pattern, i, output, inClass: true);
            }
            else if (c == '[' || (c == '&' && i + 1 < pattern.Length && pattern[i + 1] == '&'))
            {
                throw new ArgumentException($"nested character classes, POSIX brackets and && intersections (at index {i}) have no .NET equivalent");
            }
            else
            {
                output.Append(c);
                i++;
            }
        }

        throw new ArgumentException("unterminated character class");
    }

    private static int Escape(string pattern, int i, StringBuilder output, bool inClass)
    {
        if (i + 1 >= pattern.Length)
        {
            throw new ArgumentException("the pattern ends with a lone backslash");
        }

        var next = pattern[i + 1];
        switch (next)
        {
            case 'h':
                output.Append(inClass ? "0-9a-fA-F" : "[0-9a-fA-F]");
                return i + 2;
            case 'H' when !inClass:
                output.Append("[^0-9a-fA-F]");
                return i + 2;
            case 'x' when i + 2 < pattern.Length && pattern[i + 2] == '{':
                var close = pattern.IndexOf('}', i + 3);
                if (close < 0 || !int.TryParse(pattern.AsSpan(i + 3, close - i - 3), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var codePoint) || codePoint > 0xFFFF)
                {
                    throw new ArgumentException($"\\x{{…}} at index {i} must be a BMP code point");
                }

                output.Append("\\u").Append(codePoint.ToString("X4", CultureInfo.InvariantCulture));
                return close + 1;
            case 'p' or 'P' when i + 2 < pattern.Length && pattern[i + 2] == '{':
                var end = pattern.IndexOf('}', i + 3);
                if (end < 0)
                {
                    throw new ArgumentException($"unterminated \\{next}{{ at index {i}");
                }

                output.Append(pattern, i, end + 1 - i);
                return end + 1;
            default:
                output.Append('\\').Append(next);
                return i + 2;
        }
    }
}
