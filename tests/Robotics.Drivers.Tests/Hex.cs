using System.Globalization;

namespace Robotics.Drivers.Tests;

/// <summary>Byte strings written as the e-manual prints them: "FF FF FD 00 01 ...".</summary>
internal static class Hex
{
    public static byte[] Bytes(string text) =>
        text.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(b => byte.Parse(b, NumberStyles.HexNumber, CultureInfo.InvariantCulture)).ToArray();

    public static string Text(ReadOnlySpan<byte> bytes) => string.Join(' ', bytes.ToArray().Select(b => b.ToString("X2", CultureInfo.InvariantCulture)));
}
