using Robotics.Middleware.Logging;
using Robotics.Middleware.Names;

namespace Robotics.Middleware;

/// <summary>
/// How to start a node (rclcpp NodeOptions): namespace, parameter overrides, remappings (including
/// <c>__node:=</c> and <c>__ns:=</c>), log level, and which built-in interfaces to offer.
/// </summary>
public sealed record NodeOptions
{
    public static NodeOptions Default { get; } = new();

    public string? Namespace { get; init; }

    /// <summary>Values that win over declared defaults: from launch files, <c>-p</c> and params files.</summary>
    public IReadOnlyDictionary<string, object?> ParameterOverrides { get; init; } = new Dictionary<string, object?>();

    public IReadOnlyList<RemapRule> Remappings { get; init; } = [];

    public LogLevel? LogLevel { get; init; }

    /// <summary>Offer ~/list_parameters, ~/get_parameters, ... so `param` tools work (rclcpp default: on).</summary>
    public bool StartParameterServices { get; init; } = true;

    /// <summary>Publish every parameter change on /parameter_events (rclcpp default: on).</summary>
    public bool PublishParameterEvents { get; init; } = true;

    /// <summary>Publish log records on /rosout (rcl default: on).</summary>
    public bool EnableRosout { get; init; } = true;
}
