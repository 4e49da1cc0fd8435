namespace Robotics.Drivers.Servos;

/// <summary>
/// Bytes that are not a valid servo packet, or a transaction that failed, when the caller asked to be told by an
/// exception (one-shot <c>Decode</c>, <see cref="ServoReply.ThrowIfFailed"/>). The only exception the protocol codecs
/// throw for bad input; the streaming decoders and buses report the same <see cref="Kind"/> as a value instead.
/// </summary>
public sealed class ServoProtocolException : Exception
{
    public ServoProtocolException(ServoError kind, string message, int id = -1)
        : base(message)
    {
        if (kind == ServoError.None)
        {
            throw new ArgumentOutOfRangeException(nameof(kind), kind, "a protocol exception needs a failure kind");
        }

        Kind = kind;
        Id = id;
    }

    public ServoProtocolException()
    {
    }

    public ServoProtocolException(string message)
        : base(message)
    {
    }

    public ServoProtocolException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>What was wrong.</summary>
    public ServoError Kind { get; } = ServoError.Malformed;

    /// <summary>The servo id concerned, or -1 when the failure is not about one servo (garbage, a bad header).</summary>
    public int Id { get; } = -1;
}
