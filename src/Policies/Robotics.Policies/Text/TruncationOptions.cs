namespace Robotics.Policies.Text;

/// <summary>Truncation of an encoding to a model's maximum sequence length (tokenizer.json <c>truncation</c>).</summary>
public sealed record TruncationOptions
{
    /// <param name="maxLength">The most tokens an encoding may have, special tokens included.</param>
    /// <param name="direction">Which end loses tokens.</param>
    public TruncationOptions(int maxLength, TruncationDirection direction = TruncationDirection.Right)
    {
        MaxLength = maxLength;
        Direction = direction;
    }

    /// <summary>The most tokens an encoding may have, special tokens included (the text keeps
    /// <c>MaxLength</c> minus the special tokens). At least 1.</summary>
    public int MaxLength
    {
        get;
        init => field = value >= 1 ? value : throw new ArgumentOutOfRangeException(nameof(MaxLength), value, "must be at least 1");
    }

    /// <summary>Which end loses tokens.</summary>
    public TruncationDirection Direction
    {
        get;
        init => field = Enum.IsDefined(value) ? value : throw new ArgumentOutOfRangeException(nameof(Direction), value, "unknown direction");
    }
}
