namespace Robotics.Policies.Text;

/// <summary>Which end of an over-long text loses tokens.</summary>
public enum TruncationDirection
{
    /// <summary>Keep the beginning (Hugging Face's default).</summary>
    Right,

    /// <summary>Keep the end.</summary>
    Left,
}
