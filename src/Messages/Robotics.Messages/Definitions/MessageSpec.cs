// Shared by the runtime (Robotics.Messages) and the source generator (netstandard2.0): keep this file free of
// APIs newer than netstandard2.0 and of records (no IsExternalInit there).
using System.Collections.Generic;

namespace Robotics.Messages.Definitions;

/// <summary>The ROS 2 primitive types of the .msg language (rosidl). <c>None</c> marks a nested message.</summary>
public enum PrimitiveKind
{
    None,
    Bool,
    Byte,
    Char,
    Int8,
    UInt8,
    Int16,
    UInt16,
    Int32,
    UInt32,
    Int64,
    UInt64,
    Float32,
    Float64,
    String,
    WString,
}

/// <summary>How a field repeats: not at all, <c>T[N]</c>, <c>T[&lt;=N]</c> or <c>T[]</c>.</summary>
public enum ArrayKind
{
    None,
    Fixed,
    Bounded,
    Unbounded,
}

/// <summary>The type of one field: a primitive or a nested message (by full name), possibly an array.</summary>
public sealed class FieldType
{
    public FieldType(PrimitiveKind primitive, string? nestedType, int stringBound, ArrayKind array, int arrayBound)
    {
        Primitive = primitive;
        NestedType = nestedType;
        StringBound = stringBound;
        Array = array;
        ArrayBound = arrayBound;
    }

    public PrimitiveKind Primitive { get; }

    /// <summary>Full name <c>pkg/msg/Type</c> of a nested message, or null for primitives.</summary>
    public string? NestedType { get; }

    /// <summary>Upper bound of <c>string&lt;=N</c>; 0 when unbounded. Not on the wire.</summary>
    public int StringBound { get; }

    public ArrayKind Array { get; }

    /// <summary>N of <c>T[N]</c> or <c>T[&lt;=N]</c>; 0 otherwise.</summary>
    public int ArrayBound { get; }

    public bool IsArray => Array != ArrayKind.None;

    public bool IsNested => Primitive == PrimitiveKind.None;

    /// <summary>The element type alone, as written in a .msg file.</summary>
    public string ElementText
    {
        get
        {
            if (IsNested)
            {
                return NestedType!;
            }

            var name = PrimitiveNames.ToText(Primitive);
            return StringBound > 0 ? name + "<=" + StringBound : name;
        }
    }

    public FieldType Element() => new(Primitive, NestedType, StringBound, ArrayKind.None, 0);
}

/// <summary>One field line: <c>type name [default]</c>.</summary>
public sealed class FieldSpec
{
    public FieldSpec(FieldType type, string name, string? defaultValue, int line)
    {
        Type = type;
        Name = name;
        DefaultValue = defaultValue;
        Line = line;
    }

    public FieldType Type { get; }

    public string Name { get; }

    /// <summary>The default value text as written, or null.</summary>
    public string? DefaultValue { get; }

    public int Line { get; }
}

/// <summary>One constant line: <c>type NAME=value</c>.</summary>
public sealed class ConstantSpec
{
    public ConstantSpec(PrimitiveKind type, string name, string value, int line)
    {
        Type = type;
        Name = name;
        Value = value;
        Line = line;
    }

    public PrimitiveKind Type { get; }

    public string Name { get; }

    public string Value { get; }

    public int Line { get; }
}

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
