namespace Robotics.Messages.Dynamic;

/// <summary>A field map that keeps definition order when printed as YAML or JSON.</summary>
public sealed class OrderedPlainMap : List<KeyValuePair<string, object?>>
{
    public OrderedPlainMap(IEnumerable<KeyValuePair<string, object?>> fields)
        : base(fields)
    {
    }
}
