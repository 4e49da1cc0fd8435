using Robotics.Messages.BuiltinInterfaces;

namespace Robotics.Middleware.Time;

/// <summary>Conversions between <see cref="DateTimeOffset"/>, nanoseconds since the Unix epoch and builtin_interfaces/Time.</summary>
public static class RosTime
{
    public static long ToNanoseconds(DateTimeOffset time) => (time.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) * 100;

    public static DateTimeOffset FromNanoseconds(long nanoseconds) => DateTimeOffset.UnixEpoch.AddTicks(nanoseconds / 100);

    public static Messages.BuiltinInterfaces.Time ToMessage(DateTimeOffset time) => ToMessage(ToNanoseconds(time));

    public static Messages.BuiltinInterfaces.Time ToMessage(long nanoseconds) => new()
    {
        Sec = (int)Math.Floor(nanoseconds / 1e9),
        Nanosec = (uint)(nanoseconds - (long)Math.Floor(nanoseconds / 1e9) * 1_000_000_000L),
    };

    public static long ToNanoseconds(Messages.BuiltinInterfaces.Time time) => (time.Sec * 1_000_000_000L) + time.Nanosec;

    public static DateTimeOffset ToDateTime(Messages.BuiltinInterfaces.Time time) => FromNanoseconds(ToNanoseconds(time));

    public static Duration ToDuration(TimeSpan span) => new()
    {
        Sec = (int)Math.Floor(span.TotalSeconds),
        Nanosec = (uint)((span.Ticks - ((long)Math.Floor(span.TotalSeconds) * TimeSpan.TicksPerSecond)) * 100),
    };
}
