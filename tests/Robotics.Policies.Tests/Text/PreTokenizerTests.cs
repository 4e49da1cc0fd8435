using Robotics.Policies.Text.Patterns;
using Robotics.Policies.Text.PreTokenizers;

namespace Robotics.Policies.Tests.Text;

/// <summary>Pre-tokenizers against the Rust crate's own test expectations.</summary>
public class PreTokenizerTests
{
    [Theory]
    [InlineData("Removed", new[] { "the", "final", "countdown" })]
    [InlineData("Isolated", new[] { "the", "-", "final", "-", "-", "countdown" })]
    [InlineData("MergedWithPrevious", new[] { "the-", "final-", "-", "countdown" })]
    [InlineData("MergedWithNext", new[] { "the", "-final", "-", "-countdown" })]
    [InlineData("Contiguous", new[] { "the", "-", "final", "--", "countdown" })]
    public void Split_AppliesEachDelimiterBehavior(string behavior, string[] expected) =>
        Assert.Equal(expected, Run(new SplitPreTokenizer(new StringSplitPattern("-"), Enum.Parse<SplitBehavior>(behavior), invert: false), "the-final--countdown"));

    [Fact]
    public void Split_InvertedKeepsTheMatches()
    {
        var split = new SplitPreTokenizer(new RegexSplitPattern(@"\w+|[^\w\s]+"), SplitBehavior.Removed, invert: true);
        Assert.Equal(["Hey", "friend", "!"], Run(split, "Hey friend!"));
    }

    [Fact]
    public void Punctuation_IsolatesEachCharacter() =>
        Assert.Equal(["Hey friend", "!", "     How are you", "?", "!", "?"], Run(new PunctuationPreTokenizer(SplitBehavior.Isolated), "Hey friend!     How are you?!?"));

    [Fact]
    public void BertPreTokenizer_DropsWhitespaceAndIsolatesPunctuation() =>
        Assert.Equal(["Hey", "friend", "!", "How", "are", "you", "?", "!", "?", "$", "5"], Run(new BertPreTokenizer(), "Hey friend!     How are you?!? $5"));

    [Fact]
    public void Whitespace_SplitsWordsFromSymbols() =>
        Assert.Equal(["How", "are", "you", "doing", "?", "café", "!!", "x_1"], Run(new WhitespacePreTokenizer(), "How are you doing? café!! x_1"));

    [Fact]
    public void WhitespaceSplit_KeepsPunctuationOnWords() =>
        Assert.Equal(["Hey", "man!", "ok"], Run(new WhitespaceSplitPreTokenizer(), " Hey\tman!\u00a0 ok "));

    [Fact]
    public void CharDelimiterSplit_DropsTheDelimiter() =>
        Assert.Equal(["a", "b", "c"], Run(new CharDelimiterSplitPreTokenizer('_'), "_a_b__c_"));

    [Theory]
    [InlineData(true, new[] { "Hey ", "1", "2", "3", " friend ", "²" })]
    [InlineData(false, new[] { "Hey ", "123", " friend ", "²" })]
    public void Digits_IsolateOrGroupNumericCharacters(bool individual, string[] expected) =>
        Assert.Equal(expected, Run(new DigitsPreTokenizer(individual), "Hey 123 friend ²"));

    [Fact]
    public void Metaspace_ReplacesSpacesAndStartsAPieceAtEach() =>
        Assert.Equal(["▁Hey", "▁", "▁", "▁friend!"], Run(new MetaspacePreTokenizer('▁', MetaspacePrependScheme.Always, split: true), "Hey   friend!"));

    [Fact]
    public void Metaspace_PrependSchemes()
    {
        Assert.Equal(["▁Hey▁you"], Run(new MetaspacePreTokenizer('▁', MetaspacePrependScheme.First, split: false), "Hey you"));
        Assert.Equal(["Hey▁you"], Run(new MetaspacePreTokenizer('▁', MetaspacePrependScheme.Never, split: false), "Hey you"));
        // "first" prefixes only the piece that starts the text.
        var pieces = new PieceList();
        pieces.Add("a b", atTextStart: true);
        pieces.Add("c", atTextStart: false);
        Assert.Equal(["▁a▁b", "c"], Run(new MetaspacePreTokenizer('▁', MetaspacePrependScheme.First, split: false), pieces));
    }

