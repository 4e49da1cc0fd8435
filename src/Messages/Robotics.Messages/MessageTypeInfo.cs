using Robotics.Messages.Definitions;

namespace Robotics.Messages;

/// <summary>
/// Everything the stack knows about one message type: its ROS 2 and DDS names, its definition text and the
/// ros2msg schema (with dependencies) that MCAP and Foxglove need, and how to create and decode it.
/// </summary>
public sealed class MessageTypeInfo
{
    private readonly Func<IRosMessage> _create;
    private readonly Lazy<MessageSpec> _spec;
    private readonly Lazy<string> _schema;
    private readonly Lazy<string> _typeHash;

    public MessageTypeInfo(string package, string kind, string name, string definition, Type clrType, Func<IRosMessage> create, DeserializeBody deserialize)
    {
        Package = package;
        Kind = kind;
        ShortName = name;
        Definition = definition;
        ClrType = clrType;
        _create = create;
        Deserialize = deserialize;
        _spec = new Lazy<MessageSpec>(() => MsgParser.Parse(package, kind, name, definition));
        _schema = new Lazy<string>(() => global::Robotics.Messages.Ros2MsgSchema.Build(this));
        _typeHash = new Lazy<string>(() => TypeDescriptionHash.Compute(this));
    }

    public string Package { get; }

    /// <summary><c>msg</c>, <c>srv</c> or <c>action</c>.</summary>
    public string Kind { get; }

    /// <summary>The type name alone, e.g. <c>JointState</c> or <c>Trigger_Request</c>.</summary>
    public string ShortName { get; }

    /// <summary>Full ROS 2 name, e.g. <c>sensor_msgs/msg/JointState</c>.</summary>
    public string Name => Package + "/" + Kind + "/" + ShortName;

    /// <summary>DDS type name, e.g. <c>sensor_msgs::msg::dds_::JointState_</c> (ROS2_WIRE.md).</summary>
    public string DdsName => Package + "::" + Kind + "::dds_::" + ShortName + "_";

    /// <summary>The definition text of this type alone, as in its .msg file.</summary>
    public string Definition { get; }

    public Type ClrType { get; }

    public DeserializeBody Deserialize { get; }

    /// <summary>The parsed definition (fields, constants), parsed on first use.</summary>
    public MessageSpec Spec => _spec.Value;

    /// <summary>The <c>ros2msg</c> schema: this definition, then every dependency once (FORMATS.md).</summary>
    public string Ros2MsgSchema => _schema.Value;

    /// <summary>
    /// The ROS 2 type hash, <c>RIHS01_</c> + 64 hex digits, as Jazzy's rosidl generates it and rmw advertises it in
    /// endpoint USER_DATA (<c>typehash=...;</c>). Computed on first use (<see cref="TypeDescriptionHash"/>).
    /// </summary>
    public string TypeHash => _typeHash.Value;

    public IRosMessage CreateDefault() => _create();

    public override string ToString() => Name;
}
