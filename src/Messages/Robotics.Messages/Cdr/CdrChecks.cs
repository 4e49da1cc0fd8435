namespace Robotics.Messages.Cdr;

/// <summary>Length checks the generated serializers apply before writing fixed and bounded fields.</summary>
public static class CdrChecks
{
    public static T[] Fixed<T>(T[]? values, int length, string field)
    {
        values ??= [];
        return values.Length == length
            ? values
            : throw new MessageEncodeException($"{field}: fixed array needs exactly {length} elements, has {values.Length}");
    }

    public static T[] Bounded<T>(T[]? values, int bound, string field)
    {
        values ??= [];
        return values.Length <= bound
            ? values
            : throw new MessageEncodeException($"{field}: bounded sequence allows at most {bound} elements, has {values.Length}");
    }

    public static string Bounded(string? value, int bound, string field)
    {
        value ??= string.Empty;
        return System.Text.Encoding.UTF8.GetByteCount(value) <= bound
            ? value
            : throw new MessageEncodeException($"{field}: bounded string allows at most {bound} bytes, has {System.Text.Encoding.UTF8.GetByteCount(value)}");
    }

    /// <summary>A fixed array of <paramref name="length"/> fresh elements (fixed arrays of strings or messages).</summary>
    public static T[] Filled<T>(int length, Func<T> create)
    {
        var values = new T[length];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = create();
        }

        return values;
    }
}
