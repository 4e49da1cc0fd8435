namespace Robotics.Launch;

/// <summary>A launch argument declaration (<c>arg</c>) as processed: its final value and where it was declared.</summary>
public sealed record LaunchArgument(
    string Name,
    string Value,
    string? DefaultValue,
    string? Description,
    SourceLocation DeclaredAt);
