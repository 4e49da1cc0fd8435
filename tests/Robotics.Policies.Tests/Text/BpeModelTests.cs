using Robotics.Policies.Text;

namespace Robotics.Policies.Tests.Text;

/// <summary>BPE merging, hand-checked on vocabularies small enough to follow every merge.</summary>
public class BpeModelTests
{
    private static Tokenizer Bpe(string[] vocab, string merges, string options = "", string preTokenizer = """{"type": "WhitespaceSplit"}""") =>
        TokenizerJson.Create($$"""{"type": "BPE", "vocab": {{TokenizerJson.Vocab(vocab)}}, "merges": {{merges}}{{options}}}""", preTokenizer: preTokenizer);

    [Fact]
    public void Merges_ApplyLowestRankFirst()
    {
        // "b c" ranks before "a b": abc → a bc, and "a bc" is no merge, although "ab c" would have reached "abc".
        var tokenizer = Bpe(["a", "b", "c", "ab", "bc", "abc"], """["b c", "a b", "ab c"]""");
        Assert.Equal(["a", "bc"], tokenizer.Tokens("abc"));
        var reordered = Bpe(["a", "b", "c", "ab", "bc", "abc"], """["a b", "b c", "ab c"]""");
        Assert.Equal(["abc"], reordered.Tokens("abc"));
    }

    [Fact]
    public void EqualRanks_MergeLeftmostFirst()
    {
        // "aaa": both (a,a) pairs have rank 0; the left one merges, leaving "aa a".
        var tokenizer = Bpe(["a", "aa"], """["a a"]""");
        Assert.Equal(["aa", "a"], tokenizer.Tokens("aaa"));
        Assert.Equal(["aa", "aa"], tokenizer.Tokens("aaaa"));
    }

    [Fact]
    public void MergesAsPairs_ReadLikeStrings()
    {
        var tokenizer = Bpe(["a", "b", "ab"], """[["a", "b"]]""");
        Assert.Equal(["ab", "a"], tokenizer.Tokens("aba"));
    }

    [Fact]
    public void RepeatedWords_AreServedFromTheCache()
    {
        var tokenizer = Bpe(["a", "b", "ab"], """["a b"]""");
        Assert.Equal([2L, 2L, 2L], tokenizer.Encode("ab ab ab").Ids);
        Assert.Equal([2L], tokenizer.Encode("ab").Ids);
    }

    [Fact]
    public void ByteFallback_SpellsUnknownCharactersInUtf8Bytes()
    {
        var vocab = new List<string> { "<unk>", "a" };
        vocab.AddRange(Enumerable.Range(0, 256).Select(b => $"<0x{b:X2}>"));
        var tokenizer = Bpe([.. vocab], "[]", """, "unk_token": "<unk>", "byte_fallback": true""");
        Assert.Equal(["a", "<0xC3>", "<0xA9>", "a"], tokenizer.Tokens("aéa"));
        Assert.Equal(["<0xF0>", "<0x9F>", "<0xA4>", "<0x96>"], tokenizer.Tokens("🤖"));
    }

    [Fact]
    public void UnknownCharacters_FuseIntoOneUnknownOnlyWithFuseUnk()
    {
        var fused = Bpe(["<unk>", "a"], "[]", """, "unk_token": "<unk>", "fuse_unk": true""");
        Assert.Equal(["a", "<unk>", "a"], fused.Tokens("axyza"));
        var separate = Bpe(["<unk>", "a"], "[]", """, "unk_token": "<unk>", "fuse_unk": false""");
        Assert.Equal(["a", "<unk>", "<unk>", "<unk>", "a"], separate.Tokens("axyza"));
    }

    [Fact]
    public void UnknownCharacters_WithoutUnkToken_AreDropped()
    {
        var tokenizer = Bpe(["a"], "[]");
        Assert.Equal(["a", "a"], tokenizer.Tokens("axa"));
    }

    [Fact]
    public void IgnoreMerges_TakesAWholeWordFromTheVocabulary()
    {
        // Without ignore_merges "abc" ends as "ab c" (no "ab c" merge); with it the vocabulary entry wins.
        string[] vocab = ["a", "b", "c", "ab", "abc"];
        Assert.Equal(["ab", "c"], Bpe(vocab, """["a b"]""").Tokens("abc"));
        Assert.Equal(["abc"], Bpe(vocab, """["a b"]""", """, "ignore_merges": true""").Tokens("abc"));
    }

    [Fact]
    public void SubwordPrefixAndWordSuffix_SpellTheSymbols()
    {
        // Symbols: "l", "##o", "##w</w>"; "l ##o" merges to "lo" (the right half's prefix dropped in the join).
        string[] vocab = ["l", "##o", "##w</w>", "lo", "low</w>"];
        var tokenizer = Bpe(vocab, """["l ##o", "lo ##w</w>"]""", """, "continuing_subword_prefix": "##", "end_of_word_suffix": "</w>" """);
        Assert.Equal(["low</w>"], tokenizer.Tokens("low"));
    }
}
