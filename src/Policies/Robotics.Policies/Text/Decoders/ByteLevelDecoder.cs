using Robotics.Policies.Text.PreTokenizers;

namespace Robotics.Policies.Text.Decoders;

/// <summary><c>ByteLevel</c>: maps the characters back to bytes and reads them as UTF-8 (invalid sequences
/// become U+FFFD). A token with a character outside the byte alphabet contributes its own UTF-8 bytes.</summary>
internal sealed class ByteLevelDecoder : Decoder
{
    public override void DecodeChain(List<string> tokens)
    {
        var bytes = new List<byte>();
        var utf8 = global::System.Text.Encoding.UTF8;
        foreach (var token in tokens)
        {
            var mapped = token.All(c => ByteLevelAlphabet.ToByte(c) >= 0);
            if (mapped)
            {
                bytes.AddRange(token.Select(c => (byte)ByteLevelAlphabet.ToByte(c)));
            }
            else
            {
                bytes.AddRange(utf8.GetBytes(token));
            }
        }

        tokens.Clear();
        tokens.Add(utf8.GetString([.. bytes]));
    }
}