    [Fact]
    public void ByteLevel_MapsBytesAndSplitsLikeGpt2()
    {
        Assert.Equal(["Hello", "Ġmy", "Ġfriend", ",", "Ġhow", "Ġis", "Ġyour", "Ġday", "Ġgoing", "?"],
            Run(new ByteLevelPreTokenizer(addPrefixSpace: false, useRegex: true), "Hello my friend, how is your day going?"));
        Assert.Equal(["ĠHello", "ĠthereĊ"], Run(new ByteLevelPreTokenizer(addPrefixSpace: true, useRegex: false), "Hello", "there\n"));
        Assert.Equal(["Ã©"], Run(new ByteLevelPreTokenizer(addPrefixSpace: false, useRegex: true), "é"));
    }

    [Fact]
    public void Gpt2Splitter_MatchesTheRegexOnRandomText()
    {
        // The hand-written splitter against the regex engine (through the astral stand-ins, so an emoji is one
        // character for both), on random text full of the cases the pattern distinguishes.
        var regex = new RegexSplitPattern(@"'s|'t|'re|'ve|'m|'ll|'d| ?\p{L}+| ?\p{N}+| ?[^\s\p{L}\p{N}]+|\s+(?!\S)|\s+");
        var alphabet = "ab Zé1²  \t\n'srtvemld.,!-_ 把\u00a0\u2003🤖🟥👍🏽".EnumerateRunes().ToArray();
        var random = new Random(7);
        for (var n = 0; n < 3000; n++)
        {
            var text = string.Concat(Enumerable.Range(0, random.Next(0, 24)).Select(_ => alphabet[random.Next(alphabet.Length)].ToString()));
            var ours = new List<(int Start, int End)>();
            Gpt2Splitter.Split(text, ours);
            var theirs = new List<(int Start, int End)>();
            regex.FindMatches(text, theirs);
            Assert.True(theirs.SequenceEqual(ours), $"{System.Text.Json.JsonSerializer.Serialize(text)}: regex {string.Join(",", theirs)}, ours {string.Join(",", ours)}");
        }
    }

    [Fact]
    public void Gpt2Splitter_TakesEmojiWhole()
    {
        var matches = new List<(int Start, int End)>();
        Gpt2Splitter.Split("hi 🤖🤖 x", matches);
        Assert.Equal([(0, 2), (2, 7), (7, 9)], matches);
    }

    [Fact]
    public void RegexPattern_SeesAnEmojiAsOneCharacter()
    {
        // [^\r\n\p{L}\p{N}]? must take the whole emoji, as Oniguruma does; a .NET regex alone takes half of it.
        var pattern = new RegexSplitPattern(@"[^\r\n\p{L}\p{N}]?\p{L}+|\p{N}{1,3}");
        var matches = new List<(int Start, int End)>();
        pattern.FindMatches("🤖pick 12345", matches);
        Assert.Equal([(0, 6), (7, 10), (10, 12)], matches);
    }

    [Theory]
    [InlineData(@"\p{L}++", @"(?>\p{L}+)")]
    [InlineData(@"a?+b*+", @"(?>a?)(?>b*)")]
    [InlineData(@"(?:ab){2}+", @"(?:(?:ab){2})+")]
    [InlineData(@"\d{,3}", @"\d{0,3}")]
    [InlineData(@"[\h_]\x{41}", @"[0-9a-fA-F_]\u0041")]
    [InlineData(@"(?i:'s|'t)|\s+(?!\S)", @"(?i:'s|'t)|\s+(?!\S)")]
    [InlineData(@"a{x}", @"a\{x}")]
    public void OnigurumaTranslator_RewritesWhatDotNetSpellsDifferently(string oniguruma, string dotNet) =>
        Assert.Equal(dotNet, OnigurumaTranslator.ToDotNet(oniguruma));

    [Theory]
    [InlineData(@"[a-z&&[^aeiou]]")]
    [InlineData(@"[[:alpha:]]")]
    [InlineData(@"[abc")]
    public void OnigurumaTranslator_RefusesWhatDotNetCannotMatchTheSameWay(string oniguruma) =>
        Assert.Throws<ArgumentException>(() => OnigurumaTranslator.ToDotNet(oniguruma));

    private static string[] Run(PreTokenizer preTokenizer, params string[] pieces)
    {
        var input = new PieceList();
        for (var i = 0; i < pieces.Length; i++)
        {
            input.Add(pieces[i], atTextStart: i == 0);
        }

        return Run(preTokenizer, input);
    }

    private static string[] Run(PreTokenizer preTokenizer, PieceList input)
    {
        var output = new PieceList();
        preTokenizer.PreTokenize(input, output);
        return [.. Enumerable.Range(0, output.Count).Select(i => output[i].ToString())];
    }
}
