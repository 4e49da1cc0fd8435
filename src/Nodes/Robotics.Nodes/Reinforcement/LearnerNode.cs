using System.Collections.Concurrent;
using Robotics.Messages.RoboticsMsgs;
using Robotics.Messages.StdMsgs;
using Robotics.Middleware;
using Robotics.Middleware.Parameters;
using Robotics.Middleware.Topics;
using Robotics.Nodes.Execution;
using Robotics.Policies.Learning;
using Robotics.Policies.Reinforcement;

namespace Robotics.Nodes.Reinforcement;

/// <summary>
/// The learner side of residual RL over the graph (<c>learner</c>; LEARNING.md §3 "Split"): takes the actors' steps
/// from <c>residual/transitions</c> into the online replay buffer (human interventions also into the demonstration
/// buffer, flagged: HIL-SERL), runs <see cref="ResidualTd3"/> on a thread of its own — one learner step per step
/// received once <c>learning_starts</c> are stored, so the update-to-data ratio is the configured UTD — and publishes
/// the actor's weights on <c>residual/weights</c> every <c>publish_every</c> steps with increasing versions. The
/// executor only queues messages: it never waits for an update. With <c>checkpoint_dir</c> it writes the latest
/// checkpoint every <c>checkpoint_every</c> steps (and on exit) and resumes from it at start, versions and counters
/// continuing. Publishes <c>residual/learner_status</c>. Recorded steps (<see cref="TransitionLog"/>): <c>record_dir</c>
/// writes every batch received; <c>demos</c> loads a folder into the demonstration buffer (RLPD's symmetric sampling);
/// <c>offline_dataset</c> loads one as if an actor had just sent it, so the learner trains with no actor at all.
/// </summary>
public sealed class LearnerNode : Node
{
    private readonly ConcurrentQueue<TransitionBatch> _inbox = new();
    private readonly WakeSignal _wake = new();
    private readonly ResidualTd3 _td3;
    private readonly ReplayBuffer _online;
    private readonly ReplayBuffer _demos;
    private readonly SymmetricSampler _sampler;
    private readonly Publisher<PolicyWeights> _weights;
    private readonly Publisher<LearnerStatus> _status;
    private readonly Thread _thread;
    private readonly string _policyId;
    private readonly string _checkpointDir;
    private readonly int _learningStarts;
    private readonly long _publishEvery;
    private readonly long _checkpointEvery;
    private readonly bool _checkpointOnExit;
    private readonly TransitionRecorder? _recorder; // learner thread only
    private readonly string _demosDir;
    private readonly string _offlineDir;
    private readonly long _offlineSteps;
    private volatile bool _faulted;
    private long _steps;
    private ulong _version;
    private long _received;
    private long _rejected;
    private long _credits; // learner steps owed to the steps received (learner thread only)
    private long _checkpointedSteps;
    private float _criticLoss = float.NaN;
    private float _actorObjective = float.NaN;
    private int _onlineSize;
    private int _demoSize;

