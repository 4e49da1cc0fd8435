using System.Diagnostics;
using Robotics.Drivers.Servos;

namespace Robotics.Drivers.Tests.Servos;

/// <summary>What a one-shot decoder says about a packet: id, instruction or status byte, parameters.</summary>
internal sealed record DecodedPacket(byte Id, byte Code, byte[] Parameters);

/// <summary>
/// Feeds a streaming decoder random and mutated bytes and checks what must hold for any input: no exception at all
/// from the streaming decoder, only <see cref="ServoProtocolException"/> from one-shot decoding, bounded work (every
/// decode step that does not ask for more data drops at least one byte), and no lost packets when the garbage between
/// them cannot form a header. Seeded, so a failure replays.
/// </summary>
internal sealed class DecoderFuzzHarness(Func<ServoPacketDecoder> createDecoder, Func<Random, byte[]> validPacket, Func<byte[], DecodedPacket> decodeOnce, byte[] header)
{
    public long Packets { get; private set; }

    public long Rejections { get; private set; }

    public long Bytes { get; private set; }

    public long OneShotFailures { get; private set; }

    public long OneShotSuccesses { get; private set; }

    public TimeSpan Elapsed { get; private set; }

    /// <summary>Random chunks (0..48 bytes, biased toward FF and FD, often holding a header) into one long-lived decoder.</summary>
    public void RandomChunks(int cases, int seed)
    {
        var rng = new Random(seed);
        var decoder = createDecoder();
        var chunk = new byte[48];
        var watch = Stopwatch.StartNew();
        for (var i = 0; i < cases; i++)
        {
            var n = rng.Next(chunk.Length + 1);
            for (var k = 0; k < n; k++)
            {
                chunk[k] = BiasedByte(rng);
            }

            // One chunk in four carries the protocol's header somewhere, so that random ids, lengths and bodies
            // follow a real header (random bytes alone almost never form FF FF FD 00).
            if (n > header.Length && rng.Next(4) == 0)
            {
                header.CopyTo(chunk, rng.Next(n - header.Length));
            }

            Feed(decoder, chunk.AsSpan(0, n));
            if (i % 7 == 0)
            {
                OneShot(chunk.AsSpan(0, n).ToArray());
            }
        }

        Elapsed += watch.Elapsed;
    }

    /// <summary>Valid packets with one to three mutations each, decoded one-shot and streamed in random pieces.</summary>
    public void MutatedPackets(int cases, int seed)
    {
        var rng = new Random(seed);
        var decoder = createDecoder();
        var watch = Stopwatch.StartNew();
        for (var i = 0; i < cases; i++)
        {
            var packet = validPacket(rng);
            var mutations = 1 + rng.Next(3);
            for (var m = 0; m < mutations; m++)
            {
                packet = Mutate(packet, rng);
            }

            OneShot(packet);
            for (var at = 0; at < packet.Length;)
            {
                var n = Math.Min(1 + rng.Next(16), packet.Length - at);
                Feed(decoder, packet.AsSpan(at, n));
                at += n;
            }
        }

        Elapsed += watch.Elapsed;
    }

    /// <summary>Valid packets separated by garbage without any FF: every packet must come out, in order, intact.</summary>
    public void PacketsThroughGarbage(int cases, int seed)
    {
        var rng = new Random(seed);
        var decoder = createDecoder();
        var watch = Stopwatch.StartNew();
        var expected = new Queue<byte[]>();
        var received = 0;
        for (var i = 0; i < cases; i++)
        {
            var garbage = new byte[rng.Next(20)];
            for (var k = 0; k < garbage.Length; k++)
            {
                garbage[k] = (byte)rng.Next(0xFF); // 0x00..0xFE: never a header byte
            }

            var packet = validPacket(rng);
            expected.Enqueue(packet);
            Feed(decoder, garbage);
            received += Feed(decoder, packet, expected);
        }

        Assert.Equal(cases, received);
        Elapsed += watch.Elapsed;
    }

    private int Feed(ServoPacketDecoder decoder, ReadOnlySpan<byte> bytes, Queue<byte[]>? expected = null)
    {
        var got = 0;
        Bytes += bytes.Length;
        while (!bytes.IsEmpty)
        {
            var taken = decoder.Append(bytes);
            Assert.True(taken > 0 || decoder.BufferedCount < decoder.MaxPacketLength, "decoder stopped accepting bytes with less than a packet buffered");
            bytes = bytes[taken..];
            var before = decoder.BufferedCount;
            for (var steps = 0; ; steps++)
            {
                Assert.True(steps <= before + 1, $"decoder took {steps} steps over {before} buffered bytes");
                var status = decoder.TryDecode(out var packet);
                if (status == DecodeStatus.NeedMoreData)
                {
                    break;
                }

                if (status == DecodeStatus.Rejected)
                {
                    Rejections++;
                    continue;
                }

                Packets++;
                got++;
                if (expected is not null)
                {
                    Assert.True(expected.TryDequeue(out var wanted), "a packet came out that was never sent");
                    AssertSamePacket(wanted, packet);
                }
            }
        }

        return got;
    }

    private void OneShot(byte[] bytes)
    {
        try
        {
            decodeOnce(bytes);
            OneShotSuccesses++;
        }
        catch (ServoProtocolException)
        {
            OneShotFailures++;
        }
    }

    private void AssertSamePacket(byte[] wanted, ServoPacketView packet)
    {
        // A valid packet decodes one-shot too; the streamed view must say the same.
        var sent = decodeOnce(wanted);
        var code = packet.HasStatusByte ? packet.StatusByte : packet.Instruction;
        Assert.True(
            sent.Id == packet.Id && sent.Code == code && packet.Parameters.SequenceEqual(sent.Parameters),
            $"streamed packet id {packet.Id} code {code} ({packet.Parameters.Length} parameters) differs from the sent one ({Hex.Text(wanted)})");
    }

    private static byte BiasedByte(Random rng) => rng.Next(10) switch
    {
        0 or 1 or 2 => 0xFF,
        3 => 0xFD,
        4 => 0x00,
        _ => (byte)rng.Next(256),
    };

    private static byte[] Mutate(byte[] packet, Random rng)
    {
        if (packet.Length == 0)
        {
            return [BiasedByte(rng)];
        }

        var at = rng.Next(packet.Length);
        switch (rng.Next(7))
        {
            case 0: // flip one bit
                packet[at] ^= (byte)(1 << rng.Next(8));
                return packet;
            case 1: // replace a byte
                packet[at] = BiasedByte(rng);
                return packet;
            case 2: // insert a byte
                return [.. packet[..at], BiasedByte(rng), .. packet[at..]];
            case 3: // delete a byte
                return [.. packet[..at], .. packet[(at + 1)..]];
            case 4: // truncate
                return packet[..at];
            case 5: // repeat a piece (a retransmission glued on)
                return [.. packet, .. packet[at..]];
            default: // tamper with the length field region
                var field = Math.Min(packet.Length - 1, 3 + rng.Next(4));
                packet[field] = (byte)rng.Next(256);
                return packet;
        }
    }
}
