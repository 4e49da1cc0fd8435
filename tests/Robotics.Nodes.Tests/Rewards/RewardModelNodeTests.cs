using System.Collections.Concurrent;
using Robotics.Messages.RoboticsMsgs;
using Robotics.Messages.SensorMsgs;
using Robotics.Messages.StdMsgs;
using Robotics.Middleware;
using Robotics.Middleware.Qos;
using Robotics.Middleware.Tests.TestSupport;
using Robotics.Middleware.Time;
using Robotics.Middleware.Topics;
using Robotics.Nodes.Reinforcement;
using Robotics.Nodes.Rewards;
using Robotics.Policies.Contract;
using Robotics.Policies.Learning;
using Robotics.Policies.Rewards;

namespace Robotics.Nodes.Tests.Rewards;

/// <summary>
/// The reward-model node on the in-process bus (LEARNING.md §4): live shaped rewards from joint_states +
/// environment_state delimited by episode events, NaN quarantine, relabelling of the actors' stored steps, and a model
/// that blocks without stalling the executor. The observations are published by the test one at a time, each waited
/// for, so the node scores exactly the frames sent.
/// </summary>
public sealed class RewardModelNodeTests : IDisposable
{
    private const float Lambda = 0.5f;
    private const float Gamma = 0.99f;
    private readonly RosTestEnvironment _env = new();
    private readonly string _directory = Path.Combine(Path.GetTempPath(), $"reward-node-{Guid.NewGuid():N}");
    private readonly ConcurrentQueue<Reward> _rewards = new();
    private readonly ConcurrentQueue<TransitionBatch> _relabelled = new();
    private readonly Node _test;
    private readonly Publisher<JointState> _joints;
    private readonly Publisher<StateVector> _environment;
    private readonly Publisher<EpisodeEvent> _events;
    private long _stampNs = 1_000_000_000;

    public RewardModelNodeTests()
    {
        SyntheticRewardTask.Model.Save(Path.Combine(_directory, "synthetic"));
        _test = _env.CreateNode("test");
        _joints = _test.CreatePublisher<JointState>("joint_states", QosProfile.SensorData);
        _environment = _test.CreatePublisher<StateVector>("observation/environment_state");
        _events = _test.CreatePublisher<EpisodeEvent>("episode/events");
        _test.CreateSubscription<Reward>(RewardModelNode.RewardTopic, _rewards.Enqueue, new QosProfile(1000));
        _test.CreateSubscription<TransitionBatch>(ResidualTopics.Transitions, _relabelled.Enqueue, ResidualTopics.TransitionsQos);
    }

    private static RewardModel Model => SyntheticRewardTask.Model;

    [Fact]
    public void LiveScoring_ProgressRisesAlongASuccess_AndEachStepIsShapedFromThePublishedProgress()
    {
        var node = Node();
        var path = SyntheticRewardTask.SuccessPath(new Rng(40));
        Event(node, EpisodeEvent.EVENT_START);
        var stamps = path.Select(x => Observe(node, x)).ToArray();
        Event(node, EpisodeEvent.EVENT_SUCCESS);
        _env.SpinUntil(() => _rewards.Count == path.Length - 1, "one reward per step (the first frame closes none)");

        var rewards = _rewards.ToArray();
        var progress = rewards.Select(r => r.Progress).ToArray();
        Assert.True(progress[^1] > 0.8f && progress[0] < 0.3f, $"progress runs from {progress[0]} to {progress[^1]}");
        Assert.True(progress[(2 * progress.Length / 3)..].Average() > progress[..(progress.Length / 3)].Average() + 0.3f, string.Join(", ", progress));
        for (var t = 1; t < rewards.Length; t++)
        {
            var last = t == rewards.Length - 1;
            Assert.Equal(stamps[t + 1], RosTime.ToNanoseconds(rewards[t].ObservationStamp)); // the reward of s′, stamped as s′
            Assert.Equal((last, false), (rewards[t].Terminal, rewards[t].Truncated));
            var expected = last ? 1 + (Lambda * (0 - progress[t - 1])) : Lambda * ((Gamma * progress[t]) - progress[t - 1]);
            Assert.Equal(expected, rewards[t].RewardValue, 1e-5f);
            Assert.Equal("synthetic", rewards[t].ModelId);
        }

        Assert.Equal(0, node.Quarantined);
    }

