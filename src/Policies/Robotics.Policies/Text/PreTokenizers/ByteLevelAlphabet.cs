namespace Robotics.Policies.Text.PreTokenizers;

/// <summary>
/// GPT-2's <c>bytes_to_unicode</c>: each byte as a printable character, so that a BPE vocabulary over bytes is
/// still a vocabulary of strings. Printable Latin-1 bytes stand for themselves; the other 68 (controls, space,
/// U+00AD) become U+0100 onwards, in byte order ("Ġ" is the space).
/// </summary>
internal static class ByteLevelAlphabet
{
    private static readonly char[] _byteToChar = Build();
    private static readonly short[] _charToByte = Invert(_byteToChar);

    public static char ToChar(byte value) => _byteToChar[value];

    /// <summary>The byte a character stands for, or -1 for a character outside the alphabet.</summary>
    public static int ToByte(char c) => c < _charToByte.Length ? _charToByte[c] : -1;

    private static char[] Build()
    {
        var map = new char[256];
        var next = 256;
        for (var b = 0; b < 256; b++)
        {
            var printable = b is (>= '!' and <= '~') or (>= 0xA1 and <= 0xAC) or (>= 0xAE and <= 0xFF);
            map[b] = (char)(printable ? b : next++);
        }

        return map;
    }

    private static short[] Invert(char[] byteToChar)
    {
        var map = new short[byteToChar.Max() + 1];
        Array.Fill(map, (short)-1);
        for (var b = 0; b < byteToChar.Length; b++)
        {
            map[byteToChar[b]] = (short)b;
        }

        return map;
    }
}
