namespace Robotics.Policies.Text.Decoders;

/// <summary><c>Fuse</c>: joins all tokens into one.</summary>
internal sealed class FuseDecoder : Decoder
{
    public override void DecodeChain(List<string> tokens)
    {
        var fused = string.Concat(tokens);
        tokens.Clear();
        tokens.Add(fused);
    }
}
