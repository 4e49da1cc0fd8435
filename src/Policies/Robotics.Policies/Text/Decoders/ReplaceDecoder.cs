using Robotics.Policies.Text.Patterns;

namespace Robotics.Policies.Text.Decoders;

/// <summary><c>Replace</c>: in each token, every match of the pattern becomes the content ("▁" → " ").</summary>
internal sealed class ReplaceDecoder(SplitPattern pattern, string content) : Decoder
{
    public override void DecodeChain(List<string> tokens)
    {
        for (var i = 0; i < tokens.Count; i++)
        {
            tokens[i] = pattern.Replace(tokens[i], content);
        }
    }
}
