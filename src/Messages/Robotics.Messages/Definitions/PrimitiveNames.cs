// Shared with the source generator (netstandard2.0).
using System.Collections.Generic;

namespace Robotics.Messages.Definitions;

/// <summary>Spelling and wire size of the .msg primitive types (rosidl, XCDR1).</summary>
public static class PrimitiveNames
{
    private static readonly Dictionary<string, PrimitiveKind> _byName = new()
    {
        ["bool"] = PrimitiveKind.Bool,
        ["byte"] = PrimitiveKind.Byte,
        ["char"] = PrimitiveKind.Char,
        ["int8"] = PrimitiveKind.Int8,
        ["uint8"] = PrimitiveKind.UInt8,
        ["int16"] = PrimitiveKind.Int16,
        ["uint16"] = PrimitiveKind.UInt16,
        ["int32"] = PrimitiveKind.Int32,
        ["uint32"] = PrimitiveKind.UInt32,
        ["int64"] = PrimitiveKind.Int64,
        ["uint64"] = PrimitiveKind.UInt64,
        ["float32"] = PrimitiveKind.Float32,
        ["float64"] = PrimitiveKind.Float64,
        ["string"] = PrimitiveKind.String,
        ["wstring"] = PrimitiveKind.WString,
    };

    public static bool TryParse(string text, out PrimitiveKind kind) => _byName.TryGetValue(text, out kind);

    public static string ToText(PrimitiveKind kind) => kind switch
    {
        PrimitiveKind.Bool => "bool",
        PrimitiveKind.Byte => "byte",
        PrimitiveKind.Char => "char",
        PrimitiveKind.Int8 => "int8",
        PrimitiveKind.UInt8 => "uint8",
        PrimitiveKind.Int16 => "int16",
        PrimitiveKind.UInt16 => "uint16",
        PrimitiveKind.Int32 => "int32",
        PrimitiveKind.UInt32 => "uint32",
        PrimitiveKind.Int64 => "int64",
        PrimitiveKind.UInt64 => "uint64",
        PrimitiveKind.Float32 => "float32",
        PrimitiveKind.Float64 => "float64",
        PrimitiveKind.String => "string",
        PrimitiveKind.WString => "wstring",
        _ => "?",
    };

    /// <summary>Bytes on the wire (and alignment) of a fixed-size primitive; 0 for strings and nested types.</summary>
    public static int WireSize(PrimitiveKind kind) => kind switch
    {
        PrimitiveKind.Bool or PrimitiveKind.Byte or PrimitiveKind.Char or PrimitiveKind.Int8 or PrimitiveKind.UInt8 => 1,
        PrimitiveKind.Int16 or PrimitiveKind.UInt16 => 2,
        PrimitiveKind.Int32 or PrimitiveKind.UInt32 or PrimitiveKind.Float32 => 4,
        PrimitiveKind.Int64 or PrimitiveKind.UInt64 or PrimitiveKind.Float64 => 8,
        _ => 0,
    };
}
