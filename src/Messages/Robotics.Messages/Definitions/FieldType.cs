// Shared by the runtime (Robotics.Messages) and the source generator (netstandard2.0): keep this file free of
// APIs newer than netstandard2.0 and of records (no IsExternalInit there).
using System.Collections.Generic;

namespace Robotics.Messages.Definitions;

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
