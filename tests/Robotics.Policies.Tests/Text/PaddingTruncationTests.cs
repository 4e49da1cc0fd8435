using System.Text.Json.Nodes;
using Robotics.Policies.Text;

namespace Robotics.Policies.Tests.Text;

/// <summary>truncation and padding from the file and from options, and the span overload.</summary>
public class PaddingTruncationTests
{
    private static readonly Tokenizer _bert = Tokenizer.Load(TestPaths.Fixture("bert-uncased-wordpiece.json"));

    [Fact]
    public void FileTruncationAndPadding_AreApplied()
    {
        var json = JsonNode.Parse(File.ReadAllText(TestPaths.Fixture("bert-uncased-wordpiece.json")))!;
        json["truncation"] = JsonNode.Parse("""{"direction": "Right", "max_length": 5, "strategy": "LongestFirst", "stride": 0}""");
        json["padding"] = JsonNode.Parse("""{"strategy": {"Fixed": 8}, "direction": "Right", "pad_to_multiple_of": null, "pad_id": 0, "pad_type_id": 0, "pad_token": "[PAD]"}""");
        var tokenizer = Tokenizer.FromJson(json.ToJsonString());
        Assert.Equal(5, tokenizer.Options.Truncation!.MaxLength);
        Assert.Equal(8, tokenizer.Options.Padding!.Length);

        var encoding = tokenizer.Encode("pick up the red cube and place it");
        Assert.Equal(["[CLS]", "pick", "up", "the", "[SEP]", "[PAD]", "[PAD]", "[PAD]"], encoding.Tokens);
        Assert.Equal([1L, 1, 1, 1, 1, 0, 0, 0], encoding.AttentionMask);
        Assert.Equal(0, encoding.Ids[^1]);
    }

    [Fact]
    public void LeftTruncationAndLeftPadding()
    {
        var tokenizer = _bert.WithOptions(new TokenizerOptions
        {
            Truncation = new TruncationOptions(4, TruncationDirection.Left),
            Padding = new PaddingOptions { Length = 6, Direction = PaddingDirection.Left, PadId = 7, PadToken = "<p>" },
        });
        Assert.Equal(["<p>", "<p>", "[CLS]", "red", "cube", "[SEP]"], tokenizer.Tokens("pick up the red cube"));
        Assert.Equal([0L, 0, 1, 1, 1, 1], tokenizer.Encode("pick up the red cube").AttentionMask);
        Assert.Equal(7, tokenizer.Encode("pick").Ids[0]);
    }

    [Fact]
    public void PadToMultipleOf_RoundsUp()
    {
        var tokenizer = _bert.WithOptions(_bert.Options with { Padding = new PaddingOptions { PadToMultipleOf = 4 } });
        Assert.Equal(4, tokenizer.Encode("pick").Length); // 3 tokens
        Assert.Equal(8, tokenizer.Encode("pick up the").Length); // 5 tokens
    }

    [Fact]
    public void WithoutSpecialTokens_TruncationKeepsMoreText()
    {
        var tokenizer = _bert.WithOptions(new TokenizerOptions { AddSpecialTokens = false, Truncation = new TruncationOptions(2) });
        Assert.Equal(["pick", "up"], tokenizer.Tokens("pick up the red cube"));
    }

    [Fact]
    public void WithSequenceLength_GivesFixedLengthEncodings()
    {
        var tokenizer = _bert.WithSequenceLength(6);
        Assert.Equal(6, tokenizer.Encode("pick").Length);
        Assert.Equal(6, tokenizer.Encode("pick up the red cube and place it on the plate").Length);
        Assert.Equal("[SEP]", tokenizer.Encode("pick up the red cube and place it on the plate").Tokens[^1]);
    }

    [Fact]
    public void TryEncode_WritesIdsAndMaskIntoSpans()
    {
        Span<long> ids = stackalloc long[8];
        Span<long> mask = stackalloc long[8];
        ids.Fill(-1);
        Assert.True(_bert.TryEncode("pick up the red cube", ids, mask, out var count));
        Assert.Equal(7, count);
        Assert.Equal(_bert.Encode("pick up the red cube").Ids, ids[..7].ToArray());
        Assert.Equal(0, ids[7]);
        Assert.Equal([1L, 1, 1, 1, 1, 1, 1, 0], mask.ToArray());
    }

    [Fact]
    public void TryEncode_ReportsTooLongTextWithoutTruncation()
    {
        var ids = new long[4];
        var mask = new long[4];
        Assert.False(_bert.TryEncode("pick up the red cube", ids, mask, out var count));
        Assert.Equal(7, count);
        Assert.All(ids, id => Assert.Equal(0, id));
        Assert.True(_bert.WithSequenceLength(4).TryEncode("pick up the red cube", ids, mask, out count));
        Assert.Equal(4, count);
        Assert.Throws<ArgumentException>(() => _bert.TryEncode("pick", ids, new long[3], out _));
    }

    [Fact]
    public void TryEncode_AllocatesNothingForASeenInstruction()
    {
        // Not the Llama-2 fixture: its Prepend and Replace normalizers return a rewritten copy of the text (~1 KB).
        foreach (var fixture in new[] { "bert-uncased-wordpiece.json", "gpt2-byte-level-bpe.json", "llama3-split-byte-level-bpe.json", "metaspace-sentencepiece-bpe.json" })
        {
            var tokenizer = Tokenizer.Load(TestPaths.Fixture(fixture)).WithSequenceLength(32);
            var ids = new long[32];
            var mask = new long[32];
            const string Instruction = "pick up the red cube and place it on the blue plate, then move the arm 25 cm to the left";
            // Rounds of 100 encodings until one allocates nothing: the first rounds include the JIT's tier-up work,
            // which is charged to this thread.
            var least = long.MaxValue;
            var clock = System.Diagnostics.Stopwatch.StartNew();
            while (least > 0 && clock.Elapsed < TimeSpan.FromSeconds(10))
            {
                var before = GC.GetAllocatedBytesForCurrentThread();
                for (var i = 0; i < 100; i++)
                {
                    tokenizer.TryEncode(Instruction, ids, mask, out _);
                }

                least = Math.Min(least, GC.GetAllocatedBytesForCurrentThread() - before);
            }

            Assert.True(least == 0, $"{fixture}: at least {least} bytes for 100 encodings");
        }
    }

    [Fact]
    public void Options_RejectInvalidValues()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new TruncationOptions(0));
        Assert.Throws<ArgumentOutOfRangeException>(() => new PaddingOptions { PadId = -1 });
        Assert.Throws<ArgumentOutOfRangeException>(() => new PaddingOptions { Length = 0 });
        Assert.Throws<ArgumentOutOfRangeException>(() => new PaddingOptions { PadToMultipleOf = 0 });
        Assert.Throws<ArgumentOutOfRangeException>(() => _bert.WithSequenceLength(0));
        var error = Assert.Throws<ArgumentException>(() => _bert.WithOptions(new TokenizerOptions { Truncation = new TruncationOptions(1) }));
        Assert.Contains("no room for the 2 special tokens", error.Message, StringComparison.Ordinal);
    }
}
