namespace Robotics.Policies.Text.Decoders;

/// <summary><c>BPEDecoder</c>: the end-of-word suffix ("&lt;/w&gt;") becomes a space, or nothing in the last token.</summary>
internal sealed class BpeDecoder(string suffix) : Decoder
{
    public override void DecodeChain(List<string> tokens)
    {
        for (var i = 0; i < tokens.Count; i++)
        {
            tokens[i] = tokens[i].Replace(suffix, i == tokens.Count - 1 ? "" : " ", StringComparison.Ordinal);
        }
    }
}
