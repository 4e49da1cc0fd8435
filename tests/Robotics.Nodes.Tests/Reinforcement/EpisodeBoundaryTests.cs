using Robotics.Messages.BuiltinInterfaces;
using Robotics.Messages.RoboticsMsgs;
using Robotics.Messages.StdMsgs;
using Robotics.Middleware.Time;
using Robotics.Nodes.Reinforcement;
using Robotics.Nodes.Rewards;

namespace Robotics.Nodes.Tests.Reinforcement;

/// <summary>
/// What arrives late or early around an episode's START must stay with the episode it is about: a late score of the
/// previous episode's last frames ends nothing now, and the frame published in START's own tick (still showing the
/// previous episode) is no frame of the new one.
/// </summary>
public sealed class EpisodeBoundaryTests
{
    private static readonly long _start = 10_000_000_000;

    [Fact]
    public void ALateClassifierScoreOfThePreviousEpisode_DoesNotEndTheNewOne()
    {
        var labels = new EpisodeLabels(successThreshold: 0.85);
        labels.OnEvent(Event(EpisodeEvent.EVENT_START, _start));

        labels.OnReward(new Reward { ObservationStamp = Stamp(_start - 50_000_000), SuccessProbability = 0.99f });
        Assert.False(labels.TakeStep().Ends);
        Assert.True(labels.InEpisode);

        labels.OnReward(new Reward { ObservationStamp = Stamp(_start + 50_000_000), SuccessProbability = 0.99f });
        var step = labels.TakeStep();
        Assert.True(step.Terminal);
        Assert.Equal(1f, step.Reward);
    }

    [Fact]
    public void TheFrameOfStartsOwnTick_IsNotTheNewEpisodesFirstFrame()
    {
        var episode = new LiveEpisode(failureIsTerminal: false);
        var decided = new List<LiveStep>();
        episode.Take(new LiveInput(null, _start, EpisodeEvent.EVENT_START), decided);
        episode.Take(new LiveInput([9f], _start, 0), decided); // the previous episode's last state, stamped with START
        episode.Take(new LiveInput([1f], _start + 1, 0), decided);
        episode.Take(new LiveInput([2f], _start + 2, 0), decided);
        episode.Take(new LiveInput([3f], _start + 3, 0), decided); // a step is decided once its s′ is followed

        var step = Assert.Single(decided);
        Assert.Equal([1f], step.Step.Frame.ToArray());
        Assert.Equal([2f], step.Step.NextFrame.ToArray());
    }

    private static EpisodeEvent Event(byte kind, long stampNs) => new() { Header = new Header { Stamp = Stamp(stampNs), FrameId = string.Empty }, Event = kind, Task = "test" };

    private static Time Stamp(long ns) => RosTime.ToMessage(ns);
}
