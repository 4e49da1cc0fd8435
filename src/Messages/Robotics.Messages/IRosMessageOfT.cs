using Robotics.Messages.Cdr;

namespace Robotics.Messages;

/// <summary>Static face of a generated message type, so generic code needs no reflection.</summary>
public interface IRosMessage<TSelf> : IRosMessage
    where TSelf : class, IRosMessage<TSelf>
{
    static abstract MessageTypeInfo TypeInfo { get; }

    /// <summary>Reads the body (after the encapsulation header). Throws only <see cref="MessageDecodeException"/>.</summary>
    static abstract TSelf Deserialize(ref CdrReader reader);
}
