using System.Runtime.InteropServices;

namespace Robotics.Drivers.Serial;

/// <summary>
/// Puts the calling thread under SCHED_FIFO, as ros2_control's controller manager does for its loop thread: on a
/// shared machine a normal thread is preempted for whole time slices (milliseconds), which is most of the control
/// loop's period error. Needs root or CAP_SYS_NICE (and RLIMIT_RTPRIO); without them the thread stays as it was and
/// the reason is returned, never thrown. Lives in the serial edge because it is the project's libc edge.
/// </summary>
public static partial class RealtimeScheduling
{
    private const int SchedFifo = 1; // linux/sched.h

    /// <summary>Null when the calling thread now runs SCHED_FIFO at <paramref name="priority"/> (1–99); otherwise why not.</summary>
    public static string? TryEnableForCurrentThread(int priority = 80)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(priority, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(priority, 99);
        if (!OperatingSystem.IsLinux())
        {
            return "SCHED_FIFO is Linux only";
        }

        // On Linux, sched_setscheduler with pid 0 applies to the calling thread alone, not the whole process.
        var parameter = priority;
        return SetScheduler(0, SchedFifo, ref parameter) == 0
            ? null
            : $"sched_setscheduler(SCHED_FIFO, {priority}) failed with errno {Marshal.GetLastPInvokeError()}: run as root or grant CAP_SYS_NICE (and an rtprio limit) for a real-time control loop";
    }

    /// <summary>
    /// Sleeps until a <see cref="System.Diagnostics.Stopwatch"/> timestamp with clock_nanosleep(CLOCK_MONOTONIC,
    /// TIMER_ABSTIME): an absolute deadline, so late wake-ups do not accumulate, and no timer slack for a SCHED_FIFO
    /// thread. On Linux .NET's Stopwatch is CLOCK_MONOTONIC in nanoseconds, which this relies on (checked).
    /// </summary>
    public static void SleepUntil(long stopwatchTimestamp)
    {
        if (System.Diagnostics.Stopwatch.Frequency != 1_000_000_000 || !OperatingSystem.IsLinux())
        {
            throw new PlatformNotSupportedException("SleepUntil needs Linux, where Stopwatch counts CLOCK_MONOTONIC nanoseconds");
        }

        var deadline = new Interop.TimeSpec { Seconds = (nint)(stopwatchTimestamp / 1_000_000_000), Nanoseconds = (nint)(stopwatchTimestamp % 1_000_000_000) };
        while (ClockNanosleep(1 /* CLOCK_MONOTONIC */, 1 /* TIMER_ABSTIME */, in deadline, 0) == 4 /* EINTR */)
        {
        }
    }

    [LibraryImport("libc", EntryPoint = "clock_nanosleep")]
    private static partial int ClockNanosleep(int clock, int flags, in Interop.TimeSpec request, nint remaining);

    [LibraryImport("libc", EntryPoint = "sched_setscheduler", SetLastError = true)]
    private static partial int SetScheduler(int pid, int policy, ref int priority);
}
