using Robotics.Messages.RoboticsMsgs;
using Robotics.Middleware;
using Robotics.Middleware.Tests.TestSupport;
using Robotics.Nodes.Reinforcement;
using Robotics.Policies.Learning;

namespace Robotics.Nodes.Tests.Reinforcement;

/// <summary>
/// Recorded steps (<see cref="TransitionLog"/>): a learner with <c>record_dir</c> writes what it receives; another
/// trains from that folder with no actor (<c>offline_dataset</c>) or takes it as demonstrations (<c>demos</c>); a
/// record a crash cut short is skipped, not fatal.
/// </summary>
public sealed class RecordedTransitionsTests : IDisposable
{
    private readonly RosTestEnvironment _env = new();
    private readonly string _dir = Directory.CreateTempSubdirectory("recorded-steps-").FullName;
    private static readonly TimeSpan _timeout = TimeSpan.FromSeconds(30); // a loaded 2-core machine starves the learner's below-normal thread
    private readonly Rng _rng = new(7);

    [Fact]
    public void ALearnersRecording_TrainsAnotherWithNoActor_AndFillsADemonstrationBuffer()
    {
        var recorder = Learner("recorder", ("record_dir", _dir), ("learning_starts", 1000L));
        var actor = _env.CreateNode("actor").CreatePublisher<TransitionBatch>(ResidualTopics.Transitions, ResidualTopics.TransitionsQos);
        for (var episode = 0; episode < 3; episode++)
        {
            actor.Publish(new TransitionBatch { PolicyId = "residual", Transitions = [.. Enumerable.Range(0, 10).Select(t => Step(last: t == 9))] });
        }

        _env.SpinUntil(() => recorder.TransitionsReceived == 30, "the recorder stores the steps", _timeout);
        recorder.Dispose();
        var file = Assert.Single(TransitionLog.Files(_dir));
        Assert.Equal(3, TransitionLog.Read(file, out _).Count);
        File.AppendAllBytes(file, [0xE8, 0x03, 0, 0, 1, 2, 3]); // a crash in the middle of a record: 1000 bytes announced, 3 written

        var offline = Learner("offline", ("offline_dataset", _dir), ("learning_starts", 8L), ("publish_every", 5L));
        // One update per stored step once 8 are stored, as online: the n-step window holds the first two of an episode
        // back until it ends, so the 8th is stored with the 10th step received (1 + 10 + 10 updates).
        _env.SpinUntil(() => offline.Steps == 21 && offline.WeightsVersion == 4, "the learner trains on the recording alone", _timeout);
        Assert.Equal(30, offline.TransitionsReceived);
        Assert.Equal(0, offline.TransitionsRejected);
        Assert.Contains(_env.Log.Records, r => r.Message.Contains("1 short records skipped", StringComparison.Ordinal));

        var demos = Learner("with_demos", ("demos", _dir));
        _env.SpinUntil(() => demos.DemoSize == 30, "the recording fills the demonstration buffer", _timeout);
        Assert.Equal(0, demos.TransitionsReceived);
        Assert.Equal(0, demos.Steps); // demonstrations are not environment steps: no update is owed for them
    }

    [Fact]
    public void AFolderWithNoRecording_IsAClearErrorAtStart()
    {
        var error = Assert.Throws<ArgumentException>(() => Learner("empty", ("offline_dataset", Path.Combine(_dir, "missing"))));
        Assert.Contains("offline_dataset", error.Message, StringComparison.Ordinal);
        Assert.Contains("record_dir:=", error.Message, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        _env.Dispose();
        Directory.Delete(_dir, recursive: true);
        _env.AssertClean();
    }

    private LearnerNode Learner(string name, params (string Name, object Value)[] parameters)
    {
        var overrides = new Dictionary<string, object?>
        {
            ["observation_size"] = 2L, ["action_size"] = 1L, ["hidden"] = new long[] { 8 }, ["critics"] = 2L, ["batch_size"] = 8L,
            ["critic_warmup"] = 0L, ["status_period_s"] = 0.1, ["buffer_capacity"] = 1000L, ["demo_capacity"] = 100L,
        };
        foreach (var (key, value) in parameters)
        {
            overrides[key] = value;
        }

        var learner = new LearnerNode(_env.Context, name, new NodeOptions { ParameterOverrides = overrides });
        _env.Executor.Add(learner);
        return learner;
    }

    private Transition Step(bool last) => new()
    {
        State = [_rng.Uniform(-1, 1), _rng.Uniform(-1, 1), 0.1f],
        Action = [_rng.Uniform(-0.2f, 0.2f)],
        Reward = last ? 1 : 0,
        NextState = [_rng.Uniform(-1, 1), _rng.Uniform(-1, 1), 0.1f],
        Terminal = last,
    };
}
