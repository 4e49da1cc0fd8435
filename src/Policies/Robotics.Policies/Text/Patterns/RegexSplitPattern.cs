using System.Buffers;
using System.Text.RegularExpressions;

namespace Robotics.Policies.Text.Patterns;

/// <summary>
/// A regular expression written for Oniguruma (what the Rust crate compiles), translated to .NET. Text with
/// characters outside the BMP is matched through <see cref="AstralStandIns"/>, so that one code point is one
/// character for quantifiers and classes, as it is for Oniguruma.
/// </summary>
internal sealed class RegexSplitPattern : SplitPattern
{
    // Ruby syntax, which Oniguruma uses here: ^ and $ are line anchors, . stops at \n.
    private const RegexOptions Options = RegexOptions.Multiline | RegexOptions.CultureInvariant;

    private readonly Regex _regex;

    /// <exception cref="ArgumentException">The pattern uses a construct .NET cannot match the same way.</exception>
    public RegexSplitPattern(string oniguruma)
    {
        _regex = new Regex(OnigurumaTranslator.ToDotNet(oniguruma), Options);
    }

    public override void FindMatches(ReadOnlySpan<char> text, List<(int Start, int End)> matches)
    {
        if (!AstralStandIns.Needed(text))
        {
            foreach (var match in _regex.EnumerateMatches(text))
            {
                matches.Add((match.Index, match.Index + match.Length));
            }

            return;
        }

        var mapped = ArrayPool<char>.Shared.Rent(text.Length);
        var origin = ArrayPool<int>.Shared.Rent(text.Length + 1);
        try
        {
            var length = AstralStandIns.Map(text, mapped, origin);
            foreach (var match in _regex.EnumerateMatches(mapped.AsSpan(0, length)))
            {
                matches.Add((origin[match.Index], origin[match.Index + match.Length]));
            }
        }
        finally
        {
            ArrayPool<int>.Shared.Return(origin);
            ArrayPool<char>.Shared.Return(mapped);
        }
    }
}
