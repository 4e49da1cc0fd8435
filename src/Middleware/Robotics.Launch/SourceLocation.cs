using System.Globalization;

namespace Robotics.Launch;

/// <summary>A file and a 1-based line, rendered <c>file:line</c> like a compiler diagnostic.</summary>
public readonly record struct SourceLocation(string File, int Line)
{
    public override string ToString() => $"{File}:{Line.ToString(CultureInfo.InvariantCulture)}";
}
