using System.Text;

namespace Robotics.Policies.Text.Unicode;

/// <summary>
/// Unicode normalization forms (UAX #15) on our own tables. string.Normalize cannot be used: under
/// InvariantGlobalization (Directory.Build.props) it returns non-ASCII text unchanged, which would silently skip
/// the accent stripping a BERT-uncased vocabulary was built with.
/// </summary>
internal static class UnicodeNormalization
{
    // Hangul syllables compose and decompose arithmetically (Unicode ch. 3.12).
    private const int SBase = 0xAC00, LBase = 0x1100, VBase = 0x1161, TBase = 0x11A7;
    private const int LCount = 19, VCount = 21, TCount = 28, NCount = VCount * TCount, SCount = LCount * NCount;

    public static string Normalize(string text, NormalizationForm form)
    {
        if (Ascii.IsValid(text))
        {
            return text; // ASCII is invariant under every form.
        }

        var compatibility = form is NormalizationForm.FormKD or NormalizationForm.FormKC;
        var compose = form is NormalizationForm.FormC or NormalizationForm.FormKC;
        var data = NormalizationData.Instance;
        var buffer = new List<int>(text.Length + 8);
        Decompose(text, compatibility, data, buffer);
        Reorder(buffer, data);
        if (compose)
        {
            Compose(buffer, data);
        }

        var builder = new StringBuilder(buffer.Count + 4);
        foreach (var codePoint in buffer)
        {
            AppendCodePoint(builder, codePoint);
        }

        var result = builder.ToString();
        return result == text ? text : result;
    }

    private static void Decompose(string text, bool compatibility, NormalizationData data, List<int> buffer)
    {
        for (var i = 0; i < text.Length; i++)
        {
            var codePoint = CodePointAt(text, ref i);
            var s = codePoint - SBase;
            if (s is >= 0 and < SCount)
            {
                buffer.Add(LBase + (s / NCount));
                buffer.Add(VBase + (s % NCount / TCount));
                if (s % TCount != 0)
                {
                    buffer.Add(TBase + (s % TCount));
                }
            }
            else if (data.Decomposition(codePoint, compatibility) is { } mapping)
            {
                buffer.AddRange(mapping);
            }
            else
            {
                buffer.Add(codePoint);
            }
        }
    }

    // Canonical ordering: a stable sort of each run of non-starters by combining class.
    private static void Reorder(List<int> buffer, NormalizationData data)
    {
        for (var i = 1; i < buffer.Count; i++)
        {
            var rank = data.CombiningRank(buffer[i]);
            if (rank == 0)
            {
                continue;
            }

            var codePoint = buffer[i];
            var j = i;
            while (j > 0 && data.CombiningRank(buffer[j - 1]) > rank)
            {
                buffer[j] = buffer[j - 1];
                j--;
            }

            buffer[j] = codePoint;
        }
    }

    // Canonical composition (UAX #15 sample algorithm): a mark joins the last starter unless a character between
    // them has a class of 0 or at least its own.
    private static void Compose(List<int> buffer, NormalizationData data)
    {
        if (buffer.Count == 0)
        {
            return;
        }

        var starterIndex = 0;
        var starter = buffer[0];
        var lastRank = data.CombiningRank(starter) == 0 ? 0 : 256;
        var write = 1;
        for (var read = 1; read < buffer.Count; read++)
        {
            var codePoint = buffer[read];
            var rank = data.CombiningRank(codePoint);
            var composite = ComposePair(starter, codePoint, data);
            if (composite >= 0 && (lastRank < rank || lastRank == 0))
            {
                buffer[starterIndex] = composite;
                starter = composite;
                continue;
            }

            if (rank == 0)
            {
                starterIndex = write;
                starter = codePoint;
            }

            lastRank = rank;
            buffer[write++] = codePoint;
        }

        buffer.RemoveRange(write, buffer.Count - write);
    }

    private static int ComposePair(int first, int second, NormalizationData data)
    {
        var l = first - LBase;
        var v = second - VBase;
        if (l is >= 0 and < LCount && v is >= 0 and < VCount)
        {
            return SBase + (((l * VCount) + v) * TCount);
        }

        var s = first - SBase;
        var t = second - TBase;
        if (s is >= 0 and < SCount && s % TCount == 0 && t is > 0 and < TCount)
        {
            return first + t;
        }

        return data.Compose(first, second);
    }

    // Lone surrogates pass through as themselves, like the ill-formed text they are.
    private static int CodePointAt(string text, ref int i)
    {
        if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
        {
            return char.ConvertToUtf32(text[i], text[++i]);
        }

        return text[i];
    }

    private static void AppendCodePoint(StringBuilder builder, int codePoint)
    {
        if (codePoint < 0x10000)
        {
            builder.Append((char)codePoint);
        }
        else
        {
            Span<char> pair = stackalloc char[2];
            new Rune(codePoint).EncodeToUtf16(pair);
            builder.Append(pair);
        }
    }
}
