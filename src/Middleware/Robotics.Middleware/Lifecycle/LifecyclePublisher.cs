using Robotics.Messages;
using Robotics.Middleware.Logging;
using Robotics.Middleware.Topics;

namespace Robotics.Middleware.Lifecycle;

/// <summary>
/// Publishes only while its node is active; publishing while inactive is dropped with one warning, as
/// rclcpp_lifecycle does (an inactive node must not drive anything).
/// </summary>
public sealed class LifecyclePublisher<T>(Publisher<T> inner, NodeLogger logger) : ILifecycleAware, IDisposable
    where T : class, IRosMessage<T>
{
    private volatile bool _active;
    private int _warned;

    public bool IsActive => _active;

    public string Topic => inner.Topic;

    public long DroppedWhileInactive { get; private set; }

    public void Publish(T message)
    {
        if (!_active)
        {
            DroppedWhileInactive++;
            if (Interlocked.Exchange(ref _warned, 1) == 0)
            {
                logger.Warn($"publishing on {inner.Topic} while the node is not active: message dropped");
            }

            return;
        }

        inner.Publish(message);
    }

    void ILifecycleAware.SetActive(bool active)
    {
        _active = active;
        if (active)
        {
            Volatile.Write(ref _warned, 0);
        }
    }

    public void Dispose() => inner.Dispose();
}
