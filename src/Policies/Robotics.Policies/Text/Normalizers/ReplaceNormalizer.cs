using Robotics.Policies.Text.Patterns;

namespace Robotics.Policies.Text.Normalizers;

/// <summary><c>Replace</c>: every match of the pattern becomes the content (Llama-2: " " → "▁").</summary>
internal sealed class ReplaceNormalizer(SplitPattern pattern, string content) : Normalizer
{
    public override string Normalize(string text) => pattern.Replace(text, content);
}
