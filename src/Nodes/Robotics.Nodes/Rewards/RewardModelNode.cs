using System.Collections.Concurrent;
using Robotics.Messages.RoboticsMsgs;
using Robotics.Messages.SensorMsgs;
using Robotics.Messages.StdMsgs;
using Robotics.Middleware;
using Robotics.Middleware.Parameters;
using Robotics.Middleware.Time;
using Robotics.Middleware.Topics;
using Robotics.Nodes.Execution;
using Robotics.Nodes.Policy;
using Robotics.Nodes.Reinforcement;
using Robotics.Policies.Contract;
using Robotics.Policies.Rewards;

namespace Robotics.Nodes.Rewards;

/// <summary>
/// Serves a trained reward model (<c>reward_model</c>; LEARNING.md §4: SARM progress, HIL-SERL success). Live: at most
/// at <c>control_rate_hz</c> it takes the newest observation (the model's <c>features</c>, composed from
/// <c>joint_states</c> and <c>observation/environment_state</c> as a policy's state is), and publishes on
/// <c>reward</c> the progress, stage and success probability of each step s → s′ with its shaped reward
/// r + λ(γΦ(s′) − Φ(s)) (Ng et al. 1999; r = 1 on the step that ends in SUCCESS; Φ(s′) := 0 on a true terminal, kept on
/// a time limit, Pardo et al. 2018). <c>episode/events</c> delimit episodes: START/RESET begin one, SUCCESS ends it at a
/// true terminal, STOP and FAILURE cut it (the simulator raises FAILURE at its time limit; <c>failure_is_terminal</c>
/// for a failure detector whose FAILURE is a terminal state). Offline: it relabels the actors' stored steps from
/// <c>residual/transitions_raw</c> in batches and forwards them, in order, on <c>residual/transitions</c>.
/// All scoring runs on the node's own thread, never on the executor (a slow model only delays rewards), and whatever
/// it has queued is scored in one batch. NaN quarantine: a step whose score is not finite is never rewarded — no
/// <c>reward</c> message is sent for it and no transition is forwarded; it is counted (<see cref="Quarantined"/>,
/// <see cref="TransitionsQuarantined"/>) and logged with what to do.
/// </summary>
public sealed class RewardModelNode : Node
{
    /// <summary>robotics_msgs/Reward, one per step of the live episode.</summary>
    public const string RewardTopic = "reward";

    /// <summary>Observations waiting for the scoring thread beyond which the live episode is abandoned (50 s at 20 Hz).</summary>
    internal const int MaxBacklog = 1000;

    private readonly ConcurrentQueue<LiveInput> _live = new();
    private readonly ConcurrentQueue<TransitionBatch> _batches = new();
    private readonly WakeSignal _wake = new();
    private readonly RewardModel _model;
    private readonly PotentialShaping _shaping;
    private readonly PolicyObservation _observation;
    private readonly TransitionRelabeller _liveRelabeller;
    private readonly LiveEpisode _episode;
    private readonly Dictionary<string, RelabelledStream> _streams = new(StringComparer.Ordinal);
    private readonly Publisher<Reward> _rewards;
    private readonly Publisher<TransitionBatch> _relabelled;
    private readonly Thread _thread;
    private readonly string _modelId;
    private readonly float _successThreshold;
    private readonly List<LiveStep> _decided = [];
    private readonly List<RewardStep> _steps = [];
    private RelabelledStep[] _results = [];
    private volatile bool _faulted;
    private bool _overflowing; // executor thread
    private long _lastTakenNs = long.MinValue; // executor thread
    private int _backlog;
    private long _framesTaken;
    private long _framesDropped;
    private long _eventsTaken;
    private long _published;
    private long _quarantined;
    private long _transitionsRelabelled;
    private long _transitionsQuarantined;
    private long _successDisagreements;

