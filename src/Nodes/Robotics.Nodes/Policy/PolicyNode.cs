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
/// Runs a learned policy (<c>policy</c>): at the sidecar's control rate it builds the observation from
/// <c>joint_states</c> (and <c>observation/environment_state</c>, camera topics, the task text), runs the model
/// when the chunk scheduler asks (<c>mode</c>: sync, ensemble, async), and sends exactly the action meant for this
/// tick to the supervisor as a <c>cmd/request</c> (source policy, the observation's stamp). A tick with no action
/// sends nothing (the supervisor's command watchdog holds the robot) — an old action is never replayed. NaN output
/// or a failed run discards the chunk. While the supervisor is not RUNNING the policy does not run: the node asks
/// to hold where the arm is (what START requires of a first command) and starts from fresh chunks. Publishes <c>policy/chunk</c> and <c>policy/status</c> (latency, queue
/// depth, observation age).
/// </summary>
public sealed class PolicyNode : Node
{
    private readonly PolicySpec _spec;
    private readonly IPolicyModel _model;
    private readonly PolicyRunner _runner;
    private readonly ChunkScheduler _scheduler;
    private readonly PolicyObservation _observation;
    private readonly Publisher<CommandRequest> _commands;
    private readonly Publisher<ActionChunk> _chunks;
    private readonly Publisher<PolicyStatus> _status;
    private readonly string[] _joints;
    private readonly float[] _action;
    private readonly long[] _stampOfTick;
    private readonly Image?[] _images;
    private readonly string _task;
    private readonly string _mode;
    private readonly double _ratePerNs;
    private readonly Lock _gate = new();
    private readonly InferenceThread? _inference;
    private long _startNs = -1;
    private long _lastTick = -1;
    private ulong _sequence;
    private double _latencyMs;
    private long _rejected;
    private long _ticks;
    private volatile bool _running;
    private bool _wasRunning;
    private (long ObservationTick, float[] Chunk)? _arrived;