    public LearnerNode(RosContext context, string name, NodeOptions? options = null)
        : base(context, name, options)
    {
        var read = new ParameterDescriptor { ReadOnly = true };
        _policyId = Parameters.Declare("policy_id", "residual", read with { Description = "the policy whose actors feed this learner; stamped on the weights" });
        var (observationSize, actionSize) = Sizes(read);
        var hidden = Parameters.Declare("hidden", new long[] { 256, 256 }, read with { Description = "hidden widths of actor and critics (LayerNorm after each)" });
        var td3 = new ResidualTd3Options();
        var critics = Int("critics", Parameters.Declare("critics", (long)td3.Critics, read with { Description = "critic ensemble size (ResFiT 10; 2–4 on this CPU)" }), 1);
        try
        {
            td3 = td3 with
            {
                Alpha = (float)Parameters.Declare("alpha", (double)td3.Alpha, read with { Description = "residual bound α (ResFiT 0.1; 0.2 on hard tasks)" }),
                Hidden = [.. hidden.Select(h => Int("hidden", h, 1))],
                Critics = critics,
                TargetSubset = Math.Min(td3.TargetSubset, critics),
                BatchSize = Int("batch_size", Parameters.Declare("batch_size", (long)td3.BatchSize, read with { Description = "rows per update, half online and half demonstrations once there are any" }), 2),
                UpdatesPerStep = Int("utd", Parameters.Declare("utd", (long)td3.UpdatesPerStep, read with { Description = "critic updates per step received (UTD)" }), 1),
                ActorLearningRate = (float)Parameters.Declare("actor_lr", (double)td3.ActorLearningRate, read),
                CriticLearningRate = (float)Parameters.Declare("critic_lr", (double)td3.CriticLearningRate, read),
                CriticWarmupUpdates = Int("critic_warmup", Parameters.Declare("critic_warmup", (long)td3.CriticWarmupUpdates, read with { Description = "critic-only updates before the actor moves" }), 0),
                NStep = Int("n_step", Parameters.Declare("n_step", (long)td3.NStep, read), 1),
                Gamma = (float)Parameters.Declare("gamma", (double)td3.Gamma, read),
                Seed = (ulong)Parameters.Declare("seed", 1L, read),
            };
        }
        catch (ArgumentOutOfRangeException e)
        {
            throw new ArgumentException($"{FullyQualifiedName}: {e.Message}", e);
        }

        _learningStarts = Int("learning_starts", Parameters.Declare("learning_starts", 1000L, read with { Description = "stored steps before the first update" }), 1);
        _publishEvery = Int("publish_every", Parameters.Declare("publish_every", 100L, read with { Description = "learner steps between weight publications" }), 1);
        _checkpointDir = Parameters.Declare("checkpoint_dir", string.Empty, read with { Description = "where the latest checkpoint is written and resumed from (empty: none)" });
        _checkpointEvery = Int("checkpoint_every", Parameters.Declare("checkpoint_every", 1000L, read with { Description = "learner steps between checkpoints (0: only on exit)" }), 0);
        _checkpointOnExit = Parameters.Declare("checkpoint_on_exit", true, read with { Description = "write a checkpoint when the node stops" });
        var capacity = Int("buffer_capacity", Parameters.Declare("buffer_capacity", 100_000L, read with { Description = "online replay capacity (oldest steps go first)" }), 1);
        var demoCapacity = Int("demo_capacity", Parameters.Declare("demo_capacity", 20_000L, read with { Description = "capacity of the demonstration buffer that interventions join" }), 1);
        var recordDir = Parameters.Declare("record_dir", string.Empty, read with { Description = "folder where every batch received is also written (*.tbatch), to train from later with demos or offline_dataset (empty: none)" });
        _demosDir = Recording("demos", "loaded into the demonstration buffer at start: half of every batch (RLPD)", read);
        _offlineDir = Recording("offline_dataset", "loaded as if an actor had just sent them: the learner trains with no actor", read);
        _offlineSteps = Parameters.Declare("offline_steps", 0L, read with { Description = "learner steps on offline_dataset (0: one per loaded step past learning_starts, as online)" });

        var statusPeriod = Parameters.Declare("status_period_s", 1.0, read with { Description = "period of residual/learner_status" });
        if (!(statusPeriod > 0))
        {
            throw new ArgumentException($"{FullyQualifiedName}: status_period_s must be > 0, not {statusPeriod}");
        }

        _td3 = new ResidualTd3(observationSize, actionSize, td3);
        var stateSize = observationSize + actionSize;
        _online = new ReplayBuffer(capacity, stateSize, actionSize, td3.NStep, td3.Gamma);
        _demos = new ReplayBuffer(demoCapacity, stateSize, actionSize, td3.NStep, td3.Gamma);
        _sampler = new SymmetricSampler(_online, _demos);
        _weights = CreatePublisher<PolicyWeights>(ResidualTopics.Weights, ResidualTopics.WeightsQos);
        _status = CreatePublisher<LearnerStatus>(ResidualTopics.LearnerStatus);
        if (_checkpointDir.Length > 0 && LearnerCheckpoint.TryResume(_checkpointDir, _td3, out var progress))
        {
            (_steps, _version, _received, _checkpointedSteps) = (progress.Steps, progress.Version, progress.TransitionsReceived, progress.Steps);
            Logger.Info($"resumed from {_checkpointDir}: step {_steps}, {_td3.CriticUpdates} critic updates, weights version {_version}");
            PublishWeights(); // at once: actors that restarted, or kept older weights, get the resumed actor
        }

        _recorder = recordDir.Length > 0 ? new TransitionRecorder(recordDir, _policyId, Logger, Clock) : null;
        CreateSubscription<TransitionBatch>(ResidualTopics.Transitions, OnTransitions, ResidualTopics.TransitionsQos);
        CreateTimer(TimeSpan.FromSeconds(statusPeriod), PublishStatus);
        _thread = new Thread(Run) { IsBackground = true, Name = $"learner {FullyQualifiedName}", Priority = ThreadPriority.BelowNormal };
        _thread.Start();
        Logger.Info($"learner {_policyId}: {observationSize} observation + {actionSize} action values, hidden [{string.Join(", ", td3.Hidden)}], {td3.Critics} critics, batch {td3.BatchSize}, UTD {td3.UpdatesPerStep}; updates start at {_learningStarts} stored steps");
    }

