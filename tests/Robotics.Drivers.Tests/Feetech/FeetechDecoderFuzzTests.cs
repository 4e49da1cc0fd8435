using Robotics.Drivers.Feetech;
using Robotics.Drivers.Tests.Servos;
using Xunit.Abstractions;

namespace Robotics.Drivers.Tests.Feetech;

/// <summary>
/// ≥ 10^5 random and 10^5 mutated packets through the Feetech decoders (seeded). An 8-bit checksum lets about 1 in 256
/// corrupted candidates through as a "packet"; that is the format's limit, so these tests check robustness, not that
/// every corruption is caught.
/// </summary>
public class FeetechDecoderFuzzTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData(FeetechPacketKind.Reply)]
    [InlineData(FeetechPacketKind.Request)]
    public void RandomChunks_NeverThrow_AndEveryStepMakesProgress(FeetechPacketKind kind)
    {
        var harness = Harness(kind);

        harness.RandomChunks(cases: 100_000, seed: 11);

        Report(harness, $"{kind} random chunks");
        Assert.True(harness.Rejections > 0, "random FF-rich bytes should have produced some rejected candidates");
    }

    [Theory]
    [InlineData(FeetechPacketKind.Reply)]
    [InlineData(FeetechPacketKind.Request)]
    public void MutatedPackets_OnlyProtocolExceptions_AndNoHang(FeetechPacketKind kind)
    {
        var harness = Harness(kind);

        harness.MutatedPackets(cases: 100_000, seed: 12);

        Report(harness, $"{kind} mutated packets");
        Assert.True(harness.OneShotFailures > 50_000, $"only {harness.OneShotFailures} mutated packets were refused");
    }

    [Fact]
    public void ValidPacketsThroughGarbage_AllComeOutInOrder()
    {
        var harness = Harness(FeetechPacketKind.Reply);

        harness.PacketsThroughGarbage(cases: 20_000, seed: 13);

        Report(harness, "packets through garbage");
        Assert.Equal(20_000, harness.Packets);
    }

    private static DecoderFuzzHarness Harness(FeetechPacketKind kind) => new(
        () => new FeetechPacketDecoder(kind),
        ValidPacket,
        bytes =>
        {
            var packet = FeetechPacket.Decode(bytes, kind);
            return new DecodedPacket(packet.Id, packet.Code, packet.Parameters.ToArray());
        },
        [0xFF, 0xFF]);

    private static byte[] ValidPacket(Random rng)
    {
        var parameters = new byte[rng.Next(41)];
        rng.NextBytes(parameters);
        var buffer = new byte[FeetechPacketWriter.MinPacketLength + parameters.Length];
        var n = FeetechPacketWriter.EncodeStatus(buffer, (byte)rng.Next(253), (byte)rng.Next(256), parameters);
        return buffer[..n];
    }

    private void Report(DecoderFuzzHarness harness, string what) =>
        output.WriteLine($"Feetech {what}: {harness.Bytes:N0} bytes, {harness.Packets:N0} packets, {harness.Rejections:N0} rejections, "
            + $"one-shot {harness.OneShotSuccesses:N0} ok / {harness.OneShotFailures:N0} refused, {harness.Elapsed.TotalMilliseconds:N0} ms");
}