    public RewardModelNode(RosContext context, string name, NodeOptions? options = null)
        : base(context, name, options)
    {
        var read = new ParameterDescriptor { ReadOnly = true };
        var directory = Parameters.Declare("model", string.Empty, read with { Description = "directory of the reward model: reward.json + reward.rnet (robotics train reward -o DIR)" });
        var features = Parameters.Declare("features", Array.Empty<string>(), read with { Description = "the model's input features in training order, as policy.json state features: joint_states/<joint>, environment_state/<name>" });
        var policy = Parameters.Declare("policy", string.Empty, read with { Description = "a policy.json whose state features are the model's (the base policy the model was trained beside); used when features is empty" });
        var rate = Parameters.Declare("control_rate_hz", 0.0, read with { Description = "frames per second the model was trained on (its context stride counts control steps); observations are scored at most this often. 0: the policy's rate, or 20 Hz without one" });
        var scale = Parameters.Declare("shaping_scale", 1.0, read with { Description = "λ in r + λ(γΦ(s′) − Φ(s))" });
        var gamma = Parameters.Declare("gamma", 0.99, read with { Description = "γ of the shaping: must equal the RL discount (else the optimal policy may change)" });
        _successThreshold = (float)Parameters.Declare("success_threshold", 0.85, read with { Description = "success probability above which the model calls a state a success (HIL-SERL: 0.85); checked against each episode's outcome" });
        var failureIsTerminal = Parameters.Declare("failure_is_terminal", false, read with { Description = "FAILURE ends the episode at a true terminal (Φ(s′) := 0); false: it cuts it (the simulator's time limit)" });
        if (string.IsNullOrWhiteSpace(directory))
        {
            throw new ArgumentException($"{FullyQualifiedName}: set the model parameter to a reward model directory (robotics train reward -o DIR writes one)");
        }

        if (rate == 0)
        {
            // The base policy's rate is the rate the training frames were recorded at (train reward runs it).
            rate = policy.Length > 0 && File.Exists(policy) ? PolicySpec.Load(policy).ControlRateHz : 20.0;
        }

        if (!(rate > 0) || !double.IsFinite(rate) || !(_successThreshold is > 0 and < 1))
        {
            throw new ArgumentException($"{FullyQualifiedName}: control_rate_hz must be > 0 ({rate}) and success_threshold in (0, 1) ({_successThreshold})");
        }

        try
        {
            _shaping = new PotentialShaping((float)scale, (float)gamma);
        }
        catch (ArgumentOutOfRangeException e)
        {
            throw new ArgumentException($"{FullyQualifiedName}: shaping_scale / gamma: {e.Message}", e);
        }

        _model = RewardModel.Load(directory);
        _modelId = Parameters.Declare("model_id", Path.GetFileName(Path.TrimEndingDirectorySeparator(Path.GetFullPath(directory))), read with { Description = "stamped on each reward message" });
        var spec = new PolicySpec { State = new StateSpec { Features = RewardFeatures.Resolve(features, policy, _model.StateSize, FullyQualifiedName) } };
        _observation = new PolicyObservation(spec);
        _liveRelabeller = new TransitionRelabeller(_model, _shaping);
        _episode = new LiveEpisode(failureIsTerminal);
        _rewards = CreatePublisher<Reward>(RewardTopic);
        _relabelled = CreatePublisher<TransitionBatch>(ResidualTopics.Transitions, ResidualTopics.TransitionsQos);
        // Sensor data is best effort (the supervisor publishes joint_states so); a reliable reader would not match it.
        CreateSubscription<JointState>("joint_states", _observation.Update, Middleware.Qos.QosProfile.SensorData);
        if (_observation.UsesEnvironment)
        {
            CreateSubscription<StateVector>("observation/environment_state", _observation.Update);
        }

        CreateSubscription<EpisodeEvent>("episode/events", OnEpisodeEvent);
        CreateSubscription<TransitionBatch>(ResidualTopics.RawTransitions, OnTransitions, ResidualTopics.TransitionsQos);
        CreateTimer(TimeSpan.FromSeconds(1 / rate), TakeObservation);
        _thread = new Thread(Run) { IsBackground = true, Name = $"reward model {FullyQualifiedName}", Priority = ThreadPriority.BelowNormal };
        _thread.Start();
        Logger.Info($"reward model {_modelId}: {_model.Stages} stages, {_model.ContextFrames} frames × {_model.StateSize} features [{string.Join(", ", spec.State.Features)}] at {rate} Hz; shaping λ {scale}, γ {gamma}; relabelling {ResidualTopics.RawTransitions} → {ResidualTopics.Transitions}");
    }

    /// <summary>Live steps never rewarded because a score was not finite (no reward message was sent for them).</summary>
    public long Quarantined => Interlocked.Read(ref _quarantined);

