using Robotics.Drivers.Channels;
using Robotics.Drivers.Dynamixel;
using Robotics.Drivers.Feetech;
using Robotics.Drivers.Servos;

namespace Robotics.Drivers.Emulator;

/// <summary>
/// A bus of emulated servos that speaks Dynamixel Protocol 2.0 or Feetech STS byte for byte: instruction packets in,
/// status packets out, encoded by the same codecs as the real buses use (so the e-manual's examples come out exactly).
/// Use <see cref="Process"/> synchronously in unit tests, or <see cref="Attach"/> it to one end of an
/// <see cref="IByteChannel"/> pair to serve a bus from a background thread. Physics moves with <see cref="Step"/>, or
/// with the optional clock at each request. Thread-safe.
/// </summary>
public sealed class ServoBusEmulator
{
    // Longest request accepted: a 253-servo sync write is about 1.3 kB before stuffing.
    private const int MaxRequestLength = 8192;

    // Physics sub-step: 1 ms resolves the 20 ms bus watchdog unit and the 50 ms position time constant.
    private const double SubStepSeconds = 0.001;

    private readonly Lock _gate = new();
    private readonly ServoPacketDecoder _decoder;
    private readonly RequestHandler _handler;
    private readonly ReplySink _sink = new();
    private readonly int[] _received = new int[256];
    private readonly TimeProvider? _clock;
    private long _lastTimestamp;
    private long _rejected;

    /// <param name="protocol">The protocol every servo on this bus speaks.</param>
    /// <param name="servos">The servos; ids must be distinct and match <paramref name="protocol"/>. May be empty.</param>
    /// <param name="clock">When given, each request first advances the physics by the time elapsed on it.</param>
    public ServoBusEmulator(EmulatedProtocol protocol, IEnumerable<EmulatedServo> servos, TimeProvider? clock = null)
    {
        ArgumentNullException.ThrowIfNull(servos);
        var list = servos.ToList();
        var ids = new HashSet<byte>();
        foreach (var servo in list)
        {
            ArgumentNullException.ThrowIfNull(servo, nameof(servos));
            if (servo.Protocol != protocol)
            {
                throw new ArgumentException($"servo {servo.Id} ({servo.ModelName}) speaks {servo.Protocol}, the bus {protocol}", nameof(servos));
            }

            if (!ids.Add(servo.Id))
            {
                throw new ArgumentException($"two servos have id {servo.Id}; their replies would collide", nameof(servos));
            }
        }

        Protocol = protocol;
        Servos = list;
        _clock = clock;
        _lastTimestamp = clock?.GetTimestamp() ?? 0;
        (_decoder, _handler) = protocol switch
        {
            EmulatedProtocol.Dynamixel2 => ((ServoPacketDecoder)new DynamixelPacketDecoder(MaxRequestLength), (RequestHandler)new DynamixelRequestHandler(list, _sink)),
            EmulatedProtocol.FeetechSts => (new FeetechPacketDecoder(FeetechPacketKind.Request), new FeetechRequestHandler(list, _sink)),
            _ => throw new ArgumentOutOfRangeException(nameof(protocol), protocol, "unknown protocol"),
        };
    }

    public EmulatedProtocol Protocol { get; }

    public IReadOnlyList<EmulatedServo> Servos { get; }

    /// <summary>Request bytes that failed a check (bad CRC/checksum, length, id) and were skipped.</summary>
    public long RejectedRequests => Interlocked.Read(ref _rejected);

    /// <summary>The servo with <paramref name="id"/> now, or null.</summary>
    public EmulatedServo? Find(byte id)
    {
        foreach (var servo in Servos)
        {
            if (servo.Id == id)
            {
                return servo;
            }
        }

        return null;
    }

    /// <summary>How many instruction packets with this instruction byte arrived (retries show here; goal writes must not).</summary>
    public int ReceivedCount(byte instruction) => Volatile.Read(ref _received[instruction]);

    /// <summary>
    /// Feeds request bytes (any chunking: a packet may span calls) and returns every status packet they caused, in
    /// order; empty when none. Garbage and corrupted requests are skipped, as a servo does.
    /// </summary>
    public byte[] Process(ReadOnlySpan<byte> bytes)
    {
        lock (_gate)
        {
            if (_clock is not null)
            {
                var now = _clock.GetTimestamp();
                StepLocked(_clock.GetElapsedTime(_lastTimestamp, now).TotalSeconds);
                _lastTimestamp = now;
            }

            while (true)
            {
                var taken = _decoder.Append(bytes);
                bytes = bytes[taken..];
                DrainRequests();
                if (bytes.IsEmpty)
                {
                    return _sink.Drain();
                }
            }
        }
    }

    /// <summary>Advances every servo's physics by <paramref name="elapsed"/> in 1 ms sub-steps.</summary>
    public void Step(TimeSpan elapsed)
    {
        if (elapsed < TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(elapsed), elapsed, "time cannot go backwards");
        }

        lock (_gate)
        {
            StepLocked(elapsed.TotalSeconds);
        }
    }

    /// <summary>
    /// Serves the bus on <paramref name="channel"/> from a background thread until the returned attachment is
    /// disposed (dispose it before the channel). A failure of that thread is rethrown by its Dispose.
    /// </summary>
    public EmulatorAttachment Attach(IByteChannel channel)
    {
        ArgumentNullException.ThrowIfNull(channel);
        return new EmulatorAttachment(this, channel);
    }

    private void DrainRequests()
    {
        while (true)
        {
            var status = _decoder.TryDecode(out var request);
            if (status == DecodeStatus.NeedMoreData)
            {
                return;
            }

            if (status == DecodeStatus.Rejected)
            {
                Interlocked.Increment(ref _rejected);
                continue;
            }

            if (!request.HasStatusByte)
            {
                Interlocked.Increment(ref _received[request.Instruction]);
            }

            _handler.Handle(request);
        }
    }

    private void StepLocked(double seconds)
    {
        // Bounded work for any elapsed time: at most 100,000 sub-steps (the update is exact per step, so longer
        // sub-steps stay stable, only coarser).
        var steps = (int)Math.Min(Math.Ceiling(seconds / SubStepSeconds), 100_000);
        if (steps <= 0)
        {
            return;
        }

        var h = seconds / steps;
        foreach (var servo in Servos)
        {
            lock (servo.Gate)
            {
                for (var i = 0; i < steps; i++)
                {
                    servo.Step(h);
                }
            }
        }
    }
}
