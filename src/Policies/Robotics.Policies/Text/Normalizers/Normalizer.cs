namespace Robotics.Policies.Text.Normalizers;

/// <summary>A tokenizer.json <c>normalizer</c>: rewrites text before it is split. Returns the same instance when
/// nothing changes, so that plain ASCII instructions allocate nothing here.</summary>
internal abstract class Normalizer
{
    public abstract string Normalize(string text);
}
