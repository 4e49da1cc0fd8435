namespace Robotics.Middleware.Transport;

/// <summary>
/// A sink that can be full: a keep-all subscription. A transport with reliable buffering of its own (DDS) stops
/// taking samples while it is full and leaves them in the reader, so reliable back-pressure reaches the writer
/// (its write blocks, then fails) instead of samples being dropped here.
/// </summary>
public interface IFlowControlledSink
{
    /// <summary>How many more samples fit without dropping one; <see cref="int.MaxValue"/> for keep-last (it never waits).</summary>
    int FreeSlots { get; }

    /// <summary>
    /// Calls <paramref name="callback"/> once, on the thread that drains the sink, when it has room again (half empty).
    /// Callers re-check <see cref="FreeSlots"/> after registering: room may have appeared in between.
    /// </summary>
    void NotifyWhenFree(Action callback);
}
