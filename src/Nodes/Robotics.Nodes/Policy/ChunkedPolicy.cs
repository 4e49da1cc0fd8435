using System.Diagnostics;
using Robotics.Messages.RoboticsMsgs;
using Robotics.Messages.SensorMsgs;
using Robotics.Messages.StdMsgs;
using Robotics.Middleware;
using Robotics.Middleware.Parameters;
using Robotics.Middleware.Time;
using Robotics.Middleware.Topics;
using Robotics.Policies.Chunking;
using Robotics.Policies.Contract;
using Robotics.Policies.Inference;

namespace Robotics.Nodes.Policy;

/// <summary>
/// A learned policy served at its control rate on a node's behalf — what <see cref="PolicyNode"/> sends and what the
/// residual policy node adds its residual to. It declares the policy's parameters on the node (<c>policy</c>,
/// <c>mode</c>, …), builds the observation from <c>joint_states</c> (and <c>observation/environment_state</c>, camera
/// topics, the task text), runs the model when the chunk scheduler asks and hands out exactly the action meant for a
/// tick. Publishes <c>policy/chunk</c> and <c>policy/status</c>. Every method runs on the node's (mutually exclusive)
/// callbacks; async runs go to an <see cref="InferenceThread"/>, never the thread pool.
/// </summary>
internal sealed class ChunkedPolicy : IDisposable
{
    private readonly Node _node;
    private readonly IPolicyModel _model;
    private readonly PolicyRunner _runner;
    private readonly Publisher<ActionChunk> _chunks;
    private readonly Publisher<PolicyStatus> _status;
    private readonly long[] _stampOfTick;
    private readonly Image?[] _images;
    private readonly string _task;
    private readonly string _mode;
    private readonly double _ratePerNs;
    private readonly Lock _gate = new();
    private readonly InferenceThread? _inference;
    private long _startNs = -1;
    private long _lastTick = -1;
    private double _latencyMs;
    private long _rejected;
    private long _ticks;
    private volatile bool _running;
    private bool _wasRunning;
    private (long ObservationTick, float[] Chunk)? _arrived;

