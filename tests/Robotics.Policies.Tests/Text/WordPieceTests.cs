using Robotics.Policies.Text;

namespace Robotics.Policies.Tests.Text;

/// <summary>The BERT-uncased-style fixture and small WordPiece vocabularies, hand-checked.</summary>
public class WordPieceTests
{
    private static readonly Tokenizer _bert = Tokenizer.Load(TestPaths.Fixture("bert-uncased-wordpiece.json"));

    [Fact]
    public void Instruction_IsLowercasedSplitAndWrappedInClsSep()
    {
        var encoding = _bert.Encode("Pick up the RED cube.");
        Assert.Equal(["[CLS]", "pick", "up", "the", "red", "cube", ".", "[SEP]"], encoding.Tokens);
        Assert.Equal(encoding.Tokens.Select(t => (long)Id(t)), encoding.Ids);
        Assert.All(encoding.AttentionMask, m => Assert.Equal(1, m));
        Assert.All(encoding.TypeIds, t => Assert.Equal(0, t));
    }

    [Fact]
    public void Accents_AreStrippedAndCjkCharactersSpaced()
    {
        Assert.Equal(["[CLS]", "cafe", "creme", "[SEP]"], _bert.Tokens("Café Crème"));
        Assert.Equal(["[CLS]", "把", "红", "cube", "[SEP]"], _bert.Tokens("把红cube"));
    }

    [Fact]
    public void UnknownWords_SplitIntoPiecesOrBecomeUnk()
    {
        Assert.Equal(["[CLS]", "stack", "##ing", "[SEP]"], _bert.Tokens("stacking"));
        Assert.Equal(["[CLS]", "[UNK]", "[SEP]"], _bert.Tokens("☃"));
        Assert.Equal(["[CLS]", "[UNK]", "[SEP]"], _bert.Tokens(new string('a', 101))); // over max_input_chars_per_word
        Assert.Equal(102, _bert.Tokens(string.Join(' ', Enumerable.Repeat("a", 100))).Length);
    }

    [Fact]
    public void SpecialTokensInText_AreMatchedBeforeNormalization()
    {
        Assert.Equal(["[CLS]", "[MASK]", "cube", "[SEP]", "[SEP]"], _bert.Tokens("[MASK] Cube[SEP]"));
        var lowercase = _bert.Tokens("[mask]"); // special tokens match case-sensitively in the raw text
        Assert.DoesNotContain("[MASK]", lowercase);
        Assert.Equal("[", lowercase[1]);
        Assert.Equal("]", lowercase[^2]);
    }

    [Fact]
    public void GreedyLongestMatch_BacksOffOneCharacterAtATime()
    {
        var tokenizer = TokenizerJson.Create(
            $$"""{"type": "WordPiece", "unk_token": "[UNK]", "vocab": {{TokenizerJson.Vocab(["[UNK]", "un", "##aff", "##able", "unaff", "##a"])}}}""",
            preTokenizer: """{"type": "WhitespaceSplit"}""");
        Assert.Equal(["unaff", "##able"], tokenizer.Tokens("unaffable"));
        Assert.Equal(["[UNK]"], tokenizer.Tokens("unaffx")); // one unmatched rest makes the whole word unknown
    }

    private static int Id(string token) => _bert.TryGetId(token, out var id) ? id : throw new InvalidOperationException(token);
}
