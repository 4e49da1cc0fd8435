namespace Robotics.Middleware.Dds.Interop;

/// <summary>
/// <c>dds_write_set_batch</c> is one process-wide switch in Cyclone 0.10. Transports that want batching hold a lease;
/// the switch is on while at least one lease is held and off again after the last one is released. Writers that
/// must not wait for a batch (unbatched transports' topics, every service and ros_discovery_info) flush after each
/// write while the switch is on, so one batched transport never delays another.
/// </summary>
internal static class WriteBatching
{
    private static readonly Lock _lock = new();
    private static int _leases;

    public static bool IsOn => Volatile.Read(ref _leases) > 0;

    public static IDisposable Acquire()
    {
        lock (_lock)
        {
            if (_leases++ == 0)
            {
                Ddsc.WriteSetBatch(true);
            }
        }

        return new Lease();
    }

    private sealed class Lease : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) != 0)
            {
                return;
            }

            lock (_lock)
            {
                if (--_leases == 0)
                {
                    Ddsc.WriteSetBatch(false);
                }
            }
        }
    }
}
