using System.Diagnostics;
using System.Text.Json.Nodes;
using Robotics.Drivers.Channels;
using Robotics.Drivers.Dynamixel;
using Robotics.Drivers.Emulator;
using Robotics.Drivers.Feetech;
using Robotics.Drivers.Serial;
using Robotics.Drivers.Servos;

namespace Robotics.Benchmarks;

/// <summary>
/// One control cycle on a 6-servo bus — sync read of present positions + sync write of goals — measured three ways
/// for each protocol: through the termios driver over a socat pty pair with the emulator on the far end (its own
/// thread); inline (the emulator answers inside Write on the same thread: our bus and codecs plus the emulator's,
/// no kernel, no thread hand-offs); and the time its bytes would take on a real 1 Mbps wire (10 bits per byte, the
/// servos' return delay not counted). The pty has no baud timing; "inline / (inline + wire)" bounds the share of a
/// real cycle spent in our code.
/// </summary>
internal static class ServoBenchmark
{
    public static JsonObject Run(bool quick)
    {
        var cycles = quick ? 2_000 : 20_000;
        var result = new JsonObject();
        foreach (var protocol in new[] { EmulatedProtocol.Dynamixel2, EmulatedProtocol.FeetechSts })
        {
            Console.Error.WriteLine($"servo: {protocol} sync read + sync write of 6 servos x {cycles} ...");
            var inline = Measure(protocol, cycles, null);
            using var pty = SocatPty.Start();
            var ptyResult = Measure(protocol, cycles, (TermiosSerialPort.Open(pty.B, 1_000_000), TermiosSerialPort.Open(pty.A, 1_000_000)));
            var wireUs = inline.BytesPerCycle * 10 / 1.0; // µs at 1 Mbps
            Console.Error.WriteLine($"  pty {ptyResult.MicrosPerCycle:0.0} µs/cycle, inline {inline.MicrosPerCycle:0.0} µs/cycle, wire at 1 Mbps {wireUs:0} µs ({inline.BytesPerCycle} B)");
            result[protocol.ToString()] = new JsonObject
            {
                ["cycles"] = cycles,
                ["pty_us_per_cycle"] = Math.Round(ptyResult.MicrosPerCycle, 1),
                ["inline_us_per_cycle"] = Math.Round(inline.MicrosPerCycle, 2),
                ["bytes_per_cycle"] = inline.BytesPerCycle,
                ["wire_us_at_1mbps"] = Math.Round(wireUs),
                ["code_share_of_a_real_cycle"] = Math.Round(inline.MicrosPerCycle / (inline.MicrosPerCycle + wireUs), 4),
                ["allocated_bytes_per_cycle"] = inline.AllocatedPerCycle,
            };
        }

        return result;
    }

    /// <param name="ends">A channel pair with the emulator attached to its far end; null: the emulator answers inline.</param>
    private static (double MicrosPerCycle, int BytesPerCycle, double AllocatedPerCycle) Measure(EmulatedProtocol protocol, int cycles, (IByteChannel Bus, IByteChannel Servos)? ends)
    {
        var emulator = new ServoBusEmulator(protocol, Enumerable.Range(1, 6).Select(id => protocol == EmulatedProtocol.Dynamixel2
            ? EmulatedServo.Dynamixel((byte)id, DynamixelModel.XL330M288)
            : EmulatedServo.Sts3215((byte)id)));
        var counting = new CountingChannel(ends?.Bus ?? new InlineEmulatorChannel(emulator));
        using (ends?.Servos)
        using (counting)
        using (ends is { } e ? emulator.Attach(e.Servos) : null)
        {
            ServoBus bus = protocol == EmulatedProtocol.Dynamixel2 ? new DynamixelBus(counting) : new FeetechBus(counting);
            byte[] ids = [1, 2, 3, 4, 5, 6];
            var ticks = new int[6];
            var replies = new ServoReply[6];
            var failed = 0;
            void Cycle()
            {
                // A late reply on a busy machine is a counted failure, as in the control loop, not the end of the bench.
                failed += bus.SyncReadPresentPositions(ids, ticks, replies) == 6 ? 0 : 1;
                bus.SyncWriteGoalPositions(ids, ticks);
            }

            for (var i = 0; i < 200; i++)
            {
                Cycle();
            }

            counting.Bytes = 0;
            var allocated = GC.GetAllocatedBytesForCurrentThread();
            var start = Stopwatch.GetTimestamp();
            for (var i = 0; i < cycles; i++)
            {
                Cycle();
            }

            var micros = Stopwatch.GetElapsedTime(start).TotalMicroseconds / cycles;
            if (failed > cycles / 100)
            {
                throw new InvalidOperationException($"{failed} of {cycles} sync reads failed ({bus.Statistics})");
            }

            return (micros, (int)(counting.Bytes / cycles), (GC.GetAllocatedBytesForCurrentThread() - allocated) / (double)cycles);
        }
    }

