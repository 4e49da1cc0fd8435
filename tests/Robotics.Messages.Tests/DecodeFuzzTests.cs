using Robotics.Messages.Cdr;
using Robotics.Messages.Dynamic;

namespace Robotics.Messages.Tests;

/// <summary>Truncated, mutated and random bytes only ever raise <see cref="MessageDecodeException"/>.</summary>
public class DecodeFuzzTests
{
    private const int Cases = 120_000;

    [Fact]
    public void GarbageNeverThrowsAnythingButDecodeException()
    {
        var types = MessageRegistry.Messages.ToArray();
        var random = new Random(7);
        var samples = types.Select(t => DynamicCdr.Encode(RandomMessages.Create(t, random))).ToArray();
        var decodeErrors = 0;
        for (var i = 0; i < Cases; i++)
        {
            var index = random.Next(types.Length);
            var input = Mutate(samples[index], random);
            try
            {
                _ = CdrSerializer.Deserialize(types[index], input);
            }
            catch (MessageDecodeException)
            {
                decodeErrors++;
            }
            catch (Exception e)
            {
                Assert.Fail($"case {i}: {types[index].Name} threw {e.GetType().Name}: {e.Message} on {Convert.ToHexString(input)}");
            }
        }

        // The mutations must actually hit the error paths, or this test proves nothing.
        Assert.True(decodeErrors > Cases / 4, $"only {decodeErrors} of {Cases} inputs were rejected");
    }

    [Fact]
    public void DynamicDecoderAlsoOnlyThrowsDecodeException()
    {
        var types = MessageRegistry.Messages.ToArray();
        var random = new Random(11);
        for (var i = 0; i < 20_000; i++)
        {
            var type = types[random.Next(types.Length)];
            var input = Mutate(DynamicCdr.Encode(RandomMessages.Create(type, random)), random);
            try
            {
                _ = DynamicCdr.Decode(type, input);
            }
            catch (MessageDecodeException)
            {
            }
        }
    }

    private static byte[] Mutate(byte[] valid, Random random)
    {
        switch (random.Next(4))
        {
            case 0:
                return valid[..random.Next(valid.Length)];
            case 1:
                var flipped = (byte[])valid.Clone();
                for (var k = random.Next(1, 4); k > 0; k--)
                {
                    flipped[random.Next(flipped.Length)] = (byte)random.Next(256);
                }

                return flipped;
            case 2:
                var noise = new byte[random.Next(64)];
                random.NextBytes(noise);
                if (noise.Length >= 2 && random.Next(2) == 0)
                {
                    noise[0] = 0;
                    noise[1] = 1;
                }

                return noise;
            default:
                // A huge length where a count or string length is expected.
                var big = (byte[])valid.Clone();
                if (big.Length >= 8)
                {
                    var at = 4 + (random.Next((big.Length - 4) / 4) * 4);
                    big[Math.Min(at + 3, big.Length - 1)] = 0x7f;
                }

                return big;
        }
    }
}
