namespace Robotics.Middleware.Execution;

/// <summary>Runs every callback on the thread that calls <see cref="Spin"/> (rclcpp SingleThreadedExecutor).</summary>
public sealed class SingleThreadedExecutor : Executor
{
    public override void Spin(CancellationToken cancellationToken)
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
