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
