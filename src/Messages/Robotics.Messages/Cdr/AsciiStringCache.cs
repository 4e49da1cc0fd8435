using System.Buffers.Binary;
using System.Text;

namespace Robotics.Messages.Cdr;

/// <summary>
/// Short ASCII strings repeat in every message of a stream (joint names, frame ids, image encodings), so decoding
/// hands back the string it made last time instead of a new one: JointState(6) deserialize drops 7 of its 12
/// allocations. Direct-mapped and lock-free: a slot holds one immutable string, a collision simply replaces it.
/// </summary>
internal static class AsciiStringCache
{
    /// <summary>Longer strings are rarely repeated names; caching them would only evict the ones that are.</summary>
    public const int MaxLength = 48;

    private const int SlotBits = 9; // 512 slots × 8 B: a few KB, enough for every joint and frame of a robot
    private static readonly string?[] _slots = new string?[1 << SlotBits];

    /// <summary>The string for <paramref name="bytes"/> (1..<see cref="MaxLength"/> bytes), or null when they are not all ASCII.</summary>
    public static string? Get(ReadOnlySpan<byte> bytes)
    {
        ref var slot = ref _slots[Slot(bytes)];
        var cached = Volatile.Read(ref slot);
        if (cached is not null && cached.Length == bytes.Length && Ascii.Equals(bytes, cached))
        {
            return cached;
        }

        if (!Ascii.IsValid(bytes))
        {
            return null;
        }

        var made = Encoding.ASCII.GetString(bytes);
        Volatile.Write(ref slot, made);
        return made;
    }

    private static int Slot(ReadOnlySpan<byte> bytes)
    {
        // Length plus the first and last eight bytes: names that share a prefix ("joint_1", "joint_2") differ at the end.
        ulong hash = (ulong)bytes.Length;
        if (bytes.Length >= 8)
        {
            hash ^= BinaryPrimitives.ReadUInt64LittleEndian(bytes) * 0x9E3779B97F4A7C15UL;
            hash ^= BinaryPrimitives.ReadUInt64LittleEndian(bytes[^8..]) * 0xC2B2AE3D27D4EB4FUL;
        }
        else
        {
            foreach (var b in bytes)
            {
                hash = (hash * 31) + b;
            }

            hash *= 0x9E3779B97F4A7C15UL;
        }

        hash ^= hash >> 31;
        return (int)((hash * 0x9E3779B97F4A7C15UL) >> (64 - SlotBits));
    }
}
