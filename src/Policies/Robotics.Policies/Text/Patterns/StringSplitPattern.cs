namespace Robotics.Policies.Text.Patterns;

/// <summary>A literal pattern: every non-overlapping occurrence. An empty literal matches nothing (as in Rust).</summary>
internal sealed class StringSplitPattern(string literal) : SplitPattern
{
    public override void FindMatches(ReadOnlySpan<char> text, List<(int Start, int End)> matches)
    {
        if (literal.Length == 0)
        {
            return;
        }

        for (var start = 0; start <= text.Length - literal.Length;)
        {
            var found = text[start..].IndexOf(literal, StringComparison.Ordinal);
            if (found < 0)
            {
                return;
            }

            matches.Add((start + found, start + found + literal.Length));
            start += found + literal.Length;
        }
    }
}
