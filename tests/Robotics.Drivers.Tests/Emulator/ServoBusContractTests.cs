using Robotics.Drivers.Channels;
using Robotics.Drivers.Emulator;
using Robotics.Drivers.Servos;

namespace Robotics.Drivers.Tests.Emulator;

/// <summary>
/// What every <see cref="IServoBus"/> must do, run against the emulator through an in-memory channel pair with the
/// emulator serving its end from a thread (the serial edge can derive it against a pty pair). Servos 1, 2 and 3.
/// </summary>
public abstract class ServoBusContractTests : IDisposable
{
    /// <summary>Generous for a shared 2-core machine: only the tests that expect a timeout pay it.</summary>
    protected static readonly ServoBusOptions Options = new() { HostLatency = TimeSpan.FromMilliseconds(100) };

    private static readonly byte[] Ids = [1, 2, 3];
    private readonly IByteChannel _busEnd;
    private readonly IByteChannel _servoEnd;
    private readonly EmulatorAttachment _attachment;

    protected ServoBusContractTests(EmulatedProtocol protocol)
    {
        (_busEnd, _servoEnd) = InMemoryChannelPair.Create(1_000_000, protocol.ToString());
        Emulator = new ServoBusEmulator(protocol, Ids.Select(id => CreateServo(id, 1000 + (id * 500))));
        _attachment = Emulator.Attach(_servoEnd);
    }

    protected ServoBusEmulator Emulator { get; }

    protected abstract ushort ModelNumber { get; }

    protected abstract ServoRegister TorqueEnable { get; }

    protected abstract byte ReadInstruction { get; }

    protected abstract byte WriteInstruction { get; }

    protected abstract byte SyncReadInstruction { get; }

    protected abstract byte SyncWriteInstruction { get; }

    protected abstract EmulatedServo CreateServo(byte id, double positionTicks);

    protected abstract IServoBus CreateBus(IByteChannel channel, ServoBusOptions options);

    [Fact]
    public void Scan_AllIds_FindsExactlyTheEmulatedServos()
    {
        // 250 absent ids cost one deadline each: keep it short here, the servos answer within microseconds.
        var bus = CreateBus(_busEnd, Options with { HostLatency = TimeSpan.FromMilliseconds(15) });

        var found = bus.Scan();

        Assert.Equal(Ids, found.Select(f => f.Id).ToArray());
        Assert.All(found, f => Assert.Equal(ModelNumber, f.ModelNumber));
        Assert.Equal(250, bus.Statistics.Timeouts);
    }

    [Fact]
    public void Scan_AServoWhoseFirstReplyIsLost_IsFoundOnASecondLook_BelowTheHighestId()
    {
        var bus = CreateBus(_busEnd, Options with { HostLatency = TimeSpan.FromMilliseconds(15) });
        Emulator.Find(1)!.InjectReplyFault(ReplyFault.NoReply, count: 1); // a process or adapter waking up late

        var found = bus.Scan();

        Assert.Equal(Ids, found.Select(f => f.Id).ToArray());
        Assert.Equal(251, bus.Statistics.Timeouts); // the 250 absent ids, and servo 1's lost first reply
    }

    [Fact]
    public void Ping_PresentServo_IsOkAndAcknowledged()
    {
        var reply = Bus().Ping(2);

        Assert.True(reply.IsHealthy);
        Assert.True(reply.Acknowledged);
    }

    [Fact]
    public void Ping_AbsentServo_TimesOutAfterOneRetry()
    {
        var bus = Bus();

        var reply = bus.Ping(9);

        Assert.Equal(ServoError.Timeout, reply.Error);
        Assert.Equal(2, bus.Statistics.Timeouts);
        Assert.Equal(1, bus.Statistics.ReadRetries);
        Assert.Equal(1, bus.Statistics.ConsecutiveFailures);
    }

    [Fact]
    public void SyncRead_PresentPositions_OfEveryServo()
    {
        var ticks = new int[3];
        var replies = new ServoReply[3];

        var ok = Bus().SyncReadPresentPositions(Ids, ticks, replies);

        Assert.Equal(3, ok);
        Assert.Equal(new[] { 1500, 2000, 2500 }, ticks);
        Assert.All(replies, r => Assert.True(r.IsHealthy));
    }