    /// <param name="sidecarParameter">The parameter naming the sidecar: <c>policy</c>, or <c>base_policy</c> under a residual.</param>
    public ChunkedPolicy(Node node, PolicyNode.PolicyModelLoader? loader, string sidecarParameter = "policy")
    {
        ArgumentNullException.ThrowIfNull(node);
        _node = node;
        var name = node.FullyQualifiedName;
        var parameters = node.Parameters;
        var read = new ParameterDescriptor { ReadOnly = true };
        var sidecar = parameters.Declare(sidecarParameter, string.Empty, read with { Description = "the policy's sidecar (policy.json beside policy.onnx)" });
        var provider = parameters.Declare("execution_provider", "auto", read with { Description = "auto, cpu, cuda or tensorrt (auto: a GPU when its libraries load, else CPU)" });
        _mode = parameters.Declare("mode", "sync", read with { Description = "sync (n actions open-loop, then query), ensemble (ACT temporal ensembling), async (query at g·H, merge)" });
        var executeSteps = parameters.Declare("execute_steps", 0L, read with { Description = "sync: actions executed per chunk (0: the whole chunk)" });
        var decay = parameters.Declare("ensemble_decay", 0.01, read with { Description = "ensemble: m in exp(-m·i), i = 0 the oldest chunk (ACT)" });
        var threshold = parameters.Declare("async_threshold", 0.5, read with { Description = "async: request the next chunk when g·H actions are left" });
        var merge = parameters.Declare("async_merge", "blend", read with { Description = "async: blend (0.3·old + 0.7·new) or latest" });
        _task = parameters.Declare("task", string.Empty, read with { Description = "the task instruction, for policies that take language" });
        var candidates = parameters.Declare("candidates", 0L, read with { Description = "test-time action selection: N candidate chunks scored by the critic, the best executed (0: off)" });
        var critic = parameters.Declare("critic", string.Empty, read with { Description = "critic/reward ONNX model scoring candidates: critic.input [N, F + H·A] → score [N, 1]" });
        var candidateNoise = parameters.Declare("candidate_noise", 0.05, read with { Description = "std of the Gaussian noise making candidates, in normalized action units" });
        var robotJoints = parameters.Declare("robot_joints", Array.Empty<string>(), read with { Description = "the robot's joints, to check the policy against (empty: trust the sidecar)" });
        if (string.IsNullOrWhiteSpace(sidecar))
        {
            throw new PolicyLoadException($"{name}: set the {sidecarParameter} parameter to a policy.json (robotics train bc writes one)");
        }

        Spec = PolicySpec.Load(sidecar);
        var load = loader ?? throw new InvalidOperationException("no policy model loader: the composition root (robotics) registers ONNX Runtime");
        _model = load(Spec.ModelPath(sidecar), provider);
        try
        {
            PolicyValidation.Check(Spec, _model.Signature, robotJoints.Length > 0 ? robotJoints : [.. Spec.JointNames], sidecar);
            var tokenizer = Spec.Language is { InputIds: not null, Tokenizer: { } file } language
                ? Policies.Text.TokenizerTaskEncoder.Load(Path.Combine(Path.GetDirectoryName(Path.GetFullPath(sidecar)) ?? ".", file), language.MaxLength)
                : null;
            _runner = new PolicyRunner(Spec, _model, 1, tokenizer);
            if (candidates > 1)
            {
                if (string.IsNullOrWhiteSpace(critic))
                {
                    throw new PolicyLoadException($"{name}: candidates:={candidates} needs a critic model (critic:=path.onnx)");
                }

                _runner.Steering = new CandidateSteering(load(critic, provider), Spec.State.Features.Count, Spec.ChunkLength * Spec.JointNames.Count, (int)candidates, candidateNoise, seed: 1);
                node.Logger.Info($"test-time action selection: best of {candidates} candidates by {Path.GetFileName(critic)}");
            }

            var chunkOptions = new ChunkSchedulerOptions(Spec.JointNames.Count, Spec.ChunkLength, ParseMode(_mode))
            {
                ExecuteSteps = executeSteps > 0 ? (int)executeSteps : null,
                EnsembleDecay = decay,
                AsyncThreshold = threshold,
                AsyncMerge = merge == "latest" ? ChunkMerge.LatestOnly : merge == "blend" ? ChunkMerge.Blend : throw new PolicyLoadException($"async_merge '{merge}' is not blend or latest"),
                ControlRateHz = Spec.ControlRateHz,
            };
            if (chunkOptions.Validate() is { Count: > 0 } errors)
            {
                throw new PolicyLoadException($"{name}: {string.Join("; ", errors)}");
            }

            Scheduler = new ChunkScheduler(chunkOptions);

            // The first run of a session initializes ONNX Runtime's kernels and our JIT (hundreds of ms here): pay it
            // now, not on the first tick under the supervisor, where it would starve the command watchdog.
            try
            {
                _runner.Run();
            }
            catch (PolicyRunException)
            {
                // Judged per tick, where a bad chunk is discarded and counted.
            }
        }
        catch
        {
            _runner?.Steering?.Dispose();
            _runner?.Dispose();
            _model.Dispose();
            (_runner, _model) = (null!, null!); // the node's Dispose still disposes this: nothing twice
            throw;
        }

        Joints = [.. Spec.JointNames];
        _stampOfTick = new long[Math.Max(64, 4 * Spec.ChunkLength)];
        _ratePerNs = Spec.ControlRateHz / 1e9;
        Observation = new PolicyObservation(Spec);
        _chunks = node.CreatePublisher<ActionChunk>("policy/chunk");
        _status = node.CreatePublisher<PolicyStatus>("policy/status");
        // Sensor data is best effort (the supervisor publishes joint_states so); a reliable reader would not match it.
        node.CreateSubscription<JointState>("joint_states", Observation.Update, Middleware.Qos.QosProfile.SensorData);
        _images = new Image?[Spec.Images.Count];
        for (var i = 0; i < _images.Length; i++)
        {
            var index = i;
            node.CreateSubscription<Image>(Spec.Images[i].Topic, image => Volatile.Write(ref _images[index], image), Middleware.Qos.QosProfile.SensorData);
        }

        if (Observation.UsesEnvironment)
        {
            node.CreateSubscription<StateVector>("observation/environment_state", Observation.Update);
        }

        node.CreateSubscription<SupervisorStatus>("supervisor/status", status => _running = status.State == SupervisorStatus.STATE_RUNNING);
        _inference = Scheduler.Options.Mode == ChunkMode.Async ? new InferenceThread($"inference {name}", e => node.Logger.Error($"the model's run failed: {e}")) : null;
        node.Logger.Info($"policy {Spec.PolicyId}: {Spec.ChunkLength}×{Joints.Length} chunks at {Spec.ControlRateHz} Hz, mode {_mode}, on {_model.ExecutionProvider}");
        if (Scheduler.Options.Mode == ChunkMode.Async)
        {
            node.Logger.Info($"async latency budget {Scheduler.Options.AsyncLatencyBudget.TotalMilliseconds:0.#} ms (the actions left at the threshold, at {Spec.ControlRateHz} Hz): slower inference runs the queue dry");
        }
    }

