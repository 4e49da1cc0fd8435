namespace Robotics.Messages.Cdr;

/// <summary>A message that cannot be put on the wire as its type says (fixed array of the wrong length, bound exceeded).</summary>
public sealed class MessageEncodeException : Exception
{
    public MessageEncodeException()
    {
    }

    public MessageEncodeException(string message)
        : base(message)
    {
    }

    public MessageEncodeException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
