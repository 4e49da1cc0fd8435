using Robotics.Drivers.Arm;
using Robotics.Drivers.Channels;
using Robotics.Drivers.Dynamixel;
using Robotics.Drivers.Emulator;
using Robotics.Drivers.Feetech;
using Robotics.Drivers.Servos;
using Robotics.Middleware.Time;
using Robotics.Safety;

namespace Robotics.Drivers.Tests.Arm;

/// <summary>
/// Three emulated servos (XL330 or STS3215, factory tables) behind a <see cref="ServoArm"/>, the real supervisor and
/// control loop, on fake time: each <see cref="Step"/> is one 10 ms tick.
/// </summary>
internal sealed class ServoArmRig : IDisposable
{
    public static readonly string[] Names = ["shoulder_pan", "shoulder_lift", "elbow_flex"];

    // Replies come from the emulator's thread on real time: a generous host latency keeps a busy 2-core machine
    // (tests run in parallel) from turning a slow reply into a failed read. Return delay stays the factory 500 µs.
    private static readonly ServoBusOptions BusOptions = new() { HostLatency = TimeSpan.FromMilliseconds(100) };

    private readonly IByteChannel _channel;
    private readonly IByteChannel _servoEnd;
    private readonly EmulatorAttachment _attachment;
    private ControlLoop? _loop;

    private ServoArmRig(EmulatedProtocol protocol, Action<EmulatedServo>? prepare, ServoArmOptions? options, ServoJoint[]? joints)
    {
        var servos = Enumerable.Range(1, Names.Length)
            .Select(id => protocol == EmulatedProtocol.Dynamixel2 ? EmulatedServo.Dynamixel((byte)id, DynamixelModel.XL330M288) : EmulatedServo.Sts3215((byte)id))
            .ToList();
        foreach (var servo in servos)
        {
            prepare?.Invoke(servo);
        }

        (_channel, _servoEnd) = InMemoryChannelPair.Create();
        Emulator = new ServoBusEmulator(protocol, servos, Time);
        _attachment = Emulator.Attach(_servoEnd);
        joints ??= [.. Names.Select((n, i) => new ServoJoint(n, (byte)(i + 1)))];
        Arm = protocol == EmulatedProtocol.Dynamixel2
            ? ServoArm.Dynamixel(new DynamixelBus(_channel, BusOptions), joints, Time, options: options)
            : ServoArm.Feetech(new FeetechBus(_channel, BusOptions), joints, Time, options: options);
    }

    public ManualTimeProvider Time { get; } = new(DateTimeOffset.UnixEpoch.AddSeconds(1000));

    public ServoBusEmulator Emulator { get; }

    public ServoArm Arm { get; }

    public ControlLoop Loop => _loop ??= new ControlLoop(Arm, new SafetySupervisor(Config()), Time);

    public SupervisorState State => Loop.Supervisor.State;

    public static ServoArmRig Dynamixel(Action<EmulatedServo>? prepare = null, ServoArmOptions? options = null, ServoJoint[]? joints = null) =>
        new(EmulatedProtocol.Dynamixel2, prepare, options, joints);

    public static ServoArmRig Feetech(Action<EmulatedServo>? prepare = null, ServoArmOptions? options = null, ServoJoint[]? joints = null) =>
        new(EmulatedProtocol.FeetechSts, prepare, options, joints);

    public EmulatedServo Servo(int id) => Emulator.Find((byte)id)!;

    /// <summary>One tick: 10 ms of fake time, then read → supervise → write.</summary>
    public void Step(int ticks = 1)
    {
        for (var i = 0; i < ticks; i++)
        {
            Time.Advance(TimeSpan.FromMilliseconds(10));
            Loop.Step();
        }
    }

    /// <summary>Steps until <paramref name="done"/> holds (at most <paramref name="maxTicks"/>); returns the ticks taken.</summary>
    public int StepUntil(Func<bool> done, string because, int maxTicks = 500)
    {
        for (var i = 0; i < maxTicks; i++)
        {
            if (done())
            {
                return i;
            }

            Step();
        }

        Assert.Fail($"not within {maxTicks} ticks: {because}; arm fault: {Arm.Fault}; warning: {Arm.Warning}; state {State}");
        return maxTicks;
    }

    public EventResult Request(SupervisorEvent request) => Loop.Request(request, Principal.Operator);

    /// <summary>Requests as the operator and asserts it was accepted, showing why not.</summary>
    public void Accept(SupervisorEvent request)
    {
        var result = Request(request);
        Assert.True(result.Accepted, $"{request} refused: {result.Message}");
    }

    /// <summary>The latest transition's cause ("hardware fault: …").</summary>
    public string LastCause => Loop.Supervisor.Transitions.Count > 0 ? Loop.Supervisor.Transitions[^1].Cause : string.Empty;

    public void Dispose()
    {
        if (_loop is null)
        {
            Arm.Dispose(); // torque off, as the loop's Dispose does
        }
        else
        {
            _loop.Dispose();
        }

        _attachment.Dispose();
        _channel.Dispose();
        _servoEnd.Dispose();
    }

    private static SafetyConfig Config() => new()
    {
        Joints = [.. Names.Select(n => new JointLimit(n)
        {
            HardMin = -3, HardMax = 3, SoftMin = -2.9, SoftMax = 2.9,
            MaxVelocity = 2, MaxAcceleration = 10, MaxDeceleration = 20, MaxStep = 0.3, MaxResidual = 0.1,
        })],
    };
}
