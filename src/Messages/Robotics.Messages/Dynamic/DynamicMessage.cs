namespace Robotics.Messages.Dynamic;

/// <summary>
/// A message as field name → value, for types known only at run time (CLI pub/echo, recorder, bridges).
/// Values: the CLR primitive of the field type (byte for byte/char/uint8), string, a typed array for primitive
/// arrays, <c>string[]</c>, a nested <see cref="DynamicMessage"/>, or <c>DynamicMessage[]</c>.
/// </summary>
public sealed class DynamicMessage
{
    private readonly OrderedDictionary<string, object?> _fields = new(StringComparer.Ordinal);

    public DynamicMessage(MessageTypeInfo type)
    {
        Type = type;
    }

    public MessageTypeInfo Type { get; }

    public IEnumerable<KeyValuePair<string, object?>> Fields => _fields;

    public int Count => _fields.Count;

    public object? this[string field]
    {
        get => _fields.TryGetValue(field, out var value) ? value : throw new KeyNotFoundException($"{Type.Name} has no field '{field}'");
        set => _fields[field] = value;
    }

    public bool TryGetValue(string field, out object? value) => _fields.TryGetValue(field, out value);

    public override string ToString() => Type.Name;
}
