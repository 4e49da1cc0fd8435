namespace Robotics.Policies.Text;

/// <summary>Padding of short encodings (tokenizer.json <c>padding</c>). Defaults are Hugging Face's.</summary>
public sealed record PaddingOptions
{
    /// <summary>Pad every encoding to this many positions (the file's <c>{"Fixed": n}</c>); null pads a single
    /// text to its own length, i.e. not at all (the file's <c>"BatchLongest"</c>). At least 1.</summary>
    public int? Length
    {
        get;
        init => field = value is null or >= 1 ? value : throw new ArgumentOutOfRangeException(nameof(Length), value, "must be at least 1");
    }

    /// <summary>Then round the length up to a multiple of this (tensor-core friendly shapes). At least 1.</summary>
    public int? PadToMultipleOf
    {
        get;
        init => field = value is null or >= 1 ? value : throw new ArgumentOutOfRangeException(nameof(PadToMultipleOf), value, "must be at least 1");
    }

    /// <summary>The id written at padded positions (masked out, so its value is not attended). Non-negative.</summary>
    public long PadId
    {
        get;
        init => field = value >= 0 ? value : throw new ArgumentOutOfRangeException(nameof(PadId), value, "must not be negative");
    }

    /// <summary>The type id written at padded positions.</summary>
    public long PadTypeId { get; init; }

    /// <summary>The token string reported at padded positions.</summary>
    public string PadToken
    {
        get;
        init => field = value ?? throw new ArgumentNullException(nameof(PadToken));
    } = "[PAD]";

    /// <summary>Which end is padded.</summary>
    public PaddingDirection Direction
    {
        get;
        init => field = Enum.IsDefined(value) ? value : throw new ArgumentOutOfRangeException(nameof(Direction), value, "unknown direction");
    }
}
