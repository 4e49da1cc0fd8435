using Robotics.Messages.Cdr;

namespace Robotics.Messages;

/// <summary>A generated ROS 2 message: knows its type and writes itself as XCDR1.</summary>
public interface IRosMessage
{
    /// <summary>The type of this instance (same as the static <c>TypeInfo</c> of its class).</summary>
    MessageTypeInfo MessageType { get; }

    /// <summary>Writes the body (no encapsulation header) to a byte writer or a sizer.</summary>
    void Serialize<TWriter>(ref TWriter writer)
        where TWriter : ICdrWriter, allows ref struct;
}
