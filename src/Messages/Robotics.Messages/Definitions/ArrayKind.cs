// Shared by the runtime (Robotics.Messages) and the source generator (netstandard2.0): keep this file free of
// APIs newer than netstandard2.0 and of records (no IsExternalInit there).
using System.Collections.Generic;

namespace Robotics.Messages.Definitions;

/// <summary>How a field repeats: not at all, <c>T[N]</c>, <c>T[&lt;=N]</c> or <c>T[]</c>.</summary>
public enum ArrayKind
{
    None,
    Fixed,
    Bounded,
    Unbounded,
}