    /// <summary>Reward messages sent.</summary>
    public long Published => Interlocked.Read(ref _published);

    /// <summary>Observations handed to the scoring thread.</summary>
    public long FramesTaken => Interlocked.Read(ref _framesTaken);

    /// <summary>Observations dropped because the scoring thread was <see cref="MaxBacklog"/> behind (the episode is then abandoned).</summary>
    public long FramesDropped => Interlocked.Read(ref _framesDropped);

    /// <summary>Transitions relabelled and forwarded on residual/transitions.</summary>
    public long TransitionsRelabelled => Interlocked.Read(ref _transitionsRelabelled);

    /// <summary>Transitions left out: a score not finite, or no (or misshapen) reward-model frames.</summary>
    public long TransitionsQuarantined => Interlocked.Read(ref _transitionsQuarantined);

    /// <summary>Episodes whose outcome the success head judged otherwise at their last state (p vs success_threshold).</summary>
    public long SuccessDisagreements => Interlocked.Read(ref _successDisagreements);

    /// <summary>Episode events handed to the scoring thread (tests wait for them: the executor may run callbacks of
    /// different topics in another order than they were published).</summary>
    internal long EventsTaken => Interlocked.Read(ref _eventsTaken);

    /// <summary>Tests only: runs on the scoring thread before each batch is scored (a stand-in for a slow model).</summary>
    internal Action? BeforeScoring { get; set; }

    protected override void Dispose(bool disposing)
    {
        if (disposing && _thread is not null)
        {
            _wake.Stop();

            _thread.Join();
            foreach (var (policyId, stream) in _streams)
            {
                // The held step's successor will never come: it leaves cut, rather than not at all.
                if (stream.Flush() is { } held)
                {
                    Forward(policyId, [held]);
                }
            }
        }

        base.Dispose(disposing);
    }

    // Executor thread, at most at the control rate: hand the newest complete observation over, nothing more.
    private void TakeObservation()
    {
        // A new stamp, not a later one: sim time starts over when a simulation restarts.
        if (!_observation.Complete || _observation.StampNs == _lastTakenNs || _faulted)
        {
            return;
        }

        _lastTakenNs = _observation.StampNs;
        if (Volatile.Read(ref _backlog) >= MaxBacklog)
        {
            Interlocked.Increment(ref _framesDropped);
            if (!_overflowing)
            {
                _overflowing = true;
                Logger.Warn($"the reward model is {MaxBacklog} observations behind: this episode gets no more rewards (a model this slow needs a smaller network or a lower control_rate_hz)");
                Enqueue(new LiveInput(null, 0, LiveInput.Abandon));
            }

            return;
        }

        _overflowing = false;
        var values = _observation.Values;
        var frame = new float[values.Length];
        for (var i = 0; i < frame.Length; i++)
        {
            frame[i] = (float)values[i]; // as the training frames were recorded (RewardData: (float)task.Observe)
        }

        Interlocked.Increment(ref _backlog);
        Interlocked.Increment(ref _framesTaken);
        Enqueue(new LiveInput(frame, _lastTakenNs, 0));
    }

    private void OnEpisodeEvent(EpisodeEvent e)
    {
        switch (e.Event)
        {
            case EpisodeEvent.EVENT_START or EpisodeEvent.EVENT_RESET:
                Enqueue(new LiveInput(null, RosTime.ToNanoseconds(e.Header.Stamp), e.Event));
                break;
            case EpisodeEvent.EVENT_SUCCESS or EpisodeEvent.EVENT_FAILURE or EpisodeEvent.EVENT_STOP:
                TakeObservation(); // the state the episode ended in, if it is newer than the last one taken
                Enqueue(new LiveInput(null, 0, e.Event));
                break;
            default:
                return; // stages come from the model; interventions do not change the reward
        }

        Interlocked.Increment(ref _eventsTaken);
    }

    private void OnTransitions(TransitionBatch batch)
    {
        if (!_faulted)
        {
            _batches.Enqueue(batch);
            Signal();
        }
    }

    private void Enqueue(LiveInput input)
    {
        _live.Enqueue(input);
        Signal();
    }

    private void Signal()
    {
        _wake.Set();
    }

