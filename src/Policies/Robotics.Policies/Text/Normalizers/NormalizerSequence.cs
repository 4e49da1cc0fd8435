namespace Robotics.Policies.Text.Normalizers;

/// <summary><c>Sequence</c>: each normalizer in turn.</summary>
internal sealed class NormalizerSequence(IReadOnlyList<Normalizer> normalizers) : Normalizer
{
    public override string Normalize(string text)
    {
        foreach (var normalizer in normalizers)
        {
            text = normalizer.Normalize(text);
        }

        return text;
    }
}
