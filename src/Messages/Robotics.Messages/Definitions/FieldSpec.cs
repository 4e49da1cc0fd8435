// Shared by the runtime (Robotics.Messages) and the source generator (netstandard2.0): keep this file free of
// APIs newer than netstandard2.0 and of records (no IsExternalInit there).
using System.Collections.Generic;

namespace Robotics.Messages.Definitions;

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
