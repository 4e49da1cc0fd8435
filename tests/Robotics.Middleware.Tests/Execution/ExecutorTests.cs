using Robotics.Middleware.Execution;
using Robotics.Middleware.Qos;
using Robotics.Middleware.Tests.TestSupport;
using Int32Message = Robotics.Messages.StdMsgs.Int32;

namespace Robotics.Middleware.Tests.Execution;

/// <summary>Executors: spinning and stopping, callback groups on several threads, and callbacks that throw.</summary>
public sealed class ExecutorTests : IDisposable
{
    private readonly RosTestEnvironment _env = new();

    [Fact]
    public async Task SingleThreadedExecutor_SpinOnABackgroundThread_RunsCallbacksAndStopsOnCancellation()
    {
        var node = _env.Context.CreateNode("background");
        using var received = new ManualResetEventSlim(false);
        var callbackThread = -1;
        node.CreateSubscription<Int32Message>("/numbers", _ =>
        {
            callbackThread = Environment.CurrentManagedThreadId;
            received.Set();
        });
        var publisher = node.CreatePublisher<Int32Message>("/numbers");
        using var executor = new SingleThreadedExecutor();
        executor.Add(node);
        using var stop = new CancellationTokenSource();
        var spinning = Task.Run(() => executor.Spin(stop.Token));

        publisher.Publish(new Int32Message { Data = 1 });

        Assert.True(received.Wait(Eventually.Timeout), "the spinning executor never ran the callback");
        Assert.NotEqual(Environment.CurrentManagedThreadId, callbackThread);
        await stop.CancelAsync();
        await spinning.WaitAsync(Eventually.Timeout);
    }

    [Fact]
    public async Task MultiThreadedExecutor_ReentrantGroup_RunsItsCallbacksConcurrently()
    {
        var node = _env.Context.CreateNode("reentrant");
        var group = new CallbackGroup(reentrant: true);
        var running = 0;
        var maxRunning = 0;
        var arrived = 0;
        var done = 0;
        void Overlap(Int32Message message)
        {
            InterlockedMax(ref maxRunning, Interlocked.Increment(ref running));
            Interlocked.Increment(ref arrived);

            // Deliberately slow: waits (bounded) until the other callback has started too, which only a concurrent run allows.
            SpinWait.SpinUntil(() => Volatile.Read(ref arrived) >= 2, Eventually.Timeout);
            Interlocked.Decrement(ref running);
            Interlocked.Increment(ref done);
        }

        node.CreateSubscription<Int32Message>("/a", Overlap, group: group);
        node.CreateSubscription<Int32Message>("/b", Overlap, group: group);
        node.CreatePublisher<Int32Message>("/a").Publish(new Int32Message());
        node.CreatePublisher<Int32Message>("/b").Publish(new Int32Message());

        await SpinMultiThreadedUntil(node, () => Volatile.Read(ref done) == 2);

        Assert.Equal(2, maxRunning);
    }

    [Fact]
    public async Task MultiThreadedExecutor_MutuallyExclusiveGroup_NeverRunsTwoCallbacksAtOnce()
    {
        var node = _env.Context.CreateNode("exclusive");
        var group = new CallbackGroup(reentrant: false);
        var running = 0;
        var maxRunning = 0;
        var done = 0;
        void Serial(Int32Message message)
        {
            InterlockedMax(ref maxRunning, Interlocked.Increment(ref running));
            Thread.Sleep(1); // deliberately slow, so an overlap would be seen
            Interlocked.Decrement(ref running);
            Interlocked.Increment(ref done);
        }

        var topics = new[] { "/x", "/y", "/z" };
        foreach (var topic in topics)
        {
            node.CreateSubscription<Int32Message>(topic, Serial, new QosProfile(100), group);
        }

        foreach (var topic in topics)
        {
            var publisher = node.CreatePublisher<Int32Message>(topic, new QosProfile(100));
            for (var i = 0; i < 20; i++)
            {
                publisher.Publish(new Int32Message { Data = i });
            }
        }

        await SpinMultiThreadedUntil(node, () => Volatile.Read(ref done) == 60, threads: 4);

        Assert.Equal(1, maxRunning);
    }

    [Fact]
    public void ThrowingCallback_IsCountedAndReportedWhileSpinningContinues()
    {
        _env.ExpectErrors();
        var node = _env.CreateNode("fragile");
        var failures = new List<(Executable Entity, Exception Error)>();
        _env.Executor.CallbackFailed += (entity, error) => failures.Add((entity, error));
        var handled = new List<int>();
        node.CreateSubscription<Int32Message>("/fragile", m =>
        {
            if (m.Data < 0)
            {
                throw new InvalidOperationException("negative sample");
            }

            handled.Add(m.Data);
        });
        var publisher = node.CreatePublisher<Int32Message>("/fragile");

        publisher.Publish(new Int32Message { Data = -1 });
        publisher.Publish(new Int32Message { Data = 1 });
        publisher.Publish(new Int32Message { Data = -2 });
        publisher.Publish(new Int32Message { Data = 2 });
        _env.SpinUntil(() => handled.Count == 2, "the good samples after the failures were handled");

        Assert.Equal([1, 2], handled);
        Assert.Equal(2, _env.Executor.CallbackErrors);
        Assert.Equal(2, failures.Count);
        Assert.IsType<InvalidOperationException>(failures[0].Error);
        Assert.Contains("/fragile", failures[0].Entity.Description, StringComparison.Ordinal);
    }

    [Fact]
    public void Add_NodeAlreadyInAnotherExecutor_ThrowsInvalidOperation()
    {
        var node = _env.CreateNode("owned");
        using var other = new SingleThreadedExecutor();

        var error = Assert.Throws<InvalidOperationException>(() => other.Add(node));

        Assert.Contains("/owned", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Remove_FromAnExecutorTheNodeIsNotIn_LeavesItOwnedByItsExecutor()
    {
        var node = _env.CreateNode("owned");
        using var stranger = new SingleThreadedExecutor();
        using var third = new SingleThreadedExecutor();

        stranger.Remove(node);

        Assert.Throws<InvalidOperationException>(() => third.Add(node));
    }

    [Fact]
    public void SpinUntil_ConditionNeverTrue_ReturnsFalseAfterTheTimeout()
    {
        _env.CreateNode("idle");

        Assert.False(_env.Executor.SpinUntil(() => false, TimeSpan.FromMilliseconds(30)));
    }

    public void Dispose()
    {
        _env.Dispose();
        _env.AssertClean();
    }

    private static void InterlockedMax(ref int target, int value)
    {
        var seen = Volatile.Read(ref target);
        while (value > seen)
        {
            var previous = Interlocked.CompareExchange(ref target, value, seen);
            if (previous == seen)
            {
                return;
            }

            seen = previous;
        }
    }

    private static async Task SpinMultiThreadedUntil(Node node, Func<bool> condition, int threads = 2)
    {
        using var executor = new MultiThreadedExecutor(threads);
        var failures = 0;
        executor.CallbackFailed += (_, _) => Interlocked.Increment(ref failures);
        executor.Add(node);
        using var stop = new CancellationTokenSource();
        var spinning = Task.Factory.StartNew(() => executor.Spin(stop.Token), CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        try
        {
            Eventually.True(condition, "the multi-threaded executor ran the callbacks");
        }
        finally
        {
            await stop.CancelAsync();
            await spinning.WaitAsync(Eventually.Timeout);
            executor.Remove(node);
        }

        Assert.Equal(0, failures);
    }
}
