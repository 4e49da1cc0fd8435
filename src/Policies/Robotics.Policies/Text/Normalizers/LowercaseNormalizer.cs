using Robotics.Policies.Text.Unicode;

namespace Robotics.Policies.Text.Normalizers;

/// <summary><c>Lowercase</c>: Rust's full per-character lowercase mapping.</summary>
internal sealed class LowercaseNormalizer : Normalizer
{
    public override string Normalize(string text) => CharProperties.ToLower(text);
}
