using System.Collections.Concurrent;
using Robotics.Messages.RoboticsMsgs;
using Robotics.Middleware;
using Robotics.Middleware.Tests.TestSupport;
using Robotics.Nodes.Reinforcement;
using Robotics.Policies.Learning;

namespace Robotics.Nodes.Tests.Reinforcement;

/// <summary>
/// The actor/learner split of residual RL on the in-process bus (LEARNING.md §3 "Split"): steps travel actor →
/// residual/transitions → learner, weights learner → residual/weights → actor, with versions that only increase,
/// refusals that keep the last good weights, and a learner that dies and resumes from its checkpoint. Tiny networks
/// (2 observation values + 1 base action, hidden [8]) so the learner's thread takes milliseconds per step.
/// </summary>
public sealed class ActorLearnerTests : IDisposable
{
    private readonly RosTestEnvironment _env = new();
    private readonly string _checkpoints = Path.Combine(Path.GetTempPath(), $"robotics-learner-{Guid.NewGuid():N}");
    private readonly Rng _rng = new(11);

    [Fact]
    public void LearnerTrainsOnTheActorsSteps_AndTheActorTakesEveryNewerVersion()
    {
        var actor = Actor();
        var learner = Learner();
        var versions = new ConcurrentQueue<ulong>();
        _env.CreateNode("watcher").CreateSubscription<PolicyWeights>(ResidualTopics.Weights, w => versions.Enqueue(w.Version), ResidualTopics.WeightsQos with { Depth = 1000 });
        float[] probe = [0.2f, -0.4f, 0.1f];
        Assert.Equal(0.1f, Act(actor, probe)); // zero output layer: exactly the base until weights arrive

        Collect(actor, steps: 120);
        // Every step ingested and every publication seen too: the learner thread may train past 40 steps before its
        // inbox's last batch is in, and the watcher's callbacks run on the executor after the actor's (seen under load).
        _env.SpinUntil(() => learner.Steps >= 40 && actor.WeightsVersion >= 8 && learner.TransitionsReceived >= 120 && versions.Count >= 8, "the learner trains and the actor takes its weights");

        Assert.NotEqual(0.1f, Act(actor, probe));
        Assert.InRange(Act(actor, probe), 0.1f - 0.2f, 0.1f + 0.2f); // within the residual bound α
        Assert.Equal(120, learner.TransitionsReceived);
        Assert.Equal(0, learner.TransitionsRejected);
        Assert.Equal(0, actor.RejectedWeights);
        var seen = versions.ToArray();
        Assert.True(seen.Length >= 8, $"{seen.Length} publications");
        Assert.Equal(seen.Order(), seen);
        Assert.Equal(seen.Distinct(), seen);
    }

    [Fact]
    public void StalePoisonedOrMisshapenWeights_AreRefusedWithTheReason_AndTheLastGoodOnesStay()
    {
        var actor = Actor();
        var publisher = _env.CreateNode("rogue_learner").CreatePublisher<PolicyWeights>(ResidualTopics.Weights, ResidualTopics.WeightsQos);
        float[] probe = [0.2f, -0.4f, 0.1f];
        var good = Network(hidden: 8);
        Send(publisher, 5, good);
        _env.SpinUntil(() => actor.WeightsVersion == 5, "version 5 is accepted");
        var trained = Act(actor, probe);
        Assert.NotEqual(0.1f, trained);

        var refusals = new (ulong Version, Mlp Network, string PolicyId, string Reason)[]
        {
            (5, Network(hidden: 8), "residual", "is not newer than the accepted version 5"),
            (3, Network(hidden: 8), "residual", "is not newer than the accepted version 5"),
            (6, Poisoned(), "residual", "NaN"),
            (7, Network(hidden: 16), "residual", "another structure"),
            (8, Network(hidden: 8), "other_policy", "policy \"other_policy\""),
        };
        foreach (var (refusal, i) in refusals.Select((r, i) => (r, i)))
        {
            Send(publisher, refusal.Version, refusal.Network, refusal.PolicyId);
            _env.SpinUntil(() => actor.RejectedWeights == i + 1, $"version {refusal.Version} is refused");
            Assert.Contains(_env.Log.Records, r => r.Level == Middleware.Logging.LogLevel.Warn && r.Message.Contains(refusal.Reason, StringComparison.Ordinal) && r.Message.Contains("keeping version 5", StringComparison.Ordinal));
            Assert.Equal(5ul, actor.WeightsVersion);
            Assert.Equal(trained, Act(actor, probe));
        }

        // Refusals burn no version: the next sound weights land.
        Send(publisher, 6, Network(hidden: 8));
        _env.SpinUntil(() => actor.WeightsVersion == 6, "sound version 6 is accepted");
    }