    /// <summary>Counts the bytes both ways through the bus's end.</summary>
    private sealed class CountingChannel(IByteChannel inner) : IByteChannel
    {
        public long Bytes { get; set; }

        public string Name => inner.Name;

        public int BaudRate => inner.BaudRate;

        public void Write(ReadOnlySpan<byte> data)
        {
            Bytes += data.Length;
            inner.Write(data);
        }

        public int Read(Span<byte> buffer, TimeSpan timeout)
        {
            var n = inner.Read(buffer, timeout);
            Bytes += n;
            return n;
        }

        public void DiscardInput() => inner.DiscardInput();

        public void Dispose() => inner.Dispose();
    }

    /// <summary>The emulator answering inside Write on the caller's thread: the cost of the code alone.</summary>
    private sealed class InlineEmulatorChannel(ServoBusEmulator emulator) : IByteChannel
    {
        private byte[] _reply = [];
        private int _offset;

        public string Name => "inline emulator";

        public int BaudRate => 1_000_000;

        public void Write(ReadOnlySpan<byte> data) => (_reply, _offset) = (emulator.Process(data), 0);

        public int Read(Span<byte> buffer, TimeSpan timeout)
        {
            var n = Math.Min(buffer.Length, _reply.Length - _offset);
            _reply.AsSpan(_offset, n).CopyTo(buffer);
            _offset += n;
            return n;
        }

        public void DiscardInput() => _offset = _reply.Length;

        public void Dispose()
        {
        }
    }

    /// <summary>A socat pty pair for the bench (stopped by its own pid).</summary>
    private sealed class SocatPty : IDisposable
    {
        private readonly Process _socat;
        private readonly string _directory;

        private SocatPty(Process socat, string directory) => (_socat, _directory) = (socat, directory);

        public string A => Path.Combine(_directory, "a");

        public string B => Path.Combine(_directory, "b");

        public static SocatPty Start()
        {
            var directory = Directory.CreateTempSubdirectory("robotics-bench-pty-").FullName;
            var info = new ProcessStartInfo("socat") { RedirectStandardError = true };
            foreach (var arg in new[] { "-d", "-d", $"pty,raw,echo=0,link={directory}/a", $"pty,raw,echo=0,link={directory}/b" })
            {
                info.ArgumentList.Add(arg);
            }

            var socat = Process.Start(info) ?? throw new InvalidOperationException("socat did not start (scripts/bootstrap installs it)");
            var deadline = Environment.TickCount64 + 10_000;
            while (!(File.Exists(Path.Combine(directory, "a")) && File.Exists(Path.Combine(directory, "b"))))
            {
                if (Environment.TickCount64 > deadline)
                {
                    socat.Kill();
                    throw new InvalidOperationException("socat did not create its ptys within 10 s");
                }

                Thread.Sleep(10);
            }

            return new SocatPty(socat, directory);
        }

        public void Dispose()
        {
            _socat.Kill();
            _socat.WaitForExit();
            _socat.Dispose();
            Directory.Delete(_directory, recursive: true);
        }
    }
}
