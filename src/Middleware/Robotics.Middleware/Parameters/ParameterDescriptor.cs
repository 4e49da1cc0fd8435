namespace Robotics.Middleware.Parameters;

/// <summary>
/// How a parameter may be set (rcl_interfaces/ParameterDescriptor): type is fixed unless dynamically typed,
/// read-only ones are set only at declaration, ranges are inclusive with an optional step.
/// </summary>
public sealed record ParameterDescriptor
{
    public string Description { get; init; } = string.Empty;

    public string AdditionalConstraints { get; init; } = string.Empty;

    public bool ReadOnly { get; init; }

    public bool DynamicTyping { get; init; }

    public IntegerRange? IntegerRange { get; init; }

    public FloatingPointRange? FloatingPointRange { get; init; }
}