    [Fact]
    public void AKilledLearner_LeavesTheActorItsWeights_AndAResumedOneContinuesVersionsAndUpdates()
    {
        var actor = Actor();
        var first = Learner(("checkpoint_dir", _checkpoints), ("checkpoint_every", 4L), ("publish_every", 1L), ("checkpoint_on_exit", false));
        Collect(actor, steps: 80);
        _env.SpinUntil(() => first.Steps >= 30 && actor.WeightsVersion >= 10, "the first learner trains and publishes");

        first.Dispose(); // killed mid-run: no checkpoint on the way out, the last periodic one is what survives
        var (published, steps) = (first.WeightsVersion, first.Steps);
        _env.SpinUntil(() => actor.WeightsVersion == published, "the actor takes the last weights published");
        float[] probe = [0.2f, -0.4f, 0.1f];
        var kept = Act(actor, probe);
        Collect(actor, steps: 10); // no learner: the steps go nowhere, the weights stay
        Assert.Equal(published, actor.WeightsVersion);
        Assert.Equal(kept, Act(actor, probe));

        var second = Learner(("checkpoint_dir", _checkpoints), ("checkpoint_every", 4L), ("publish_every", 1L), ("checkpoint_on_exit", false));
        var resumed = second.Steps;
        Assert.InRange(resumed, 4, steps);
        Assert.Equal(0, resumed % 4);
        Assert.Equal(resumed, second.CriticUpdates); // UTD 1: the critic counter came back with the networks
        Assert.Equal(published + 1, second.WeightsVersion); // above every version that left the dead learner
        _env.SpinUntil(() => actor.WeightsVersion == published + 1, "the actor takes the resumed learner's weights");

        Collect(actor, steps: 40);
        _env.SpinUntil(() => second.Steps > resumed + 5 && actor.WeightsVersion > published + 5, "the resumed learner trains on");
        Assert.Equal(0, actor.RejectedWeights);
    }

    [Fact]
    public void NonFiniteOrMisshapenTransitions_AreRefusedAndCounted_NeverStored()
    {
        var learner = Learner(("learning_starts", 1000L));
        var statuses = new ConcurrentQueue<LearnerStatus>();
        var node = _env.CreateNode("rogue_actor");
        node.CreateSubscription<LearnerStatus>(ResidualTopics.LearnerStatus, statuses.Enqueue);
        var publisher = node.CreatePublisher<TransitionBatch>(ResidualTopics.Transitions, ResidualTopics.TransitionsQos);
        var steps = Enumerable.Range(0, 5).Select(t => Step(t, last: t == 4)).ToArray();
        steps[2].NextState = [0.1f, float.NaN, 0.3f];
        steps[3].Action = [0.1f, 0.2f];
        publisher.Publish(new TransitionBatch { PolicyId = "residual", Transitions = steps });

        _env.SpinUntil(() => learner.TransitionsRejected == 2 && learner.TransitionsReceived == 3, "the NaN and the misshapen step are refused");
        _env.SpinUntil(() => statuses.Any(s => s.TransitionsRejected == 2 && s.TransitionsReceived == 3), "learner_status counts them");
        Assert.Contains(_env.Log.Records, r => r.Message.Contains("non-finite", StringComparison.Ordinal));

        // Another policy's batch is refused whole.
        publisher.Publish(new TransitionBatch { PolicyId = "other_policy", Transitions = [Step(0, last: false), Step(1, last: true)] });
        _env.SpinUntil(() => learner.TransitionsRejected == 4, "another policy's steps are refused");
        Assert.Equal(3, learner.TransitionsReceived);
    }

