using Robotics.Policies.Text;

namespace Robotics.Policies.Tests.Text;

/// <summary>One tokenizer shared by threads (the policy node's inference and the UI, say) encodes as one thread does.</summary>
public class ConcurrencyTests
{
    [Theory]
    [InlineData("gpt2-byte-level-bpe.json")]
    [InlineData("llama3-split-byte-level-bpe.json")]
    [InlineData("bert-uncased-wordpiece.json")]
    public void SharedTokenizer_EncodesAsASingleThreadDoes(string fixture)
    {
        var texts = OracleSentences.Common;
        var reference = Tokenizer.Load(TestPaths.Fixture(fixture));
        var expected = texts.Select(t => reference.Encode(t).Ids).ToArray();
        var shared = Tokenizer.Load(TestPaths.Fixture(fixture)); // an empty word cache, which the threads race to fill
        var mismatches = 0;
        Parallel.For(0, 4000, new ParallelOptions { MaxDegreeOfParallelism = 8 }, i =>
        {
            var t = i % texts.Length;
            if (!shared.Encode(texts[t]).Ids.AsSpan().SequenceEqual(expected[t]))
            {
                Interlocked.Increment(ref mismatches);
            }
        });
        Assert.Equal(0, mismatches);
    }
}
