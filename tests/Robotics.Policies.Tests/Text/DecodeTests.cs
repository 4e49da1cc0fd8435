using Robotics.Policies.Text;

namespace Robotics.Policies.Tests.Text;

/// <summary>Decoding: lossless round trips where the pipeline is lossless, and the decoders' own rules.</summary>
public class DecodeTests
{
    [Theory]
    [InlineData("gpt2-byte-level-bpe.json")]
    [InlineData("llama3-split-byte-level-bpe.json")]
    [InlineData("llama2-sentencepiece-bpe.json")]
    public void ByteLevelAndByteFallback_RoundTripAnyText(string fixture)
    {
        var tokenizer = Tokenizer.Load(TestPaths.Fixture(fixture));
        var alphabet = "abcdefghij XYZ  \t\n.,!?'\"0123456789éß把红🤖🟥\u00a0\u200b-";
        var random = new Random(11);
        for (var n = 0; n < 300; n++)
        {
            var runes = alphabet.EnumerateRunes().ToArray();
            var text = string.Concat(Enumerable.Range(0, random.Next(1, 30)).Select(_ => runes[random.Next(runes.Length)].ToString()));
            Assert.Equal(text, tokenizer.Decode(tokenizer.Encode(text).Ids));
        }
    }

    [Fact]
    public void WordPiece_JoinsContinuationsAndSkipsSpecialTokens()
    {
        var bert = Tokenizer.Load(TestPaths.Fixture("bert-uncased-wordpiece.json"));
        var ids = bert.Encode("Stacking the cubes, then stop!").Ids;
        Assert.Equal("stacking the cubes, then stop!", bert.Decode(ids));
        Assert.Equal("[CLS] stacking the cubes, then stop! [SEP]", bert.Decode(ids, skipSpecialTokens: false));
    }

    [Fact]
    public void ByteFallback_InvalidUtf8BecomesOneReplacementPerByte()
    {
        var llama = Tokenizer.Load(TestPaths.Fixture("llama2-sentencepiece-bpe.json"));
        Assert.True(llama.TryGetId("<0xE2>", out var e2));
        Assert.True(llama.TryGetId("<0x28>", out var paren));
        Assert.True(llama.TryGetId("a", out var a));
        Assert.Equal("\uFFFD\uFFFD", llama.Decode([e2, paren])); // E2 28 is no UTF-8: one U+FFFD per byte
        Assert.Equal("\uFFFDa", llama.Decode([e2, a]));
    }

    [Fact]
    public void BpeDecoder_TurnsWordSuffixesIntoSpaces()
    {
        var tokenizer = TokenizerJson.Create(TokenizerJson.WordLevel("lo", "w</w>", "a</w>"), decoder: """{"type": "BPEDecoder", "suffix": "</w>"}""");
        Assert.Equal("low a", tokenizer.Decode([1, 2, 3]));
    }

    [Fact]
    public void NoDecoder_JoinsTokensWithSpaces()
    {
        var tokenizer = TokenizerJson.Create(TokenizerJson.WordLevel("pick", "up"));
        Assert.Equal("pick up", tokenizer.Decode([1, 2]));
    }

    [Fact]
    public void UnknownIds_AreSkipped()
    {
        var gpt2 = Tokenizer.Load(TestPaths.Fixture("gpt2-byte-level-bpe.json"));
        Assert.True(gpt2.TryGetId("a", out var a));
        Assert.Equal("a", gpt2.Decode([-1, a, 1_000_000]));
        Assert.Null(gpt2.IdToToken(1_000_000));
        Assert.Equal("a", gpt2.IdToToken(a));
    }
}
