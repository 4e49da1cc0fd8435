namespace Robotics.Middleware.Transport;

/// <summary>The transport side of a publisher.</summary>
public interface ITopicWriter<in T> : IDisposable
{
    /// <summary>Hands a sample to every matched reader; never blocks on a slow reader.</summary>
    void Write(T message);

    int MatchedReaderCount { get; }
}
