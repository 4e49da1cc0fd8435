// Shared by the runtime (Robotics.Messages) and the source generator (netstandard2.0): keep this file free of
// APIs newer than netstandard2.0 and of records (no IsExternalInit there).
using System.Collections.Generic;

namespace Robotics.Messages.Definitions;

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
