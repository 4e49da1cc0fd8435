using System.Runtime.InteropServices;

namespace Robotics.Middleware.Dds.Interop;

/// <summary>Receives Cyclone's data-available callback for one reader.</summary>
internal interface IDataAvailable
{
    /// <summary>Runs on a Cyclone thread (or the writer's, for local delivery): take, enqueue, return; never block.</summary>
    void OnDataAvailable();
}

/// <summary>
/// A <c>dds_listener_t</c> whose data-available callback reaches a managed <see cref="IDataAvailable"/> through a
/// GCHandle. Cyclone copies the listener into the reader, so the native listener is deleted at once; the GCHandle
/// lives until <see cref="Dispose"/>, which callers invoke only after the reader entity is deleted (dds_delete waits
/// for callbacks in progress).
/// </summary>
internal sealed unsafe class DataListener : IDisposable
{
    private GCHandle _target;

    public DataListener(IDataAvailable target) => _target = GCHandle.Alloc(target);

    /// <summary>Makes a native listener for one create call; delete it with <see cref="Ddsc.DeleteListener"/> right after.</summary>
    public nint CreateNative()
    {
        var listener = Ddsc.CreateListener(GCHandle.ToIntPtr(_target));
        Ddsc.SetDataAvailable(listener, &OnDataAvailable);
        return listener;
    }

    public void Dispose()
    {
        if (_target.IsAllocated)
        {
            _target.Free();
        }
    }

    [UnmanagedCallersOnly]
    private static void OnDataAvailable(int reader, nint argument)
    {
        try
        {
            if (GCHandle.FromIntPtr(argument).Target is IDataAvailable target)
            {
                target.OnDataAvailable();
            }
        }
#pragma warning disable CA1031 // An exception must never unwind into Cyclone's thread; targets report their own errors.
        catch (Exception)
#pragma warning restore CA1031
        {
        }
    }
}