    [Fact]
    public void ATimeLimit_KeepsPhiOfTheNextState_OnlyASuccessZeroesIt_AndStartBeginsAFreshContext()
    {
        var node = Node();
        var path = SyntheticRewardTask.SuccessPath(new Rng(41));
        var cut = path[..(path.Length - 2)]; // the same states, stopped by the time limit just short of the goal

        Event(node, EpisodeEvent.EVENT_START);
        Array.ForEach(cut, x => Observe(node, x));
        Event(node, EpisodeEvent.EVENT_FAILURE); // what the simulator raises at its time limit
        Observe(node, 0.5f); // between episodes: belongs to none, never scored
        Event(node, EpisodeEvent.EVENT_START);
        Array.ForEach(path, x => Observe(node, x));
        Event(node, EpisodeEvent.EVENT_SUCCESS);
        _env.SpinUntil(() => _rewards.Count == cut.Length - 1 + path.Length - 1, "both episodes are scored");

        var rewards = _rewards.ToArray();
        var (timeLimited, succeeded) = (rewards[..(cut.Length - 1)], rewards[(cut.Length - 1)..]);
        Assert.Equal((false, true), (timeLimited[^1].Terminal, timeLimited[^1].Truncated));
        Assert.Equal(Lambda * ((Gamma * timeLimited[^1].Progress) - timeLimited[^2].Progress), timeLimited[^1].RewardValue, 1e-5f);
        Assert.True(timeLimited[^1].Progress > 0.5f, "Φ(s′) must matter for this test to mean anything");
        Assert.Equal((true, false), (succeeded[^1].Terminal, succeeded[^1].Truncated));
        Assert.Equal(1 - (Lambda * succeeded[^2].Progress), succeeded[^1].RewardValue, 1e-5f);

        // START began a new context: the second episode scores exactly as it does offline, from its own first frame.
        var offline = Model.PredictEpisode(SyntheticRewardTask.Frames(path));
        Assert.Equal(offline[1..].Select(p => p.Progress), succeeded.Select(r => r.Progress), (a, b) => Math.Abs(a - b) < 1e-5f);
    }

    [Fact]
    public void ANaNModel_IsQuarantined_NothingReachesTheRewardTopicOrTheLearner()
    {
        var corrupt = Path.Combine(_directory, "corrupt");
        var model = RewardModel.Load(Path.Combine(_directory, "synthetic"));
        model.Network.Parameters[0].Value[0] = float.NaN; // one poisoned weight: every output is NaN
        model.Save(corrupt);
        var node = Node(("model", corrupt));
        var raw = _test.CreatePublisher<TransitionBatch>(ResidualTopics.RawTransitions, ResidualTopics.TransitionsQos);

        var path = SyntheticRewardTask.SuccessPath(new Rng(42));
        Event(node, EpisodeEvent.EVENT_START);
        Array.ForEach(path, x => Observe(node, x));
        Event(node, EpisodeEvent.EVENT_SUCCESS);
        raw.Publish(new TransitionBatch { PolicyId = "residual", Transitions = Transitions(path, terminal: true) });
        _env.SpinUntil(() => node.Quarantined == path.Length - 1 && node.TransitionsQuarantined == path.Length - 1, "every step is quarantined");

        Assert.Empty(_rewards);
        Assert.Empty(_relabelled);
        Assert.Equal(0, node.Published);
        Assert.Equal(0, node.TransitionsRelabelled);
        Assert.Contains(_env.Log.Records, r => r.Level == Middleware.Logging.LogLevel.Warn && r.Message.Contains("not finite", StringComparison.Ordinal) && r.Message.Contains("retrain", StringComparison.Ordinal));
    }

