namespace Robotics.Middleware.Dds.Interop;

/// <summary>
/// A DDS reader on a raw-CDR topic that hands each received sample's bytes (a span over Cyclone's memory, valid only
/// during the call) to <see cref="Received"/>. Samples are taken in batches and released even when handling throws.
/// </summary>
internal sealed unsafe class RawReader : IDataAvailable, IDisposable
{
    private const int Batch = 16;
    private readonly DataListener _listener;
    private readonly EntityHandle _reader;
    private volatile bool _started;

    public RawReader(EntityHandle subscriber, int topic, nint qos, RawSampleHandler received, Action<Exception> failed)
    {
        Received = received;
        Failed = failed;
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

        var samples = stackalloc ShimSample[Batch];
        int taken;
        do
        {
            taken = RoboticsShim.Take(_reader.Entity, samples, Batch);
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
        }
        while (taken == Batch);
    }

    public void Dispose()
    {
        _reader.Dispose();
        _listener.Dispose();
    }
}
