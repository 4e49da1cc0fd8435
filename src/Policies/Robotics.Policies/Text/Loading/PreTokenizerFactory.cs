using Robotics.Policies.Text.PreTokenizers;

namespace Robotics.Policies.Text.Loading;

/// <summary>Builds the <c>pre_tokenizer</c> section.</summary>
internal static class PreTokenizerFactory
{
    public static PreTokenizer? Create(JsonSection section)
    {
        if (section.IsAbsent)
        {
            return null;
        }

        return section.Type switch
        {
            "BertPreTokenizer" => new BertPreTokenizer(),
            "ByteLevel" => new ByteLevelPreTokenizer(section["add_prefix_space"].Boolean(true), section["use_regex"].Boolean(true)),
            "Whitespace" => new WhitespacePreTokenizer(),
            "WhitespaceSplit" => new WhitespaceSplitPreTokenizer(),
            "Metaspace" => new MetaspacePreTokenizer(section["replacement"].Char(), PrependScheme(section), section["split"].Boolean(true)),
            "Split" => new SplitPreTokenizer(PatternFactory.Create(section["pattern"]), Behavior(section["behavior"].Required()), section["invert"].Boolean(false)),
            "Digits" => new DigitsPreTokenizer(section["individual_digits"].Boolean(false)),
            "Punctuation" => new PunctuationPreTokenizer(section["behavior"].IsAbsent ? SplitBehavior.Isolated : Behavior(section["behavior"])),
            "CharDelimiterSplit" => new CharDelimiterSplitPreTokenizer(section["delimiter"].Char()),
            "Sequence" => new PreTokenizerSequence([.. section["pretokenizers"].Items().Select(item => Create(item.Required())!)]),
            _ => throw section.Unsupported(),
        };
    }

    public static SplitBehavior Behavior(JsonSection behavior) => behavior.String() switch
    {
        "Removed" => SplitBehavior.Removed,
        "Isolated" => SplitBehavior.Isolated,
        "MergedWithPrevious" => SplitBehavior.MergedWithPrevious,
        "MergedWithNext" => SplitBehavior.MergedWithNext,
        "Contiguous" => SplitBehavior.Contiguous,
        var other => throw behavior.Invalid($"\"{other}\" is not a split behavior (Removed, Isolated, MergedWithPrevious, MergedWithNext, Contiguous)"),
    };

    // Files from before prepend_scheme carry add_prefix_space instead (true: always).
    public static MetaspacePrependScheme PrependScheme(JsonSection section)
    {
        var scheme = section["prepend_scheme"];
        if (scheme.IsAbsent)
        {
            return section["add_prefix_space"].Boolean(true) ? MetaspacePrependScheme.Always : MetaspacePrependScheme.Never;
        }

        return scheme.String() switch
        {
            "always" => MetaspacePrependScheme.Always,
            "first" => MetaspacePrependScheme.First,
            "never" => MetaspacePrependScheme.Never,
            var other => throw scheme.Invalid($"\"{other}\" is not a prepend scheme (always, first, never)"),
        };
    }
}
