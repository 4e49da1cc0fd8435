// Shared by the runtime (Robotics.Messages) and the source generator (netstandard2.0): keep this file free of
// APIs newer than netstandard2.0 and of records (no IsExternalInit there).
using System.Collections.Generic;

namespace Robotics.Messages.Definitions;

/// <summary>A parsed message definition, addressed by its full ROS 2 name <c>pkg/kind/Name</c>.</summary>
public sealed class MessageSpec
{
    public MessageSpec(string package, string kind, string name, string text, IReadOnlyList<FieldSpec> fields, IReadOnlyList<ConstantSpec> constants)
    {
        Package = package;
        Kind = kind;
        Name = name;
        Text = text;
        Fields = fields;
        Constants = constants;
    }

    public string Package { get; }

    /// <summary><c>msg</c>, <c>srv</c> or <c>action</c>: the folder the type's file lives in.</summary>
    public string Kind { get; }

    /// <summary>Type name as ROS 2 spells it, e.g. <c>Trigger_Request</c>, <c>Fibonacci_SendGoal_Request</c>.</summary>
    public string Name { get; }

    public string FullName => Package + "/" + Kind + "/" + Name;

    /// <summary>DDS type name as rmw publishes it: <c>pkg::kind::dds_::Name_</c>.</summary>
    public string DdsName => Package + "::" + Kind + "::dds_::" + Name + "_";

    /// <summary>The definition text as written (the ros2msg schema of this type alone).</summary>
    public string Text { get; }

    public IReadOnlyList<FieldSpec> Fields { get; }

    public IReadOnlyList<ConstantSpec> Constants { get; }
}