    public PolicySpec Spec { get; }

    /// <summary>The joints the policy commands, in action order.</summary>
    public string[] Joints { get; }

    public ChunkScheduler Scheduler { get; }

    public PolicyObservation Observation { get; }

    public long RejectedChunks => Interlocked.Read(ref _rejected);

    /// <summary>The supervisor's last status said RUNNING.</summary>
    public bool SupervisorRunning => _running;

    /// <summary>Every feature and camera has a value: the model can run.</summary>
    public bool Ready => Observation.Complete && !Array.Exists(_images, image => image is null);

    /// <summary>
    /// The tick index for <paramref name="nowNs"/>, from time, not from counting callbacks: a late timer skips ticks,
    /// and the actions meant for skipped ticks are dropped rather than executed late. False when it is not a new tick.
    /// </summary>
    public bool TryBeginTick(long nowNs, out long tick)
    {
        if (_startNs < 0)
        {
            _startNs = nowNs;
        }

        tick = (long)Math.Floor((nowNs - _startNs) * _ratePerNs);
        if (tick <= _lastTick)
        {
            return false;
        }

        _lastTick = tick;
        _ticks++;
        MergeArrived(tick);
        return true;
    }

    /// <summary>
    /// The action for <paramref name="tick"/> in joint units, running the model when the scheduler asks; false on a dry
    /// tick (nothing to send: an old action is never replayed). <paramref name="observationStampNs"/> is the stamp of
    /// the observation behind the action, which the supervisor refuses when too old.
    /// </summary>
    public bool TryTakeAction(long tick, Span<float> action, out long observationStampNs)
    {
        _wasRunning = true;
        _stampOfTick[tick % _stampOfTick.Length] = Observation.StampNs;
        // A run still going (its request cancelled by a HOLD) keeps the runner's inputs: the next request waits for it.
        if (Scheduler.NeedsInference(tick) && _inference?.Busy != true)
        {
            Infer(tick);
        }

        MergeArrived(tick);
        var taken = Scheduler.TryTake(tick, action, out var observationTick);
        observationStampNs = taken ? _stampOfTick[observationTick % _stampOfTick.Length] : -1;
        return taken;
    }

    /// <summary>
    /// Not running (armed, held, stopped): the policy's chunks would be stale when START comes, so they are dropped and
    /// the next run starts from fresh chunks.
    /// </summary>
    public void Pause()
    {
        if (_wasRunning)
        {
            _wasRunning = false;
            Scheduler.CancelRequest();
            Scheduler.Reset();
        }
    }

