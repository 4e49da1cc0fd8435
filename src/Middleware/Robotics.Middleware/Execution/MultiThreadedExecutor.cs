namespace Robotics.Middleware.Execution;

/// <summary>
/// Runs callbacks on several threads (rclcpp MultiThreadedExecutor). An entity never runs on two threads at once,
/// and callbacks of one mutually exclusive group never overlap.
/// </summary>
public sealed class MultiThreadedExecutor(int threads = 2) : Executor
{
    public int ThreadCount { get; } = threads > 0 ? threads : throw new ArgumentOutOfRangeException(nameof(threads), threads, "need at least one thread");

    public override void Spin(CancellationToken cancellationToken)
    {
        var workers = new Thread[ThreadCount - 1];
        for (var i = 0; i < workers.Length; i++)
        {
            workers[i] = new Thread(() => Loop(cancellationToken)) { IsBackground = true, Name = $"executor-{i + 1}" };
            workers[i].Start();
        }

        Loop(cancellationToken);
        foreach (var worker in workers)
        {
            worker.Join();
        }
    }

    private void Loop(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            Signal.PrepareWait();
            if (!RunReady())
            {
                Signal.Wait(TimeSpan.FromMilliseconds(100), cancellationToken);
            }
        }
    }
}