    private void Run()
    {
        try
        {
            while (!_wake.Stopping)
            {
                ScoreLive();
                while (!_wake.Stopping && _batches.TryDequeue(out var batch))
                {
                    Relabel(batch);
                    ScoreLive(); // the live episode first: its rewards are read while it runs
                }

                _wake.Wait();
            }
        }
#pragma warning disable CA1031 // The scoring thread's last resort: a fault is logged (tests fail on it), never lost with the thread.
        catch (Exception e)
#pragma warning restore CA1031
        {
            _faulted = true;
            Logger.Error($"the reward model stopped scoring: {e}");
        }
    }

    // Everything queued since the last pass becomes steps, scored in one batch.
    private void ScoreLive()
    {
        _decided.Clear();
        while (_live.TryDequeue(out var input))
        {
            if (input.Frame is not null)
            {
                Interlocked.Decrement(ref _backlog);
            }

            _episode.Take(input, _decided);
        }

        if (_decided.Count == 0)
        {
            return;
        }

        _steps.Clear();
        foreach (var step in _decided)
        {
            _steps.Add(step.Step);
        }

        if (_results.Length < _steps.Count)
        {
            _results = new RelabelledStep[_steps.Count];
        }

        BeforeScoring?.Invoke();
        _liveRelabeller.Relabel(_steps, _results.AsSpan(0, _steps.Count));
        for (var i = 0; i < _decided.Count; i++)
        {
            PublishLive(_decided[i], _results[i]);
        }
    }

    private void PublishLive(LiveStep step, RelabelledStep result)
    {
        if (result.Quarantined)
        {
            var count = Interlocked.Increment(ref _quarantined);
            Warn(count - 1, 1, $"a live step was not rewarded ({count} so far, every 100th logged): the reward model's score is not finite. Check the model (retrain it with robotics train reward) and that features match its training");
            return;
        }

        if (step.Success is { } success && (result.Next.SuccessProbability > _successThreshold) != success)
        {
            var count = Interlocked.Increment(ref _successDisagreements);
            Warn(count - 1, 1, $"the success head gave p = {result.Next.SuccessProbability:0.00} at the end of an episode that {(success ? "succeeded" : "failed")} (threshold {_successThreshold}; {count} episodes so far, every 100th logged): retrain the reward model with more rollouts, or adjust success_threshold");
        }

        _rewards.Publish(new Reward
        {
            Header = new Header { Stamp = Now(), FrameId = string.Empty },
            ObservationStamp = RosTime.ToMessage(step.StampNs),
            RewardValue = result.Reward,
            Progress = result.Next.Progress,
            Stage = result.Next.Stage,
            StageProgress = result.Next.StageProgress,
            SuccessProbability = result.Next.SuccessProbability,
            Terminal = step.Step.Terminal,
            Truncated = step.Step.Truncated,
            ModelId = _modelId,
        });
        Interlocked.Increment(ref _published);
    }

    private void Relabel(TransitionBatch batch)
    {
        if (!_streams.TryGetValue(batch.PolicyId, out var stream))
        {
            _streams[batch.PolicyId] = stream = new RelabelledStream(new TransitionRelabeller(_model, _shaping));
        }

        var quarantined = new List<int>();
        BeforeScoring?.Invoke();
        var ready = stream.Relabel(batch.Transitions, quarantined);
        if (quarantined.Count > 0)
        {
            var before = Interlocked.Add(ref _transitionsQuarantined, quarantined.Count) - quarantined.Count;
            Warn(before, quarantined.Count, $"{quarantined.Count} of {batch.Transitions.Length} transitions of policy \"{batch.PolicyId}\" quarantined, not forwarded ({before + quarantined.Count} so far, every 100th logged): {RelabelledStream.Why(batch.Transitions[quarantined[0]], _model.StateSize)}");
        }

        if (ready.Count > 0)
        {
            Forward(batch.PolicyId, [.. ready]);
        }
    }

    private void Forward(string policyId, Transition[] transitions)
    {
        _relabelled.Publish(new TransitionBatch
        {
            Header = new Header { Stamp = Now(), FrameId = string.Empty },
            PolicyId = policyId,
            Transitions = transitions,
        });
        Interlocked.Add(ref _transitionsRelabelled, transitions.Length);
    }

    // First and every 100th of a kind: a broken model fails every step, and the log must stay readable.
    private void Warn(long before, long count, string message)
    {
        if (before == 0 || before / 100 != (before + count) / 100)
        {
            Logger.Warn(message);
        }
    }
}
