using Robotics.Policies.Text.Normalizers;
using Robotics.Policies.Text.Patterns;
using Robotics.Policies.Text.Unicode;

namespace Robotics.Policies.Tests.Text;

/// <summary>Normalizers as the Rust crate defines them.</summary>
public class NormalizerTests
{
    [Fact]
    public void Bert_CleansSpacesChineseStripsAndLowercases() =>
        Assert.Equal(" hello world 把  cafe", new BertNormalizer(true, true, null, true).Normalize("\tHéllo\u0000 WORLD\u200b\u00ad把 Café"));

    [Fact]
    public void Bert_StripAccentsFollowsLowercaseUnlessSet()
    {
        Assert.Equal("Café", new BertNormalizer(true, true, null, false).Normalize("Café"));
        Assert.Equal("Cafe", new BertNormalizer(true, true, true, false).Normalize("Café"));
        Assert.Equal("café", new BertNormalizer(true, true, false, true).Normalize("Café"));
    }

    [Fact]
    public void Bert_UnchangedTextIsTheSameInstance()
    {
        var text = "pick up the red cube.";
        Assert.Same(text, new BertNormalizer(true, true, null, true).Normalize(text));
    }

    [Fact]
    public void Lowercase_IsRustsFullPerCharacterMapping()
    {
        Assert.Equal("i\u0307stanbul", new LowercaseNormalizer().Normalize("İstanbul")); // .NET's invariant mapping keeps İ
        Assert.Equal("σασ", new LowercaseNormalizer().Normalize("ΣΑΣ")); // per character: no final-sigma rule
        Assert.Equal("𐐨", new LowercaseNormalizer().Normalize("𐐀"));
    }

    [Fact]
    public void StripAccents_DropsOnlyNonSpacingMarks() =>
        Assert.Equal("cafe\u0903", new StripAccentsNormalizer().Normalize("cafe\u0301\u0903")); // U+0903 is a spacing mark (Mc)

    [Fact]
    public void Sequence_AppliesInOrder()
    {
        var sequence = new NormalizerSequence([new UnicodeFormNormalizer(System.Text.NormalizationForm.FormKC), new LowercaseNormalizer(),
            new ReplaceNormalizer(new RegexSplitPattern(@"\s+"), " "), new StripNormalizer(true, true), new PrependNormalizer("▁")]);
        Assert.Equal("▁fi ne", sequence.Normalize("  ＦＩ\t\tne "));
        Assert.Equal("", sequence.Normalize("   ")); // Prepend leaves empty text empty
    }

    [Fact]
    public void Replace_ContentIsLiteral() =>
        Assert.Equal("a$1b", new ReplaceNormalizer(new RegexSplitPattern("(x)"), "$1").Normalize("axb"));

    [Fact]
    public void CharProperties_BertPunctuationIncludesAsciiSymbols()
    {
        Assert.True(CharProperties.IsPunctuation(new System.Text.Rune('$')));
        Assert.True(CharProperties.IsPunctuation(new System.Text.Rune('「')));
        Assert.False(CharProperties.IsPunctuation(new System.Text.Rune('€'))); // Sc outside ASCII is no punctuation
    }
}
