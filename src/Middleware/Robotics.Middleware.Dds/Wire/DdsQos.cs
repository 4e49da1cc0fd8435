using System.Text;
using Robotics.Middleware.Dds.Interop;
using Robotics.Middleware.Qos;

namespace Robotics.Middleware.Dds.Wire;

/// <summary>
/// A ROS QoS profile as Cyclone QoS, the way rmw_cyclonedds maps it (ROS2_WIRE.md "QoS"): reliable writers block at
/// most forever, autodispose off, transient-local with a durability service whose history equals the endpoint's,
/// durations of zero meaning "not set". Owns the native <c>dds_qos_t</c>.
/// </summary>
internal sealed class DdsQos : IDisposable
{
    private DdsQos(nint handle) => Handle = handle;

    public nint Handle { get; private set; }

    /// <param name="ignoreLocal">Do not match endpoints of this participant (a <c>CompositeTransport</c> carries those in-process).</param>
    public static DdsQos For(QosProfile profile, string? userData = null, bool ignoreLocal = false)
    {
        var qos = new DdsQos(Ddsc.CreateQos());
        var h = qos.Handle;
        Ddsc.SetReliability(h, profile.Reliability == Reliability.Reliable ? 1 : 0, Ddsc.Infinity);
        Ddsc.SetDurability(h, profile.Durability == Durability.TransientLocal ? 1 : 0);
        var keepAll = profile.History == History.KeepAll;
        var depth = Math.Max(profile.Depth, 1);
        Ddsc.SetHistory(h, keepAll ? 1 : 0, depth);
        if (keepAll)
        {
            // DDS keep-all is unbounded; the in-process bus bounds it at KeepAllLimit, so does this.
            Ddsc.SetResourceLimits(h, QosProfile.KeepAllLimit, -1, QosProfile.KeepAllLimit);
        }

        if (profile.Durability == Durability.TransientLocal)
        {
            Ddsc.SetDurabilityService(h, 0, keepAll ? 1 : 0, depth, -1, -1, -1);
        }

        if (profile.Deadline > TimeSpan.Zero)
        {
            Ddsc.SetDeadline(h, Nanoseconds(profile.Deadline));
        }

        if (profile.Lifespan > TimeSpan.Zero)
        {
            Ddsc.SetLifespan(h, Nanoseconds(profile.Lifespan));
        }

        var lease = profile.LivelinessLeaseDuration > TimeSpan.Zero ? Nanoseconds(profile.LivelinessLeaseDuration) : Ddsc.Infinity;
        Ddsc.SetLiveliness(h, profile.Liveliness == Liveliness.ManualByTopic ? 2 : 0, lease);

        // rmw: a deleted writer must not dispose its samples, or transient-local late joiners would lose them.
        Ddsc.SetWriterDataLifecycle(h, autodispose: false);
        if (userData is not null)
        {
            SetUserData(h, userData);
        }

        if (ignoreLocal)
        {
            Ddsc.SetIgnoreLocal(h, 1);
        }

        return qos;
    }

    public static DdsQos WithUserData(string userData)
    {
        var qos = new DdsQos(Ddsc.CreateQos());
        SetUserData(qos.Handle, userData);
        return qos;
    }

    /// <summary>Reads back what a discovered endpoint offered or requested (for the graph and compatibility warnings).</summary>
    public static QosProfile Read(nint qos)
    {
        var profile = new QosProfile(Ddsc.GetHistory(qos, out var historyKind, out var depth) ? Math.Max(depth, 0) : 1);
        if (historyKind == 1)
        {
            profile = profile with { History = History.KeepAll };
        }

        if (Ddsc.GetReliability(qos, out var reliability, out _))
        {
            profile = profile with { Reliability = reliability == 1 ? Reliability.Reliable : Reliability.BestEffort };
        }

        if (Ddsc.GetDurability(qos, out var durability))
        {
            // TRANSIENT (2) and PERSISTENT (3) also serve late joiners; ROS only names transient-local.
            profile = profile with { Durability = durability >= 1 ? Durability.TransientLocal : Durability.Volatile };
        }

        return profile;
    }

    /// <summary>The USER_DATA text of a discovered endpoint or participant, or empty.</summary>
    public static unsafe string ReadUserData(nint qos)
    {
        if (!Ddsc.GetUserData(qos, out var value, out var size) || value == 0)
        {
            return string.Empty;
        }

        try
        {
            return Encoding.UTF8.GetString((byte*)value, (int)size);
        }
        finally
        {
            Ddsc.Free(value);
        }
    }

    public void Dispose()
    {
        if (Handle != 0)
        {
            Ddsc.DeleteQos(Handle);
            Handle = 0;
        }
    }

    private static unsafe void SetUserData(nint qos, string text)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        fixed (byte* data = bytes)
        {
            Ddsc.SetUserData(qos, data, (nuint)bytes.Length);
        }
    }

    private static long Nanoseconds(TimeSpan span) => span == TimeSpan.MaxValue ? Ddsc.Infinity : span.Ticks * 100;
}