    [Fact]
    public void SyncWriteGoals_ThenTime_ThenSyncRead_ReachesTheGoals()
    {
        var bus = Bus();
        bus.SyncWrite(TorqueEnable.Address, 1, Ids, [1, 1, 1]);
        int[] goals = [1200, 2600, 3900];

        bus.SyncWriteGoalPositions(Ids, goals);
        AwaitProcessed(bus);
        Emulator.Step(TimeSpan.FromSeconds(3));
        var ticks = new int[3];
        var ok = bus.SyncReadPresentPositions(Ids, ticks, new ServoReply[3]);

        Assert.Equal(3, ok);
        Assert.Equal(goals, ticks);
        Assert.Equal(2, Emulator.ReceivedCount(SyncWriteInstruction)); // torque, then goals: each sent once
    }

    [Fact]
    public void WriteRegister_ThenReadRegister_RoundTrips()
    {
        var bus = Bus();

        Assert.True(bus.WriteRegister(3, TorqueEnable, 1).IsOk);
        Assert.True(bus.ReadRegister(3, TorqueEnable, out var value).IsOk);

        Assert.Equal(1, value);
        Assert.True(Emulator.Find(3)!.TorqueEnabled);
    }

    [Theory]
    [InlineData(ReplyFault.BadChecksum, ServoError.BadCrc)]
    [InlineData(ReplyFault.Truncated, ServoError.Truncated)]
    [InlineData(ReplyFault.WrongId, ServoError.WrongId)]
    [InlineData(ReplyFault.NoReply, ServoError.Timeout)]
    public void Read_FaultOnBothAttempts_FailsWithItsKind_CountedTwice(ReplyFault fault, ServoError expected)
    {
        var bus = Bus();
        Emulator.Find(2)!.InjectReplyFault(fault, count: 2);

        var reply = bus.ReadRegister(2, TorqueEnable, out _);

        Assert.Equal(expected, reply.Error);
        Assert.Equal(2, Emulator.ReceivedCount(ReadInstruction));
        Assert.Equal(2, CountOf(bus.Statistics, expected));
        Assert.Equal(1, bus.Statistics.ReadRetries);
    }

    [Theory]
    [InlineData(ReplyFault.BadChecksum)]
    [InlineData(ReplyFault.Truncated)]
    [InlineData(ReplyFault.WrongId)]
    [InlineData(ReplyFault.NoReply)]
    public void Read_FaultOnFirstAttemptOnly_SucceedsOnTheOneRetry(ReplyFault fault)
    {
        var bus = Bus();
        Emulator.Find(2)!.InjectReplyFault(fault, count: 1);

        var reply = bus.ReadRegister(2, TorqueEnable, out var value);

        Assert.True(reply.IsOk, $"{fault}: {reply.Error}");
        Assert.Equal(0, value);
        Assert.Equal(1, bus.Statistics.ReadRetries);
        Assert.Equal(0, bus.Statistics.ConsecutiveFailures);
    }

    [Theory]
    [InlineData(ReplyFault.BadChecksum, ServoError.BadCrc)]
    [InlineData(ReplyFault.Truncated, ServoError.Truncated)]
    [InlineData(ReplyFault.NoReply, ServoError.Timeout)]
    public void SyncRead_OneServoFaulty_OthersStillRead_FaultyOneRetriedOnce(ReplyFault fault, ServoError expected)
    {
        var bus = Bus();
        Emulator.Find(2)!.InjectReplyFault(fault, count: 2);
        var ticks = new int[3];
        var replies = new ServoReply[3];

        var ok = bus.SyncReadPresentPositions(Ids, ticks, replies);

        Assert.Equal(2, ok);
        Assert.Equal(expected, replies[1].Error);
        Assert.True(replies[0].IsOk && replies[2].IsOk);
        Assert.Equal(new[] { 1500, 0, 2500 }, ticks);
        Assert.Equal(2, Emulator.ReceivedCount(SyncReadInstruction)); // the retry asks only for servo 2
    }

    [Fact]
    public void Write_IsNeverRetried_EvenWhenItsReplyIsLost()
    {
        var bus = Bus();
        Emulator.Find(1)!.InjectReplyFault(ReplyFault.NoReply);

        var reply = bus.WriteRegister(1, TorqueEnable, 1);

        Assert.Equal(ServoError.Timeout, reply.Error);
        Assert.Equal(1, Emulator.ReceivedCount(WriteInstruction));
        Assert.Equal(0, bus.Statistics.ReadRetries);
        Assert.True(Emulator.Find(1)!.TorqueEnabled); // it did arrive: only the acknowledgement was lost
    }

