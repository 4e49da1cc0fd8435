using System.Buffers.Binary;
using System.Security.Cryptography;

namespace Robotics.Middleware.Dds.Wire;

/// <summary>
/// Client ids: 64 random bits on the wire (the request header's <c>client_guid</c>), a Guid with those bits in its
/// first 8 bytes in the runtime's <c>RequestId</c>. The USER_DATA pairing ids are random too: rmw only compares them
/// for equality between a server's (or client's) two endpoints.
/// </summary>
public static class ServiceIds
{
    public static ulong NewWireId()
    {
        Span<byte> bytes = stackalloc byte[8];
        RandomNumberGenerator.Fill(bytes);
        return BinaryPrimitives.ReadUInt64LittleEndian(bytes) | 1; // never 0
    }

    public static Guid FromWire(ulong id)
    {
        Span<byte> bytes = stackalloc byte[16];
        bytes.Clear();
        BinaryPrimitives.WriteUInt64LittleEndian(bytes, id);
        return new Guid(bytes, bigEndian: true);
    }

    public static ulong ToWire(Guid id)
    {
        Span<byte> bytes = stackalloc byte[16];
        id.TryWriteBytes(bytes, bigEndian: true, out _);
        return BinaryPrimitives.ReadUInt64LittleEndian(bytes);
    }

    /// <summary>16 random bytes as rmw prints a GID: two hex digits per byte, dot-separated.</summary>
    public static string NewText() => string.Join('.', RandomNumberGenerator.GetBytes(16).Select(b => b.ToString("x2", System.Globalization.CultureInfo.InvariantCulture)));
}