    [Fact]
    public void RelabellingOverTheGraph_GivesTheRewardsOfScoringTheEpisodesOffline_InOrder()
    {
        var node = Node();
        var actor = new ResidualActorNode(_env.Context, "residual", new NodeOptions
        {
            ParameterOverrides = new Dictionary<string, object?> { ["observation_size"] = 1L, ["action_size"] = 1L, ["hidden"] = new long[] { 4 }, ["transitions_per_batch"] = 8L, ["transitions_topic"] = ResidualTopics.RawTransitions },
        });
        _env.Executor.Add(actor);
        var success = SyntheticRewardTask.SuccessPath(new Rng(43));
        var failure = SyntheticRewardTask.SuccessPath(new Rng(44))[..12];
        var expected = new List<float>();
        var index = 0;
        foreach (var (path, terminal) in new[] { (success, true), (failure, false) })
        {
            var frames = SyntheticRewardTask.Frames(path);
            foreach (var t in Transitions(path, terminal))
            {
                actor.AddTransition([index++], [0], t.Reward, [index], t.Terminal, t.Truncated, frame: t.Frame, nextFrame: t.NextFrame);
            }

            expected.AddRange(Offline(frames, terminal));
        }

        _env.SpinUntil(() => Received().Length == expected.Count, "every step is relabelled and forwarded");
        var received = Received();
        Assert.Equal(Enumerable.Range(0, expected.Count).Select(i => (float)i), received.Select(t => t.State[0])); // in order, none lost
        Assert.Equal(expected, received.Select(t => t.Reward), (a, b) => Math.Abs(a - b) < 1e-5f);
        Assert.Equal(0, node.TransitionsQuarantined);
        Assert.Equal(1, received.Count(t => t.Terminal));
        Assert.Equal(1, received.Count(t => t.Truncated)); // only the time limit: no cut was needed
    }

    [Fact]
    public void AQuarantinedTransition_CutsTheEpisodeBeforeIt_SoTheLearnerJoinsNothingAcrossTheGap()
    {
        var node = Node();
        var raw = _test.CreatePublisher<TransitionBatch>(ResidualTopics.RawTransitions, ResidualTopics.TransitionsQos);
        var path = SyntheticRewardTask.SuccessPath(new Rng(45));
        var steps = Transitions(path, terminal: true);
        steps[4].NextFrame = [float.NaN, float.NaN]; // frame 5: with 2 context frames at stride 2, frames 5 and 7 cannot be scored
        steps[5].Frame = steps[4].NextFrame;
        raw.Publish(new TransitionBatch { PolicyId = "residual", Transitions = steps[..3] });
        raw.Publish(new TransitionBatch { PolicyId = "residual", Transitions = steps[3..] }); // the gap opens in the next batch

        int[] kept = [0, 1, 2, 3, .. Enumerable.Range(8, steps.Length - 8)];
        _env.SpinUntil(() => Received().Length == kept.Length, "every step that is not quarantined arrives");
        var received = Received();
        Assert.Equal(kept.Select(i => steps[i].State[0]), received.Select(t => t.State[0]));
        Assert.Equal(4, node.TransitionsQuarantined);
        Assert.True(received[3].Truncated, "the last step before the gap is cut, held back until the gap was known");
        Assert.Equal([3, received.Length - 1], Enumerable.Range(0, received.Length).Where(i => received[i].Truncated || received[i].Terminal));
        Assert.False(steps[3].Truncated); // the actor's own message is never changed
    }

    [Fact]
    public void ASlowModel_NeverStallsTheExecutor()
    {
        var node = Node();
        using var gate = new ManualResetEventSlim();
        node.BeforeScoring = () => gate.Wait();
        var ticks = 0;
        _test.CreateTimer(TimeSpan.FromMilliseconds(1), () => ticks++);
        try
        {
            var path = SyntheticRewardTask.SuccessPath(new Rng(46));
            Event(node, EpisodeEvent.EVENT_START);
            Array.ForEach(path, x => Observe(node, x)); // each waits for the node's own timer on the executor
            Event(node, EpisodeEvent.EVENT_SUCCESS);
            var before = ticks;
            _env.SpinUntil(() => ticks > before + 50, "other callbacks keep running while the model is stuck");
            Assert.Equal(0, node.Published);
            Assert.Empty(_rewards);

            gate.Set();
            _env.SpinUntil(() => _rewards.Count == path.Length - 1, "the model catches up once it returns");
            Assert.True(_rewards.Last().Terminal);
        }
        finally
        {
            gate.Set();
        }
    }

