namespace Robotics.Middleware.Dds.Interop;

/// <summary>
/// A DDS reader on a raw-CDR topic that hands each received sample's bytes (a span over Cyclone's memory, valid only
/// during the call) to <see cref="Received"/>. Samples are taken in batches and released even when handling throws.
/// With a flow-controlled sink (keep-all), it takes only what fits and leaves the rest in the DDS reader, whose
/// resource limits then hold the reliable writer back; the sink calls back when it has room.
/// </summary>
internal sealed unsafe class RawReader : IDataAvailable, IDisposable
{
    private const int Batch = 16;
    private readonly DataListener _listener;
    private readonly EntityHandle _reader;
    private readonly Transport.IFlowControlledSink? _flow;
    private readonly Lock _takeLock = new();
    private volatile bool _started;

    public RawReader(EntityHandle subscriber, int topic, nint qos, RawSampleHandler received, Action<Exception> failed, Transport.IFlowControlledSink? flow = null)
    {
        Received = received;
        Failed = failed;
        _flow = flow;
        _listener = new DataListener(this);
        var native = _listener.CreateNative();
        try
        {
            _reader = EntityHandle.Create(Ddsc.CreateReader(subscriber.Entity, topic, qos, native), "dds_create_reader", subscriber);
        }
        catch
        {
            _listener.Dispose();
            throw;
        }
        finally
        {
            Ddsc.DeleteListener(native);
        }

    }

    public delegate void RawSampleHandler(ReadOnlySpan<byte> data, in ShimSample sample);

    public RawSampleHandler Received { get; }

    public Action<Exception> Failed { get; }

    public int Entity => _reader.Entity;

    public int MatchedWriterCount => Ddsc.GetSubscriptionMatchedStatus(_reader.Entity, out var status) >= 0 ? (int)status.CurrentCount : 0;

    public Guid Guid => Ddsc.GetGuid(_reader.Entity, out var guid) >= 0 ? guid.ToGuid() : Guid.Empty;

    /// <summary>
    /// Starts delivery once the owner is fully built: callbacks before this (transient-local history arrives while
    /// dds_create_reader runs, remote data at any time) leave their samples in the reader, and this takes them.
    /// </summary>
    public void Start()
    {
        _started = true;
        OnDataAvailable();
    }

    public void OnDataAvailable()
    {
        if (!_started || _reader.IsClosed)
        {
            return;
        }

        // One taker at a time (Cyclone's listener thread, or the executor when a full sink drained): keeps order.
        lock (_takeLock)
        {
            var samples = stackalloc ShimSample[Batch];
            while (!_reader.IsClosed)
            {
                var want = Math.Min(Batch, _flow?.FreeSlots ?? Batch);
                if (want <= 0)
                {
                    _flow!.NotifyWhenFree(OnDataAvailable);
                    if (_flow.FreeSlots <= 0)
                    {
                        return;
                    }

                    continue;
                }

                var taken = RoboticsShim.Take(_reader.Entity, samples, (uint)want);
                for (var i = 0; i < taken; i++)
                {
                    try
                    {
                        Received(new ReadOnlySpan<byte>(samples[i].Data, (int)samples[i].Size), in samples[i]);
                    }
#pragma warning disable CA1031 // Reported, never thrown into Cyclone; the next sample still gets its turn.
                    catch (Exception e)
#pragma warning restore CA1031
                    {
                        Failed(e);
                    }
                    finally
                    {
                        RoboticsShim.Release(samples[i].Serdata);
                    }
                }

                if (taken < want)
                {
                    return;
                }
            }
        }
    }

    public void Dispose()
    {
        _reader.Dispose();
        _listener.Dispose();
    }
}
