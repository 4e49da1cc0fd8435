namespace Robotics.Policies.Text;

/// <summary>Which end of a short encoding is filled with padding.</summary>
public enum PaddingDirection
{
    /// <summary>Padding after the tokens (Hugging Face's default).</summary>
    Right,

    /// <summary>Padding before the tokens (decoder-only models that read the last position).</summary>
    Left,
}
