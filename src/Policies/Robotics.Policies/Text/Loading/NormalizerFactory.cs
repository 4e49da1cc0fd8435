using System.Text;
using Robotics.Policies.Text.Normalizers;

namespace Robotics.Policies.Text.Loading;

/// <summary>Builds the <c>normalizer</c> section.</summary>
internal static class NormalizerFactory
{
    public static Normalizer? Create(JsonSection section)
    {
        if (section.IsAbsent)
        {
            return null;
        }

        return section.Type switch
        {
            "BertNormalizer" => new BertNormalizer(
                section["clean_text"].Boolean(true),
                section["handle_chinese_chars"].Boolean(true),
                section["strip_accents"].OptionalBoolean(),
                section["lowercase"].Boolean(true)),
            "Lowercase" => new LowercaseNormalizer(),
            "NFC" => new UnicodeFormNormalizer(NormalizationForm.FormC),
            "NFD" => new UnicodeFormNormalizer(NormalizationForm.FormD),
            "NFKC" => new UnicodeFormNormalizer(NormalizationForm.FormKC),
            "NFKD" => new UnicodeFormNormalizer(NormalizationForm.FormKD),
            "StripAccents" => new StripAccentsNormalizer(),
            "Strip" => new StripNormalizer(section["strip_left"].Boolean(true), section["strip_right"].Boolean(true)),
            "Prepend" => new PrependNormalizer(section["prepend"].String()),
            "Replace" => new ReplaceNormalizer(PatternFactory.Create(section["pattern"]), section["content"].String()),
            "Sequence" => new NormalizerSequence([.. section["normalizers"].Items().Select(item => Create(item.Required())!)]),
            _ => throw section.Unsupported(),
        };
    }
}