    public PolicyNode(RosContext context, string name, NodeOptions? options, PolicyModelLoader? loader)
        : base(context, name, options)
    {
        var read = new ParameterDescriptor { ReadOnly = true };
        var sidecar = Parameters.Declare("policy", string.Empty, read with { Description = "the policy's sidecar (policy.json beside policy.onnx)" });
        var provider = Parameters.Declare("execution_provider", "auto", read with { Description = "auto, cpu, cuda or tensorrt (auto: a GPU when its libraries load, else CPU)" });
        _mode = Parameters.Declare("mode", "sync", read with { Description = "sync (n actions open-loop, then query), ensemble (ACT temporal ensembling), async (query at g·H, merge)" });
        var executeSteps = Parameters.Declare("execute_steps", 0L, read with { Description = "sync: actions executed per chunk (0: the whole chunk)" });
        var decay = Parameters.Declare("ensemble_decay", 0.01, read with { Description = "ensemble: m in exp(-m·i), i = 0 the oldest chunk (ACT)" });
        var threshold = Parameters.Declare("async_threshold", 0.5, read with { Description = "async: request the next chunk when g·H actions are left" });
        var merge = Parameters.Declare("async_merge", "blend", read with { Description = "async: blend (0.3·old + 0.7·new) or latest" });
        _task = Parameters.Declare("task", string.Empty, read with { Description = "the task instruction, for policies that take language" });
        var candidates = Parameters.Declare("candidates", 0L, read with { Description = "test-time action selection: N candidate chunks scored by the critic, the best executed (0: off)" });
        var critic = Parameters.Declare("critic", string.Empty, read with { Description = "critic/reward ONNX model scoring candidates: critic.input [N, F + H·A] → score [N, 1]" });
        var candidateNoise = Parameters.Declare("candidate_noise", 0.05, read with { Description = "std of the Gaussian noise making candidates, in normalized action units" });
        var robotJoints = Parameters.Declare("robot_joints", Array.Empty<string>(), read with { Description = "the robot's joints, to check the policy against (empty: trust the sidecar)" });
        if (string.IsNullOrWhiteSpace(sidecar))
        {
            throw new PolicyLoadException($"{FullyQualifiedName}: set the policy parameter to a policy.json (robotics train bc writes one)");
        }

        _spec = PolicySpec.Load(sidecar);
        var load = loader ?? throw new InvalidOperationException("no policy model loader: the composition root (robotics) registers ONNX Runtime");
        _model = load(_spec.ModelPath(sidecar), provider);
        try
        {
            PolicyValidation.Check(_spec, _model.Signature, robotJoints.Length > 0 ? robotJoints : [.. _spec.JointNames], sidecar);
            var tokenizer = _spec.Language is { InputIds: not null, Tokenizer: { } file } language
                ? Policies.Text.TokenizerTaskEncoder.Load(Path.Combine(Path.GetDirectoryName(Path.GetFullPath(sidecar)) ?? ".", file), language.MaxLength)
                : null;
            _runner = new PolicyRunner(_spec, _model, 1, tokenizer);
            if (candidates > 1)
            {
                if (string.IsNullOrWhiteSpace(critic))
                {
                    throw new PolicyLoadException($"{FullyQualifiedName}: candidates:={candidates} needs a critic model (critic:=path.onnx)");
                }

                _runner.Steering = new CandidateSteering(load(critic, provider), _spec.State.Features.Count, _spec.ChunkLength * _spec.JointNames.Count, (int)candidates, candidateNoise, seed: 1);
                Logger.Info($"test-time action selection: best of {candidates} candidates by {Path.GetFileName(critic)}");
            }

            var chunkOptions = new ChunkSchedulerOptions(_spec.JointNames.Count, _spec.ChunkLength, ParseMode(_mode))
            {
                ExecuteSteps = executeSteps > 0 ? (int)executeSteps : null,
                EnsembleDecay = decay,
                AsyncThreshold = threshold,
                AsyncMerge = merge == "latest" ? ChunkMerge.LatestOnly : merge == "blend" ? ChunkMerge.Blend : throw new PolicyLoadException($"async_merge '{merge}' is not blend or latest"),
                ControlRateHz = _spec.ControlRateHz,
            };
            if (chunkOptions.Validate() is { Count: > 0 } errors)
            {
                throw new PolicyLoadException($"{FullyQualifiedName}: {string.Join("; ", errors)}");
            }

            _scheduler = new ChunkScheduler(chunkOptions);

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
            (_runner, _model) = (null!, null!); // the context still disposes the node: nothing twice
            throw;
        }

        _joints = [.. _spec.JointNames];
        _action = new float[_joints.Length];
        _stampOfTick = new long[Math.Max(64, 4 * _spec.ChunkLength)];
        _ratePerNs = _spec.ControlRateHz / 1e9;
        _observation = new PolicyObservation(_spec);
        _commands = CreatePublisher<CommandRequest>("cmd/request");
        _chunks = CreatePublisher<ActionChunk>("policy/chunk");
        _status = CreatePublisher<PolicyStatus>("policy/status");
        // Sensor data is best effort (the supervisor publishes joint_states so); a reliable reader would not match it.
        CreateSubscription<JointState>("joint_states", _observation.Update, Middleware.Qos.QosProfile.SensorData);
        _images = new Image?[_spec.Images.Count];
        for (var i = 0; i < _images.Length; i++)
        {
            var index = i;
            CreateSubscription<Image>(_spec.Images[i].Topic, image => Volatile.Write(ref _images[index], image), Middleware.Qos.QosProfile.SensorData);
        }

        if (_observation.UsesEnvironment)
        {
            CreateSubscription<StateVector>("observation/environment_state", _observation.Update);
        }

        CreateSubscription<SupervisorStatus>("supervisor/status", status => _running = status.State == SupervisorStatus.STATE_RUNNING);
        _inference = _scheduler.Options.Mode == ChunkMode.Async ? new InferenceThread($"inference {FullyQualifiedName}", e => Logger.Error($"the model's run failed: {e}")) : null;
        CreateTimer(TimeSpan.FromSeconds(1 / _spec.ControlRateHz), Tick);
        Logger.Info($"policy {_spec.PolicyId}: {_spec.ChunkLength}×{_joints.Length} chunks at {_spec.ControlRateHz} Hz, mode {_mode}, on {_model.ExecutionProvider}");
        if (_scheduler.Options.Mode == ChunkMode.Async)
        {
            Logger.Info($"async latency budget {_scheduler.Options.AsyncLatencyBudget.TotalMilliseconds:0.#} ms (the actions left at the threshold, at {_spec.ControlRateHz} Hz): slower inference runs the queue dry");
        }
    }

