namespace Robotics.Policies.Text.Decoders;

/// <summary><c>Sequence</c>: each decoder rewrites the previous one's output.</summary>
internal sealed class DecoderSequence(IReadOnlyList<Decoder> decoders) : Decoder
{
    public override void DecodeChain(List<string> tokens)
    {
        foreach (var decoder in decoders)
        {
            decoder.DecodeChain(tokens);
        }
    }
}
