using Robotics.Drivers.Dynamixel;
using Robotics.Drivers.Tests.Servos;
using Xunit.Abstractions;

namespace Robotics.Drivers.Tests.Dynamixel;

/// <summary>≥ 10^5 random and 10^5 mutated packets through the Dynamixel decoders (seeded; the seed is in each test).</summary>
public class DynamixelDecoderFuzzTests(ITestOutputHelper output)
{
    private static readonly DynamixelInstruction[] Instructions =
    [
        DynamixelInstruction.Ping, DynamixelInstruction.Read, DynamixelInstruction.Write, DynamixelInstruction.RegWrite,
        DynamixelInstruction.Action, DynamixelInstruction.Reboot, DynamixelInstruction.SyncRead,
        DynamixelInstruction.SyncWrite, DynamixelInstruction.BulkRead,
    ];

    [Fact]
    public void RandomChunks_NeverThrow_AndEveryStepMakesProgress()
    {
        var harness = Harness();

        harness.RandomChunks(cases: 100_000, seed: 1);

        Report(harness, "random chunks");
        Assert.True(harness.Rejections > 0, "random FF-rich bytes should have produced some rejected candidates");
    }

    [Fact]
    public void MutatedPackets_OnlyProtocolExceptions_AndNoHang()
    {
        var harness = Harness();

        harness.MutatedPackets(cases: 100_000, seed: 2);

        Report(harness, "mutated packets");
        Assert.True(harness.OneShotFailures > 50_000, $"only {harness.OneShotFailures} mutated packets were refused");
    }

    [Fact]
    public void ValidPacketsThroughGarbage_AllComeOutInOrder()
    {
        var harness = Harness();

        harness.PacketsThroughGarbage(cases: 20_000, seed: 3);

        Report(harness, "packets through garbage");
        Assert.Equal(20_000, harness.Packets);
    }

    private static DecoderFuzzHarness Harness() => new(
        () => new DynamixelPacketDecoder(),
        ValidPacket,
        bytes =>
        {
            var packet = DynamixelPacket.Decode(bytes);
            return new DecodedPacket(packet.Id, packet.IsStatus ? packet.Error : (byte)packet.Instruction, packet.Parameters.ToArray());
        },
        [0xFF, 0xFF, 0xFD, 0x00]);

    /// <summary>A random well-formed instruction or status packet, parameters rich in FF/FD so stuffing is exercised.</summary>
    private static byte[] ValidPacket(Random rng)
    {
        var parameters = new byte[rng.Next(41)];
        for (var i = 0; i < parameters.Length; i++)
        {
            parameters[i] = rng.Next(4) switch { 0 => 0xFF, 1 => 0xFD, _ => (byte)rng.Next(256) };
        }

        var buffer = new byte[DynamixelPacketWriter.MaxEncodedLength(2 + parameters.Length)];
        var n = rng.Next(2) == 0
            ? DynamixelPacketWriter.EncodeInstruction(buffer, (byte)rng.Next(253), Instructions[rng.Next(Instructions.Length)], parameters)
            : DynamixelPacketWriter.EncodeStatus(buffer, (byte)rng.Next(253), (byte)rng.Next(256), parameters);
        return buffer[..n];
    }

    private void Report(DecoderFuzzHarness harness, string what) =>
        output.WriteLine($"Dynamixel {what}: {harness.Bytes:N0} bytes, {harness.Packets:N0} packets, {harness.Rejections:N0} rejections, "
            + $"one-shot {harness.OneShotSuccesses:N0} ok / {harness.OneShotFailures:N0} refused, {harness.Elapsed.TotalMilliseconds:N0} ms");
}