    /// <summary>Opens the model file of a policy on the given execution provider (the composition root supplies ONNX Runtime).</summary>
    public delegate IPolicyModel PolicyModelLoader(string modelPath, string executionProvider);

    public ChunkScheduler Scheduler => _scheduler;

    public long RejectedChunks => Interlocked.Read(ref _rejected);

    /// <summary>The node's latest observation (the benchmark feeds it directly, without an executor).</summary>
    internal PolicyObservation Observation => _observation;

    /// <summary>One control tick now, as the timer runs it (the benchmark's handle on the node's whole tick).</summary>
    internal void TickNow() => Tick();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            // A constructor that threw leaves these unset (the context still disposes the node).
            _inference?.Dispose();
            _runner?.Steering?.Dispose();
            _runner?.Dispose();
            _model?.Dispose();
        }

        base.Dispose(disposing);
    }

    private static double[] Widen(float[] values)
    {
        var wide = new double[values.Length];
        for (var i = 0; i < values.Length; i++)
        {
            wide[i] = values[i];
        }

        return wide;
    }

    private static ChunkMode ParseMode(string mode) => mode switch
    {
        "sync" => ChunkMode.Sync,
        "ensemble" => ChunkMode.Ensemble,
        "async" => ChunkMode.Async,
        _ => throw new PolicyLoadException($"mode '{mode}' is not sync, ensemble or async"),
    };

    private void Tick()
    {
        var nowNs = RosTime.NowNanoseconds(Clock);
        if (_startNs < 0)
        {
            _startNs = nowNs;
        }

        // The tick index comes from time, not from counting callbacks: a late timer skips ticks, and the actions
        // meant for skipped ticks are dropped rather than executed late.
        var tick = (long)Math.Floor((nowNs - _startNs) * _ratePerNs);
        if (tick <= _lastTick)
        {
            return;
        }

        _lastTick = tick;
        _ticks++;
        MergeArrived(tick);
        if (!_observation.Complete || Array.Exists(_images, image => image is null))
        {
            Publish(tick, nowNs, commanded: false, -1);
            return;
        }

        if (!_running)
        {
            HoldWhereTheArmIs(tick, nowNs);
            return;
        }

        _wasRunning = true;
        _stampOfTick[tick % _stampOfTick.Length] = _observation.StampNs;
        // A run still going (its request cancelled by a HOLD) keeps the runner's inputs: the next request waits for it.
        if (_scheduler.NeedsInference(tick) && _inference?.Busy != true)
        {
            Infer(tick);
        }

        MergeArrived(tick);
        var commanded = _scheduler.TryTake(tick, _action, out var observationTick);
        var ageNs = -1L;
        if (commanded)
        {
            // The stamp is that of the observation behind the action: the supervisor refuses it when too old.
            var stampNs = _stampOfTick[observationTick % _stampOfTick.Length];
            ageNs = nowNs - stampNs;
            _commands.Publish(new CommandRequest
            {
                Header = new Header { Stamp = RosTime.ToMessage(nowNs), FrameId = string.Empty },
                Source = CommandRequest.SOURCE_POLICY,
                SourceId = FullyQualifiedName,
                ObservationStamp = RosTime.ToMessage(stampNs),
                Sequence = ++_sequence,
                JointNames = _joints,
                BasePosition = Widen(_action),
            });
        }

        Publish(tick, nowNs, commanded, ageNs);
    }

    // Not running (armed, held, stopped): the policy's chunks would be stale when START comes, so they are dropped,
    // and the request is "stay here" — within the step cap START checks, from the latest measured position.
    private void HoldWhereTheArmIs(long tick, long nowNs)
    {
        if (_wasRunning)
        {
            _wasRunning = false;
            _scheduler.CancelRequest();
            _scheduler.Reset();
        }

        if (!_observation.TryMeasured(out var measured))
        {
            Publish(tick, nowNs, commanded: false, -1);
            return;
        }

        _commands.Publish(new CommandRequest
        {
            Header = new Header { Stamp = RosTime.ToMessage(nowNs), FrameId = string.Empty },
            Source = CommandRequest.SOURCE_POLICY,
            SourceId = FullyQualifiedName,
            ObservationStamp = RosTime.ToMessage(_observation.JointStampNs),
            Sequence = ++_sequence,
            JointNames = _joints,
            BasePosition = measured.ToArray(),
        });
        Publish(tick, nowNs, commanded: true, nowNs - _observation.JointStampNs);
    }

    private void Infer(long tick)
    {
        try
        {
            _runner.SetState(0, _observation.Values);
            for (var i = 0; i < _images.Length; i++)
            {
                // The latest frame of each camera, resized and normalized as the sidecar says (LEARNING.md §1).
                var image = Volatile.Read(ref _images[i])!;
                _runner.SetImage(0, i, new ImageFrame(image.Data, (int)image.Width, (int)image.Height, (int)image.Step, ImageFrame.ParseEncoding(image.Encoding)));
            }

            if (_spec.Language is not null && _task.Length > 0)
            {
                _runner.SetTask(0, _task);
            }
        }
        catch (ArgumentException e)
        {
            // A malformed frame or an unknown task: no inference on it, nothing is sent for it (a dry tick).
            Interlocked.Increment(ref _rejected);
            Logger.Warn($"observation refused: {e.Message}");
            return;
        }

        _scheduler.MarkRequested(tick);
        if (_scheduler.Options.Mode != ChunkMode.Async)
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
            Logger.Warn($"{e.Message} (nothing is sent for the ticks it would have covered)");
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
            _scheduler.CancelRequest();
            return;
        }

        _scheduler.AddChunk(result.ObservationTick, result.Chunk, tick);
        _chunks.Publish(new ActionChunk
        {
            Header = new Header { Stamp = Now(), FrameId = string.Empty },
            ObservationStamp = RosTime.ToMessage(_stampOfTick[result.ObservationTick % _stampOfTick.Length]),
            Sequence = (ulong)_scheduler.ChunksAdded,
            JointNames = _joints,
            Horizon = (uint)_spec.ChunkLength,
            ActionDim = (uint)_joints.Length,
            Actions = result.Chunk,
            ControlRateHz = _spec.ControlRateHz,
            PolicyId = _spec.PolicyId,
        });
    }

    private void Publish(long tick, long nowNs, bool commanded, long ageNs) => _status.Publish(new PolicyStatus
    {
        Header = new Header { Stamp = RosTime.ToMessage(nowNs), FrameId = string.Empty },
        PolicyId = _spec.PolicyId,
        ExecutionProvider = _model.ExecutionProvider,
        Mode = _mode,
        InferenceLatencyMs = _latencyMs,
        QueueDepth = (uint)_scheduler.Depth(tick),
        ObservationAgeMs = ageNs < 0 ? -1 : ageNs / 1e6,
        Commanded = commanded,
        Ticks = (ulong)_ticks,
        Chunks = (ulong)_scheduler.ChunksAdded,
        DryTicks = (ulong)_scheduler.DryTicks,
        RejectedChunks = (ulong)RejectedChunks,
        LateActions = (ulong)_scheduler.DroppedLateActions,
    });
}