    [Fact]
    public void BothNodes_AreExecutablesOfTheCatalog()
    {
        var names = NodeCatalog.Executables.Select(e => e.Name).ToList();
        Assert.Contains("learner", names);
        Assert.Contains("residual", names);
        using var actor = NodeCatalog.Create(NodeCatalog.Package, "residual", _env.Context, Options([]));
        Assert.IsType<ResidualActorNode>(actor);
    }

    public void Dispose()
    {
        _env.Dispose();
        if (Directory.Exists(_checkpoints))
        {
            Directory.Delete(_checkpoints, recursive: true);
        }

        _env.AssertClean();
    }

    private static NodeOptions Options((string Name, object Value)[] parameters)
    {
        var overrides = new Dictionary<string, object?>
        {
            ["observation_size"] = 2L,
            ["action_size"] = 1L,
            ["hidden"] = new long[] { 8 },
            ["alpha"] = 0.2,
            ["exploration_std"] = 0.0,
        };
        foreach (var (name, value) in parameters)
        {
            overrides[name] = value;
        }

        return new NodeOptions { ParameterOverrides = overrides };
    }

    private static Mlp Network(int hidden) => Mlp.Create(3, [hidden], 1, new Rng((ulong)hidden + 3), layerNorm: true, outputActivation: Activation.Tanh);

    private static Mlp Poisoned()
    {
        var network = Network(hidden: 8);
        network.Parameters[2].Value[0] = float.NaN;
        return network;
    }

    private static void Send(Middleware.Topics.Publisher<PolicyWeights> publisher, ulong version, Mlp network, string policyId = "residual")
    {
        using var rnet = new MemoryStream();
        NetworkSerializer.Save(rnet, network);
        publisher.Publish(new PolicyWeights { PolicyId = policyId, Version = version, Format = ResidualTopics.RnetFormat, Data = rnet.ToArray() });
    }

    private static float Act(ResidualActorNode actor, float[] input)
    {
        var (residual, executed) = (new float[1], new float[1]);
        Assert.True(actor.TryAct(input, residual, executed));
        return executed[0];
    }

    private ResidualActorNode Actor()
    {
        var actor = new ResidualActorNode(_env.Context, "residual", Options([("transitions_per_batch", 16L)]));
        _env.Executor.Add(actor);
        return actor;
    }

    private LearnerNode Learner(params (string Name, object Value)[] parameters)
    {
        (string, object)[] tiny =
        [
            ("critics", 2L), ("batch_size", 8L), ("utd", 1L), ("critic_warmup", 0L), ("learning_starts", 8L), ("publish_every", 5L),
            ("actor_lr", 1e-2), ("critic_lr", 1e-2), ("status_period_s", 0.05), ("buffer_capacity", 1000L), ("demo_capacity", 100L),
        ];
        var learner = new LearnerNode(_env.Context, "learner", Options([.. tiny, .. parameters]));
        _env.Executor.Add(learner);
        return learner;
    }

    /// <summary>Episodes of 10 steps on a bandit-like task (reward peaks at a = base + 0.15), sent by the actor itself.</summary>
    private void Collect(ResidualActorNode actor, int steps)
    {
        var (residual, executed) = (new float[1], new float[1]);
        float[] state = [_rng.Uniform(-1, 1), _rng.Uniform(-1, 1), _rng.Uniform(-0.5f, 0.5f)];
        for (var t = 0; t < steps; t++)
        {
            Assert.True(actor.TryAct(state, residual, executed));
            float[] next = [_rng.Uniform(-1, 1), _rng.Uniform(-1, 1), _rng.Uniform(-0.5f, 0.5f)];
            var reward = -10 * (residual[0] - 0.15f) * (residual[0] - 0.15f);
            actor.AddTransition(state, executed, reward, next, terminal: false, truncated: t % 10 == 9);
            state = next;
        }
    }

    private Transition Step(int t, bool last) => new()
    {
        State = [t / 10f, _rng.Uniform(-1, 1), 0.1f],
        Action = [0.1f],
        Reward = 1,
        NextState = [(t + 1) / 10f, _rng.Uniform(-1, 1), 0.1f],
        Truncated = last,
    };
}