    /// <summary>Learner steps done (each <c>utd</c> critic updates), counting those before a resume.</summary>
    public long Steps => Interlocked.Read(ref _steps);

    public long CriticUpdates => _td3.CriticUpdates;

    /// <summary>The latest weights version published (0: none yet).</summary>
    public ulong WeightsVersion => Volatile.Read(ref _version);

    /// <summary>Steps stored in the online buffer, counting those before a resume.</summary>
    public long TransitionsReceived => Interlocked.Read(ref _received);

    /// <summary>Steps refused: wrong sizes, NaN/inf values, another policy's batch. Never stored.</summary>
    public long TransitionsRejected => Interlocked.Read(ref _rejected);

    public int OnlineSize => Volatile.Read(ref _onlineSize);

    public int DemoSize => Volatile.Read(ref _demoSize);

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            if (_thread is not null)
            {
                _wake.Stop();

                _thread.Join();
                _recorder?.Dispose();
                if (_checkpointOnExit && _checkpointDir.Length > 0 && _steps > _checkpointedSteps && !_faulted)
                {
                    Checkpoint();
                }
            }
        }

        base.Dispose(disposing);
    }

    // observation_size and action_size, or both from the base's sidecar, as the residual_policy node sizes its actor.
    private (int Observation, int Action) Sizes(ParameterDescriptor read)
    {
        var sidecar = Parameters.Declare("base_policy", string.Empty, read with { Description = "the residual's base policy.json: observation_size and action_size from it (else set both)" });
        var observation = Parameters.Declare("observation_size", 0L, read with { Description = "observation values in the actor's input (the base action follows them); 0: from base_policy" });
        var action = Parameters.Declare("action_size", 0L, read with { Description = "normalized action values; 0: from base_policy" });
        if (sidecar.Length == 0)
        {
            return (Int("observation_size", observation, 1), Int("action_size", action, 1));
        }

        var spec = Policies.Contract.PolicySpec.Load(sidecar);
        var (fromSpec, actions) = (spec.State.Features.Count, spec.JointNames.Count);
        if ((observation != 0 && observation != fromSpec) || (action != 0 && action != actions))
        {
            throw new ArgumentException($"{FullyQualifiedName}: base_policy {sidecar} has {fromSpec} observation and {actions} action values, not observation_size {observation} and action_size {action}: leave those at 0");
        }

        return (fromSpec, actions);
    }

    // A folder of recorded steps, checked now: a missing one is a start-up error, not a learner that trains on nothing.
    private string Recording(string parameter, string use, ParameterDescriptor read)
    {
        var folder = Parameters.Declare(parameter, string.Empty, read with { Description = $"folder of recorded steps (*{TransitionLog.Extension}) {use} (empty: none)" });
        if (folder.Length > 0 && (!Directory.Exists(folder) || TransitionLog.Files(folder).Count == 0))
        {
            throw new ArgumentException($"{FullyQualifiedName}: {parameter} {folder} holds no recorded steps ({TransitionLog.Extension} files); a learner with record_dir:={folder} writes them");
        }

        return folder;
    }

    private int Int(string parameter, long value, int min) =>
        value >= min && value <= int.MaxValue ? (int)value : throw new ArgumentException($"{FullyQualifiedName}: {parameter} must be in [{min}, {int.MaxValue}], not {value}");

    // Executor thread: queue and wake the learner, nothing more.
    private void OnTransitions(TransitionBatch batch)
    {
        if (_faulted)
        {
            return; // nobody would take them out: the error was logged when the learner stopped
        }

        _inbox.Enqueue(batch);
        _wake.Set();
    }

    private void Run()
    {
        try
        {
            LoadRecorded();
            while (!_wake.Stopping)
            {
                while (_inbox.TryDequeue(out var batch))
                {
                    Ingest(batch);
                    _recorder?.Append(batch);
                }

                if (_credits > 0 && _online.Count > 0)
                {
                    _credits--;
                    Step();
                    continue;
                }

                _wake.Wait();
            }
        }
#pragma warning disable CA1031 // The learner thread's last resort: a fault is logged (tests fail on it), never lost with the thread.
        catch (Exception e)
#pragma warning restore CA1031
        {
            _faulted = true;
            Logger.Error($"learner stopped at step {Steps}: {e}");
        }
    }

    private void Ingest(TransitionBatch batch)
    {
        if (batch.PolicyId != _policyId)
        {
            Refuse(batch.Transitions.Length, $"a batch of policy \"{batch.PolicyId}\" reached the learner of \"{_policyId}\"");
            return;
        }

        foreach (var t in batch.Transitions)
        {
            var reason = "a null transition";
            if (t is null || !_online.TryAdd(t.State, t.Action, t.Reward, t.NextState, t.Terminal, t.Truncated, t.Intervention, out reason))
            {
                _online.DiscardPending(); // the next step does not follow the pending ones: no n-step return across the gap
                Refuse(1, reason);
                continue;
            }

            if (t.Intervention)
            {
                // A human's step joins the demonstrations too (HIL-SERL). An intervention may end at any step, so
                // its copy is a one-step transition: no return is summed across the end of the human's segment.
                _demos.TryAdd(t.State, t.Action, t.Reward, t.NextState, t.Terminal, truncated: !t.Terminal, intervention: true, out _);
            }

            Interlocked.Increment(ref _received);
            if (_online.Count >= _learningStarts)
            {
                _credits++;
            }
        }

        Volatile.Write(ref _onlineSize, _online.Count);
        Volatile.Write(ref _demoSize, _demos.Count);
    }

    // Learner thread, before anything received: recorded steps into the buffers, as TransitionLog describes.
    private void LoadRecorded()
    {
        if (_demosDir.Length > 0)
        {
            var (files, shortRecords, skipped) = TransitionLog.ReadFolder(_demosDir, AddDemos, () => _demos.DiscardPending());
            Volatile.Write(ref _demoSize, _demos.Count);
            Logger.Info($"demos: {_demos.Count} steps from {files} files in {_demosDir} ({shortRecords} short records at file ends skipped)");
            WarnSkipped(skipped);
        }

        if (_offlineDir.Length > 0)
        {
            var (files, shortRecords, skipped) = TransitionLog.ReadFolder(_offlineDir, Ingest, () => _online.DiscardPending());
            _credits = _offlineSteps > 0 ? _offlineSteps : _credits;
            Logger.Info($"offline: {_online.Count} steps from {files} files in {_offlineDir} ({shortRecords} short records skipped); {_credits} learner steps to run");
            WarnSkipped(skipped);
        }
    }

    private void WarnSkipped(IReadOnlyList<string> skipped)
    {
        foreach (var reason in skipped)
        {
            Logger.Warn($"recorded steps skipped: {reason} (move the file aside or re-record it)");
        }
    }

    private void AddDemos(TransitionBatch batch)
    {
        if (batch.PolicyId != _policyId)
        {
            Refuse(batch.Transitions.Length, $"demos: a batch of policy \"{batch.PolicyId}\" in {_demosDir}; this learner trains \"{_policyId}\"");
            return;
        }

        foreach (var t in batch.Transitions)
        {
            var reason = "a null transition";
            if (t is null || !_demos.TryAdd(t.State, t.Action, t.Reward, t.NextState, t.Terminal, t.Truncated, t.Intervention, out reason))
            {
                _demos.DiscardPending();
                Refuse(1, $"demos: {reason}");
            }
        }
    }

    private void Refuse(int count, string reason)
    {
        var before = Interlocked.Add(ref _rejected, count) - count;
        if (before == 0 || before / 100 != (before + count) / 100)
        {
            Logger.Warn($"transition refused ({before + count} so far, every 100th logged): {reason}");
        }
    }

    private void Step()
    {
        var statistics = _td3.Update(_sampler);
        var steps = Interlocked.Increment(ref _steps);
        Volatile.Write(ref _criticLoss, statistics.CriticLoss);
        Volatile.Write(ref _actorObjective, statistics.ActorObjective);
        if (steps % _publishEvery == 0)
        {
            PublishWeights();
        }

        if (_checkpointDir.Length > 0 && _checkpointEvery > 0 && steps % _checkpointEvery == 0)
        {
            Checkpoint();
        }
    }

    private void PublishWeights()
    {
        using var rnet = new MemoryStream();
        NetworkSerializer.Save(rnet, _td3.Actor.Network);
        var version = _version + 1;
        if (_checkpointDir.Length > 0)
        {
            LearnerCheckpoint.RecordPublished(_checkpointDir, version); // before it leaves: a restart never reuses it
        }

        _weights.Publish(new PolicyWeights
        {
            Header = new Header { Stamp = Now(), FrameId = string.Empty },
            PolicyId = _policyId,
            Version = version,
            Format = ResidualTopics.RnetFormat,
            Data = rnet.ToArray(),
        });
        Volatile.Write(ref _version, version);
    }

    private void Checkpoint()
    {
        var steps = Steps;
        try
        {
            LearnerCheckpoint.Save(_checkpointDir, _td3, new LearnerProgress(steps, WeightsVersion, TransitionsReceived));
            _checkpointedSteps = steps;
            Logger.Debug($"checkpoint at step {steps} in {_checkpointDir}");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            Logger.Error($"checkpoint at step {steps} in {_checkpointDir} failed (training goes on): {e.Message}");
        }
    }

    private void PublishStatus() => _status.Publish(new LearnerStatus
    {
        Header = new Header { Stamp = Now(), FrameId = string.Empty },
        PolicyId = _policyId,
        Steps = (ulong)Steps,
        CriticUpdates = (ulong)_td3.CriticUpdates,
        ActorUpdates = (ulong)_td3.ActorUpdates,
        OnlineSize = (uint)OnlineSize,
        DemoSize = (uint)DemoSize,
        CriticLoss = Volatile.Read(ref _criticLoss),
        ActorObjective = Volatile.Read(ref _actorObjective),
        WeightsVersion = WeightsVersion,
        TransitionsReceived = (ulong)TransitionsReceived,
        TransitionsRejected = (ulong)TransitionsRejected,
    });
}