    public void PublishStatus(long tick, long nowNs, bool commanded, long ageNs) => _status.Publish(new PolicyStatus
    {
        Header = new Header { Stamp = RosTime.ToMessage(nowNs), FrameId = string.Empty },
        PolicyId = Spec.PolicyId,
        ExecutionProvider = _model.ExecutionProvider,
        Mode = _mode,
        InferenceLatencyMs = _latencyMs,
        QueueDepth = (uint)Scheduler.Depth(tick),
        ObservationAgeMs = ageNs < 0 ? -1 : ageNs / 1e6,
        Commanded = commanded,
        Ticks = (ulong)_ticks,
        Chunks = (ulong)Scheduler.ChunksAdded,
        DryTicks = (ulong)Scheduler.DryTicks,
        RejectedChunks = (ulong)RejectedChunks,
        LateActions = (ulong)Scheduler.DroppedLateActions,
    });

    public void Dispose()
    {
        // A constructor that threw leaves these unset.
        _inference?.Dispose();
        if (_inference?.Busy == true)
        {
            // A run still going after the 5 s wait: freeing the model under it could crash native code. Leak it instead;
            // the process is shutting the node down anyway.
            return;
        }

        _runner?.Steering?.Dispose();
        _runner?.Dispose();
        _model?.Dispose();
    }

    private static ChunkMode ParseMode(string mode) => mode switch
    {
        "sync" => ChunkMode.Sync,
        "ensemble" => ChunkMode.Ensemble,
        "async" => ChunkMode.Async,
        _ => throw new PolicyLoadException($"mode '{mode}' is not sync, ensemble or async"),
    };

    private void Infer(long tick)
    {
        try
        {
            _runner.SetState(0, Observation.Values);
            for (var i = 0; i < _images.Length; i++)
            {
                // The latest frame of each camera, resized and normalized as the sidecar says (LEARNING.md §1).
                var image = Volatile.Read(ref _images[i])!;
                _runner.SetImage(0, i, new ImageFrame(image.Data, (int)image.Width, (int)image.Height, (int)image.Step, ImageFrame.ParseEncoding(image.Encoding)));
            }

            if (Spec.Language is not null && _task.Length > 0)
            {
                _runner.SetTask(0, _task);
            }
        }
        catch (ArgumentException e)
        {
            // A malformed frame or an unknown task: no inference on it, nothing is sent for it (a dry tick).
            Interlocked.Increment(ref _rejected);
            _node.Logger.Warn($"observation refused: {e.Message}");
            return;
        }

        Scheduler.MarkRequested(tick);
        if (Scheduler.Options.Mode != ChunkMode.Async)
        {
            RunModel(tick);
            return;
        }

        // Async: the model runs beside the control rate; its chunk is merged by a later tick.
        _inference!.Start(() => RunModel(tick));
    }

    private void RunModel(long observationTick)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            _runner.Run();
            var chunk = _runner.Chunk(0).ToArray();
            lock (_gate)
            {
                _arrived = (observationTick, chunk);
            }
        }
        catch (PolicyRunException e)
        {
            Interlocked.Increment(ref _rejected);
            _node.Logger.Warn($"{e.Message} (nothing is sent for the ticks it would have covered)");
            lock (_gate)
            {
                _arrived = (observationTick, []);
            }
        }
        finally
        {
            _latencyMs = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        }
    }

    private void MergeArrived(long tick)
    {
        (long ObservationTick, float[] Chunk)? arrived;
        lock (_gate)
        {
            (arrived, _arrived) = (_arrived, null);
        }

        if (arrived is not { } result)
        {
            return;
        }

        if (result.Chunk.Length == 0)
        {
            Scheduler.CancelRequest();
            return;
        }

        Scheduler.AddChunk(result.ObservationTick, result.Chunk, tick);
        _chunks.Publish(new ActionChunk
        {
            Header = new Header { Stamp = _node.Now(), FrameId = string.Empty },
            ObservationStamp = RosTime.ToMessage(_stampOfTick[result.ObservationTick % _stampOfTick.Length]),
            Sequence = (ulong)Scheduler.ChunksAdded,
            JointNames = Joints,
            Horizon = (uint)Spec.ChunkLength,
            ActionDim = (uint)Joints.Length,
            Actions = result.Chunk,
            ControlRateHz = Spec.ControlRateHz,
            PolicyId = Spec.PolicyId,
        });
    }
}
