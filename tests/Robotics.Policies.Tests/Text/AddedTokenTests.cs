namespace Robotics.Policies.Tests.Text;

/// <summary>added_tokens: leftmost-longest matching, single_word, lstrip/rstrip, normalized matching.</summary>
public class AddedTokenTests
{
    private static readonly string _words = TokenizerJson.WordLevel("a", "b", "ok", "book", "[", "]", "x");

    private static string Added(int id, string content, string flags = "") =>
        $$"""{"id": {{id}}, "content": "{{content}}", "special": true, "normalized": false{{flags}}}""";

    [Fact]
    public void LongestTokenAtTheLeftmostPositionWins()
    {
        var tokenizer = TokenizerJson.Create(_words, preTokenizer: """{"type": "WhitespaceSplit"}""",
            addedTokens: $"[{Added(10, "<a>")}, {Added(11, "<a><b>")}]");
        Assert.Equal([1L, 11, 10, 2], tokenizer.Encode("a<a><b><a>b").Ids);
    }

    [Fact]
    public void SingleWord_MatchesOnlyWithoutLettersOrDigitsAround()
    {
        var tokenizer = TokenizerJson.Create(_words, preTokenizer: """{"type": "WhitespaceSplit"}""",
            addedTokens: $"""[{Added(10, "ok", ", \"single_word\": true")}]""");
        Assert.Equal([10L, 4, 10], tokenizer.Encode("ok book ok").Ids); // "ok" inside "book" is not the token
    }

    [Fact]
    public void LeftAndRightStrip_SwallowTheSpaces()
    {
        // ByteLevel keeps spaces visible: "Ġ" is a space. Without stripping, "a <m> b" would keep "Ġ" before and after.
        var model = TokenizerJson.WordLevel("a", "b", "Ġ", "Ġb", "Ġa");
        var tokenizer = TokenizerJson.Create(model, preTokenizer: """{"type": "ByteLevel", "add_prefix_space": false}""",
            addedTokens: $"""[{Added(20, "<m>", ", \"lstrip\": true, \"rstrip\": true")}]""");
        Assert.Equal(["a", "<m>", "b"], tokenizer.Tokens("a  <m>  b"));
        var keep = TokenizerJson.Create(model, preTokenizer: """{"type": "ByteLevel", "add_prefix_space": false}""", addedTokens: $"[{Added(20, "<m>")}]");
        Assert.Equal(["a", "Ġ", "<m>", "Ġb"], keep.Tokens("a <m> b"));
    }

    [Fact]
    public void NormalizedTokens_MatchAfterTheNormalizer()
    {
        var tokenizer = TokenizerJson.Create(_words, normalizer: """{"type": "Lowercase"}""", preTokenizer: """{"type": "WhitespaceSplit"}""",
            addedTokens: """[{"id": 10, "content": "Xy", "special": false, "normalized": true}]""");
        Assert.Equal([1L, 10, 2], tokenizer.Encode("a XY b").Ids); // the pattern is the normalized "xy"
    }
}
