using System.Diagnostics;
using Robotics.Drivers.Channels;
using Robotics.Drivers.Dynamixel;
using Robotics.Drivers.Emulator;
using Robotics.Drivers.Feetech;
using Robotics.Drivers.Servos;

namespace Robotics.Drivers.Tests.Servos;

/// <summary>A transaction ends whatever the line does: silence, endless garbage, a clock that never moves.</summary>
public class ServoTransactionBoundsTests
{
    [Theory]
    [InlineData(EmulatedProtocol.Dynamixel2)]
    [InlineData(EmulatedProtocol.FeetechSts)]
    public void BabblingLine_WithAFrozenClock_EndsAsMalformedAfterTheByteBudget(EmulatedProtocol protocol)
    {
        using var channel = new BabblingChannel(seed: 5);
        var frozen = new ManualClock();
        IServoBus bus = protocol == EmulatedProtocol.Dynamixel2 ? new DynamixelBus(channel, time: frozen) : new FeetechBus(channel, time: frozen);
        var watch = Stopwatch.StartNew();

        var reply = bus.Read(1, 56, new byte[2]);

        Assert.Equal(ServoError.Malformed, reply.Error);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(5), $"took {watch.Elapsed}");
        Assert.True(channel.BytesServed < 10_000, $"read {channel.BytesServed} bytes for one 2-byte reply");
        Assert.Equal(2, bus.Statistics.MalformedPackets); // first attempt and its one retry
    }

    [Fact]
    public void SilentLine_TimesOutWithinTheBudget()
    {
        var (busEnd, other) = InMemoryChannelPair.Create(1_000_000);
        using (busEnd)
        using (other)
        {
            var bus = new DynamixelBus(busEnd, new ServoBusOptions { HostLatency = TimeSpan.FromMilliseconds(20), ReadRetries = 0 });
            var watch = Stopwatch.StartNew();

            var reply = bus.Ping(1);

            Assert.Equal(ServoError.Timeout, reply.Error);
            Assert.InRange(watch.Elapsed, TimeSpan.FromMilliseconds(15), TimeSpan.FromSeconds(2));
        }
    }

    [Fact]
    public void ZeroBaudChannel_IsRefusedAtConstruction()
    {
        using var channel = new BabblingChannel(seed: 1, baudRate: 0);

        var error = Assert.Throws<ArgumentException>(() => new FeetechBus(channel));

        Assert.Contains("baud rate 0", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Options_InvalidValues_AreRefusedNamingTheProperty()
    {
        Assert.Equal("ReadRetries", Assert.Throws<ArgumentOutOfRangeException>(() => new ServoBusOptions { ReadRetries = 2 }).ParamName);
        Assert.Equal("HostLatency", Assert.Throws<ArgumentOutOfRangeException>(() => new ServoBusOptions { HostLatency = TimeSpan.Zero }).ParamName);
        Assert.Equal("ReturnDelay", Assert.Throws<ArgumentOutOfRangeException>(() => new ServoBusOptions { ReturnDelay = TimeSpan.FromSeconds(-1) }).ParamName);
    }

    [Fact]
    public void EmulatorClock_AdvancesThePhysicsAtEachRequest()
    {
        var clock = new ManualClock();
        var servo = EmulatedServo.Sts3215(1);
        var emulator = new ServoBusEmulator(EmulatedProtocol.FeetechSts, [servo], clock);
        var request = new byte[32];
        emulator.Process(request.AsSpan(0, FeetechInstructions.Write(request, 1, 40, [1])));
        emulator.Process(request.AsSpan(0, FeetechInstructions.Write(request, 1, 42, [0x00, 0x0C])));

        clock.Advance(TimeSpan.FromSeconds(2));
        var reply = FeetechPacket.Decode(emulator.Process(request.AsSpan(0, FeetechInstructions.Read(request, 1, 56, 2))), FeetechPacketKind.Reply);

        Assert.Equal(3072, StsControlTable.PresentPosition.Decode(reply.Parameters.Span));
    }

    /// <summary>A line that never stops sending random bytes and never times out.</summary>
    private sealed class BabblingChannel(int seed, int baudRate = 1_000_000) : IByteChannel
    {
        private readonly Random _random = new(seed);

        public string Name => "babbling";

        public int BaudRate => baudRate;

        public long BytesServed { get; private set; }

        public void Write(ReadOnlySpan<byte> data)
        {
        }

        public int Read(Span<byte> buffer, TimeSpan timeout)
        {
            var n = Math.Min(buffer.Length, 7);
            _random.NextBytes(buffer[..n]);
            BytesServed += n;
            return n;
        }

        public void DiscardInput()
        {
        }

        public void Dispose()
        {
        }
    }
}
