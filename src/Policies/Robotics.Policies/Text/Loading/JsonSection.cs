using System.Text.Json;

namespace Robotics.Policies.Text.Loading;

/// <summary>
/// A value of tokenizer.json with its path ("pre_tokenizer.pretokenizers[1].pattern"), so that every error names
/// the exact place in the file that was wrong.
/// </summary>
internal readonly struct JsonSection(JsonElement element, string path)
{
    public JsonElement Element { get; } = element;

    public string Path { get; } = path;

    /// <summary>Missing or JSON null: the component is absent.</summary>
    public bool IsAbsent => Element.ValueKind is JsonValueKind.Undefined or JsonValueKind.Null;

    public JsonSection this[string name]
    {
        get
        {
            var child = Path.Length == 0 ? name : $"{Path}.{name}";
            if (Element.ValueKind != JsonValueKind.Object)
            {
                return new(default, child);
            }

            return Element.TryGetProperty(name, out var value) ? new(value, child) : new(default, child);
        }
    }

    /// <summary>The component's <c>type</c> string.</summary>
    public string Type => this["type"].String();

    public IEnumerable<JsonSection> Items()
    {
        if (Element.ValueKind != JsonValueKind.Array)
        {
            throw Invalid($"must be an array, not {Describe()}");
        }

        var index = 0;
        foreach (var item in Element.EnumerateArray())
        {
            yield return new(item, $"{Path}[{index++}]");
        }
    }

    public IEnumerable<(string Name, JsonSection Value)> Properties()
    {
        if (Element.ValueKind != JsonValueKind.Object)
        {
            throw Invalid($"must be an object, not {Describe()}");
        }

        foreach (var property in Element.EnumerateObject())
        {
            yield return (property.Name, new(property.Value, $"{Path}[{JsonSerializer.Serialize(property.Name)}]"));
        }
    }

    public string String() => Element.ValueKind == JsonValueKind.String ? Element.GetString()! : throw Invalid($"must be a string, not {Describe()}");

    public string? OptionalString() => IsAbsent ? null : String();

    public int Int32() => Element.ValueKind == JsonValueKind.Number && Element.TryGetInt32(out var value)
        ? value
        : throw Invalid($"must be a 32-bit integer, not {Describe()}");

    public int? OptionalInt32() => IsAbsent ? null : Int32();

    public bool Boolean(bool absent) => IsAbsent ? absent
        : Element.ValueKind is JsonValueKind.True or JsonValueKind.False ? Element.GetBoolean()
        : throw Invalid($"must be true or false, not {Describe()}");

    public bool? OptionalBoolean() => IsAbsent ? null : Boolean(false);

    /// <summary>A one-character string (Metaspace's replacement, Strip's content).</summary>
    public char Char()
    {
        var value = String();
        return value.Length == 1 ? value[0] : throw Invalid($"must be a single (BMP) character, not \"{value}\"");
    }

    public FormatException Invalid(string message) => new($"{Path} {message}");

    public FormatException Missing() => new($"{Path} is missing");

    /// <summary>The error for a <c>type</c> this tokenizer does not implement.</summary>
    public NotSupportedException Unsupported() => new($"{Path}.type \"{Type}\" is not supported");

    /// <summary>Fails unless present.</summary>
    public JsonSection Required() => IsAbsent ? throw Missing() : this;

    private string Describe() => Element.ValueKind switch
    {
        JsonValueKind.Undefined => throw Missing(),
        JsonValueKind.String => $"the string {Element.GetRawText()}",
        JsonValueKind.Number => $"the number {Element.GetRawText()}",
        _ => Element.ValueKind.ToString().ToLowerInvariant(),
    };
}
