// Shared with the source generator (netstandard2.0).
using System;

namespace Robotics.Messages.Definitions;

/// <summary>A .msg/.srv/.action text that rosidl would reject; <see cref="Line"/> is 1-based (0 = whole file).</summary>
public sealed class MsgParseException : Exception
{
    public MsgParseException(int line, string reason)
        : base(line > 0 ? $"line {line}: {reason}" : reason)
    {
        Line = line;
        Reason = reason;
    }

    public MsgParseException()
    {
        Reason = string.Empty;
    }

    public MsgParseException(string message)
        : base(message)
    {
        Reason = message;
    }

    public MsgParseException(string message, Exception innerException)
        : base(message, innerException)
    {
        Reason = message;
    }

    public int Line { get; }

    public string Reason { get; }
}