    [Fact]
    public void IsAnExecutableOfTheCatalog_TakesItsFeaturesFromAPolicyJson_AndRefusesAMisfitWithWhatToDo()
    {
        Assert.Contains("reward_model", NodeCatalog.Executables.Select(e => e.Name));
        var policy = Path.Combine(_directory, "policy.json");
        new PolicySpec { State = new StateSpec { Features = SyntheticRewardTask.Features } }.Save(policy);
        using (var node = NodeCatalog.Create(NodeCatalog.Package, "reward_model", _env.Context, Options(("features", Array.Empty<string>()), ("policy", policy))))
        {
            Assert.IsType<RewardModelNode>(node);
        }

        var misfit = Assert.Throws<ArgumentException>(() => new RewardModelNode(_env.Context, "misfit", Options(("features", new[] { "environment_state/x" }))));
        Assert.Contains("1 features for a model of 2", misfit.Message, StringComparison.Ordinal);
        var none = Assert.Throws<ArgumentException>(() => new RewardModelNode(_env.Context, "none", Options(("features", Array.Empty<string>()))));
        Assert.Contains("policy.json", none.Message, StringComparison.Ordinal);
        var unknown = Assert.Throws<ArgumentException>(() => new RewardModelNode(_env.Context, "unknown", Options(("features", new[] { "joint_states/j", "camera/x" }))));
        Assert.Contains("neither", unknown.Message, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        _env.Dispose();
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }

        _env.AssertClean();
    }

    private RewardModelNode Node(params (string Name, object Value)[] parameters)
    {
        var node = new RewardModelNode(_env.Context, "reward_model", Options(parameters));
        _env.Executor.Add(node);
        return node;
    }

    private NodeOptions Options(params (string Name, object Value)[] parameters)
    {
        var overrides = new Dictionary<string, object?>
        {
            ["model"] = Path.Combine(_directory, "synthetic"),
            ["features"] = SyntheticRewardTask.Features,
            ["control_rate_hz"] = 500.0,
            ["shaping_scale"] = (double)Lambda,
            ["gamma"] = (double)Gamma,
        };
        foreach (var (name, value) in parameters)
        {
            overrides[name] = value;
        }

        return new NodeOptions { ParameterOverrides = overrides };
    }

    private Transition[] Received() => [.. _relabelled.SelectMany(b => b.Transitions)];

    /// <summary>Publishes one observation (j and x, one stamp) and waits until the node has taken it.</summary>
    private long Observe(RewardModelNode node, float x)
    {
        var stamp = RosTime.ToMessage(_stampNs += 50_000_000);
        var taken = node.FramesTaken;
        _joints.Publish(new JointState { Header = new Header { Stamp = stamp, FrameId = string.Empty }, Name = ["j"], Position = [0.5 * x] });
        _environment.Publish(new StateVector { Header = new Header { Stamp = stamp, FrameId = string.Empty }, Names = ["x"], Values = [x] });
        _env.SpinUntil(() => node.FramesTaken == taken + 1, $"the node takes the observation x = {x}");
        return _stampNs;
    }

    /// <summary>Publishes an episode event and waits until the node has taken it (before any later observation).</summary>
    private void Event(RewardModelNode node, byte kind)
    {
        var taken = node.EventsTaken;
        _events.Publish(new EpisodeEvent { Header = new Header { Stamp = RosTime.ToMessage(_stampNs), FrameId = string.Empty }, Event = kind, Task = "synthetic" });
        _env.SpinUntil(() => node.EventsTaken == taken + 1, $"the node takes episode event {kind}");
    }

    /// <summary>The episode's steps with their frames; the last ends in success (r = 1, terminal) or at the time limit.</summary>
    private static Transition[] Transitions(float[] path, bool terminal)
    {
        var frames = SyntheticRewardTask.Frames(path);
        return [.. Enumerable.Range(0, path.Length - 1).Select(t =>
        {
            var last = t == path.Length - 2;
            return new Transition
            {
                State = [t], Action = [0], NextState = [t + 1], Reward = last && terminal ? 1 : 0, Terminal = last && terminal, Truncated = last && !terminal,
                Frame = frames.AsSpan(2 * t, 2).ToArray(), NextFrame = frames.AsSpan(2 * (t + 1), 2).ToArray(),
            };
        })];
    }

    private static float[] Offline(float[] frames, bool terminal)
    {
        var phi = Model.PredictEpisode(frames);
        var shaping = new PotentialShaping(Lambda, Gamma);
        return [.. Enumerable.Range(0, phi.Length - 1).Select(t =>
        {
            var last = t == phi.Length - 2;
            return shaping.Shape(last && terminal ? 1 : 0, phi[t].Progress, phi[t + 1].Progress, last && terminal);
        })];
    }
}
