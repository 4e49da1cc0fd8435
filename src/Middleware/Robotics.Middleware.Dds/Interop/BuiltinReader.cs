namespace Robotics.Middleware.Dds.Interop;

/// <summary>Reads one of Cyclone's discovery topics (DCPSParticipant/Publication/Subscription) with loaned samples.</summary>
internal sealed unsafe class BuiltinReader : IDataAvailable, IDisposable
{
    private const int Batch = 16;
    private readonly DataListener _listener;
    private readonly EntityHandle _reader;
    private readonly Handler _handle;

    public BuiltinReader(EntityHandle participant, int builtinTopic, Handler handle)
    {
        _handle = handle;
        _listener = new DataListener(this);
        var native = _listener.CreateNative();
        try
        {
            _reader = EntityHandle.Create(Ddsc.CreateReader(participant.Entity, builtinTopic, 0, native), "creating a DDS discovery reader", participant);
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

        OnDataAvailable();
    }

    public delegate void Handler(nint sample, in SampleInfo info);

    public void OnDataAvailable()
    {
        if (_reader is null || _reader.IsClosed)
        {
            return;
        }

        var buffer = stackalloc void*[Batch];
        var infos = stackalloc SampleInfo[Batch];
        int taken;
        do
        {
            buffer[0] = null; // null: Cyclone lends its own sample memory, returned below
            taken = Ddsc.Take(_reader.Entity, buffer, infos, Batch, Batch);
            if (taken <= 0)
            {
                return;
            }

            try
            {
                for (var i = 0; i < taken; i++)
                {
                    _handle((nint)buffer[i], in infos[i]);
                }
            }
            finally
            {
                _ = Ddsc.ReturnLoan(_reader.Entity, buffer, taken); // fails only for a deleted reader: nothing left to return
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
