namespace Robotics.Launch;

/// <summary>
/// A named ROS 2 parameter value (see <see cref="ParameterValue"/> for the allowed types). Equality compares array
/// values element by element, so two plans that set the same values are equal.
/// </summary>
public sealed record Parameter(string Name, object Value)
{
    public string Name { get; init => field = RequireName(value); } = RequireName(Name);

    public object Value { get; init => field = ParameterValue.Validate(value); } = ParameterValue.Validate(Value);

    public bool Equals(Parameter? other) =>
        other is not null && Name == other.Name && ParameterValue.ValueEquals(Value, other.Value);

    public override int GetHashCode() => HashCode.Combine(Name, ParameterValue.GetValueHashCode(Value));

    public override string ToString() => $"{Name}={ParameterValue.Describe(Value)}";

    private static string RequireName(string name)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        return name;
    }
}
