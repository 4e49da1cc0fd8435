namespace Robotics.Messages.Cdr;

/// <summary>Value equality for message array fields (null counts as empty; NaN equals NaN, as in round trips).</summary>
public static class MessageEquality
{
    public static bool Equal<T>(T[]? left, T[]? right)
        where T : IEquatable<T>
    {
        return left.AsSpan().SequenceEqual(right.AsSpan());
    }
}