    [Fact]
    public void SyncWriteGoals_AreSentExactlyOnce_WhateverTheServosDo()
    {
        var bus = Bus();
        Emulator.Find(1)!.InjectReplyFault(ReplyFault.NoReply, int.MaxValue);
        Emulator.Find(2)!.InjectReplyFault(ReplyFault.BadChecksum, int.MaxValue);

        bus.SyncWriteGoalPositions(Ids, [100, 200, 300]);
        AwaitProcessed(bus);

        Assert.Equal(1, Emulator.ReceivedCount(SyncWriteInstruction));
        Assert.Equal(2, bus.Statistics.Transactions); // the goal packet and the barrier ping
    }

    [Fact]
    public void Overload_ShowsAsHardwareAlert_AndTheServoDropsTorque()
    {
        var bus = Bus();
        Assert.True(bus.WriteRegister(1, TorqueEnable, 1).IsOk);
        Emulator.Find(1)!.ExternalLoad = 1.0;

        Emulator.Step(TimeSpan.FromSeconds(1.5));
        var reply = bus.ReadRegister(1, TorqueEnable, out var torque);

        Assert.True(reply.IsOk);
        Assert.True(reply.HardwareAlert);
        Assert.False(reply.IsHealthy);
        Assert.Equal(0, torque);
        Assert.Equal(1, bus.Statistics.HardwareAlerts);
    }

    [Fact]
    public void ConsecutiveFailures_CountUpAndResetOnSuccess()
    {
        var bus = Bus();
        Emulator.Find(3)!.InjectReplyFault(ReplyFault.NoReply, 4);

        bus.Ping(3);
        bus.Ping(3);
        Assert.Equal(2, bus.Statistics.ConsecutiveFailures);

        Assert.True(bus.Ping(3).IsOk);
        Assert.Equal(0, bus.Statistics.ConsecutiveFailures);
    }

    [Fact]
    public void InvalidArguments_AreRefusedNamingThem()
    {
        var bus = Bus();

        Assert.Equal("id", Assert.Throws<ArgumentOutOfRangeException>(() => bus.Ping(253)).ParamName);
        Assert.Equal("ids", Assert.Throws<ArgumentException>(() => bus.SyncReadPresentPositions([1, 1], new int[2], new ServoReply[2])).ParamName);
        Assert.Equal("ticks", Assert.Throws<ArgumentException>(() => bus.SyncReadPresentPositions([1, 2], new int[1], new ServoReply[2])).ParamName);
        Assert.Equal("ticks", Assert.Throws<ArgumentException>(() => bus.SyncWriteGoalPositions([1, 2], [1])).ParamName);
        Assert.Equal("destination", Assert.Throws<ArgumentException>(() => bus.SyncRead(56, 2, [1, 2], new byte[3], new ServoReply[2])).ParamName);
        Assert.Throws<ArgumentException>(() => bus.WriteRegister(1, default, 0));
        Assert.Equal(0, bus.Statistics.Transactions);
    }

    public void Dispose()
    {
        _attachment.Dispose();
        _busEnd.Dispose();
        _servoEnd.Dispose();
        GC.SuppressFinalize(this);
    }

    protected IServoBus Bus() => CreateBus(_busEnd, Options);

    /// <summary>
    /// A write without reply may still be in the channel when the test goes on; a ping of servo 3 is answered only
    /// after everything sent before it has been processed (the channel keeps order).
    /// </summary>
    private static void AwaitProcessed(IServoBus bus) => Assert.True(bus.Ping(3).IsOk, "barrier ping to servo 3 failed");

    private static long CountOf(ServoBusStatistics statistics, ServoError error) => error switch
    {
        ServoError.BadCrc => statistics.CrcErrors,
        ServoError.Truncated or ServoError.BadLength => statistics.LengthErrors,
        ServoError.WrongId => statistics.WrongIds,
        ServoError.Timeout => statistics.Timeouts,
        _ => throw new ArgumentOutOfRangeException(nameof(error), error, "not a counted communication error"),
    };
}
