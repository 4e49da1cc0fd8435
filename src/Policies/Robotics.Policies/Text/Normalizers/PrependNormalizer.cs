namespace Robotics.Policies.Text.Normalizers;

/// <summary><c>Prepend</c> (Llama-2's "▁"): prefixes non-empty text.</summary>
internal sealed class PrependNormalizer(string prefix) : Normalizer
{
    public override string Normalize(string text) => text.Length == 0 ? text : prefix + text;
}
