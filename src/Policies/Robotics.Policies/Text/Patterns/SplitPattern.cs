using System.Text;

namespace Robotics.Policies.Text.Patterns;

/// <summary>A <c>pattern</c> of tokenizer.json (<c>{"String": …}</c> or <c>{"Regex": …}</c>).</summary>
internal abstract class SplitPattern
{
    /// <summary>Appends the non-overlapping matches in <paramref name="text"/>, left to right, as [start, end).</summary>
    public abstract void FindMatches(ReadOnlySpan<char> text, List<(int Start, int End)> matches);

    /// <summary>Replaces every match with <paramref name="content"/>, taken literally (no <c>$1</c> groups).</summary>
    public string Replace(string text, string content)
    {
        var matches = new List<(int Start, int End)>();
        FindMatches(text, matches);
        if (matches.Count == 0)
        {
            return text;
        }

        var builder = new StringBuilder(text.Length + (matches.Count * content.Length));
        var previous = 0;
        foreach (var (start, end) in matches)
        {
            builder.Append(text, previous, start - previous).Append(content);
            previous = end;
        }

        return builder.Append(text, previous, text.Length - previous).ToString();
    }
}
