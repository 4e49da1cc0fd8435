using Robotics.Policies.Text.PreTokenizers;

namespace Robotics.Policies.Text.Decoders;

/// <summary><c>Metaspace</c>: the replacement character becomes a space, except in the first token, where the
/// pre-tokenizer put it (unless the scheme is never).</summary>
internal sealed class MetaspaceDecoder(char replacement, MetaspacePrependScheme scheme) : Decoder
{
    public override void DecodeChain(List<string> tokens)
    {
        for (var i = 0; i < tokens.Count; i++)
        {
            tokens[i] = i == 0 && scheme != MetaspacePrependScheme.Never
                ? tokens[i].Replace(replacement.ToString(), "", StringComparison.Ordinal)
                : tokens[i].Replace(replacement, ' ');
        }
    }
}
