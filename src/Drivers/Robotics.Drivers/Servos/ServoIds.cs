namespace Robotics.Drivers.Servos;

/// <summary>Id rules shared by both protocols: 0..252 address one servo, 0xFE broadcasts (ROBOTIS Protocol 2.0; SCServo SDK MAX_ID 0xFC).</summary>
public static class ServoIds
{
    /// <summary>Highest id a single servo may have.</summary>
    public const byte MaxId = 252;

    /// <summary>Every servo executes a packet sent to this id; only pings (and sync/bulk reads) are answered.</summary>
    public const byte Broadcast = 0xFE;

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> unless <paramref name="id"/> addresses one servo (or is broadcast, when allowed).</summary>
    public static void Check(byte id, string paramName, bool allowBroadcast = false)
    {
        if (id > MaxId && !(allowBroadcast && id == Broadcast))
        {
            throw new ArgumentOutOfRangeException(paramName, id, allowBroadcast
                ? $"servo id must be 0..{MaxId} or {Broadcast} (broadcast)"
                : $"servo id must be 0..{MaxId}");
        }
    }

    /// <summary>Throws <see cref="ArgumentException"/> unless <paramref name="ids"/> is non-empty, each 0..252 and distinct.</summary>
    public static void CheckList(ReadOnlySpan<byte> ids, string paramName)
    {
        if (ids.IsEmpty)
        {
            throw new ArgumentException("at least one servo id is needed", paramName);
        }

        Span<bool> seen = stackalloc bool[MaxId + 1];
        for (var i = 0; i < ids.Length; i++)
        {
            var id = ids[i];
            if (id > MaxId)
            {
                throw new ArgumentException($"servo id {id} at index {i} is not 0..{MaxId}", paramName);
            }

            if (seen[id])
            {
                throw new ArgumentException($"servo id {id} appears twice (index {i}); replies could not be told apart", paramName);
            }

            seen[id] = true;
        }
    }

    /// <summary>Index of <paramref name="id"/> in <paramref name="ids"/>, or -1.</summary>
    internal static int IndexOf(ReadOnlySpan<byte> ids, byte id) => ids.IndexOf(id);
}
