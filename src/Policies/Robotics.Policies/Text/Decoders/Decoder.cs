namespace Robotics.Policies.Text.Decoders;

/// <summary>A tokenizer.json <c>decoder</c>: rewrites the list of token strings on the way back to text (the
/// Rust crate's <c>decode_chain</c>); the tokenizer joins what is left.</summary>
internal abstract class Decoder
{
    public abstract void DecodeChain(List<string> tokens);
}
