using System.Globalization;

namespace Robotics.Policies.Text.Decoders;

/// <summary><c>ByteFallback</c>: runs of "&lt;0xNN&gt;" tokens become the text they encode; a run that is not valid
/// UTF-8 becomes one U+FFFD per byte (the Rust crate's rule).</summary>
internal sealed class ByteFallbackDecoder : Decoder
{
    public override void DecodeChain(List<string> tokens)
    {
        var output = new List<string>(tokens.Count);
        var pending = new List<byte>();
        foreach (var token in tokens)
        {
            if (token.Length == 6 && token.StartsWith("<0x", StringComparison.Ordinal) && token[5] == '>'
                && byte.TryParse(token.AsSpan(3, 2), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var value))
            {
                pending.Add(value);
                continue;
            }

            Flush(pending, output);
            output.Add(token);
        }

        Flush(pending, output);
        tokens.Clear();
        tokens.AddRange(output);
    }

    private static void Flush(List<byte> pending, List<string> output)
    {
        if (pending.Count == 0)
        {
            return;
        }

        try
        {
            output.Add(new global::System.Text.UTF8Encoding(false, throwOnInvalidBytes: true).GetString([.. pending]));
        }
        catch (global::System.Text.DecoderFallbackException)
        {
            output.AddRange(Enumerable.Repeat("\uFFFD", pending.Count));
        }

        pending.Clear();
    }
}
