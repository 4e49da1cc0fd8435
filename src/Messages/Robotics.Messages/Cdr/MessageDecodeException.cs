namespace Robotics.Messages.Cdr;

/// <summary>
/// Bytes that are not a valid CDR encoding of the expected type (truncated, wrong lengths, bad header, bad UTF-8).
/// The only exception decoding ever throws for bad input; <see cref="Offset"/> is from the start of the body.
/// </summary>
public sealed class MessageDecodeException : Exception
{
    public MessageDecodeException(string message, int offset)
        : base(message)
    {
        Offset = offset;
    }

    public MessageDecodeException()
    {
    }

    public MessageDecodeException(string message)
        : base(message)
    {
    }

    public MessageDecodeException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public int Offset { get; }
}
