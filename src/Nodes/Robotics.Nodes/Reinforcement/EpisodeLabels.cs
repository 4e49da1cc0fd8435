using Robotics.Messages.RoboticsMsgs;
using Robotics.Middleware.Time;

namespace Robotics.Nodes.Reinforcement;

/// <summary>
/// What happened to the robot between two control ticks, as residual RL labels a step (ResFiT/RLPD: sparse reward 1 on
/// success, which is a true end; a time limit or a stop truncates — the value after it still counts, Pardo et al.
/// 2018), from <c>episode/events</c>, a robotics_msgs/Reward topic and the human's commands on <c>cmd/request</c>.
/// Success is the reward's terminal flag (and EVENT_SUCCESS), or with a success classifier (HIL-SERL) only its
/// success_probability above the threshold: the environment's own end then merely truncates. Human control
/// (HIL-SERL) is an open INTERVENTION_BEGIN…END window or a teleop/remote request seen since the last tick; with
/// <paramref name="demonstrator"/> a scripted request (the simulated expert) counts as a human's. Every method runs on
/// the node's mutually exclusive callbacks.
/// </summary>
internal sealed class EpisodeLabels(double successThreshold, bool demonstrator = false)
{
    private bool _success;
    private bool _truncated;
    private bool _windowOpen;
    private bool _humanThisStep;
    private CommandRequest? _humanCommand;
    private string _why = string.Empty;

    /// <summary>An episode is under way: started, not yet ended (for this node).</summary>
    public bool InEpisode { get; private set; }

    /// <summary>Stamp of the latest EVENT_START, ns: steps are recorded from the first observation after it.</summary>
    public long EpisodeStartNs { get; private set; } = long.MaxValue;

    /// <summary>Why the last episode ended (for the log).</summary>
    public string LastEnd => _why;

    public void OnEvent(EpisodeEvent e)
    {
        switch (e.Event)
        {
            case EpisodeEvent.EVENT_START:
                (InEpisode, EpisodeStartNs) = (true, RosTime.ToNanoseconds(e.Header.Stamp));
                break;
            case EpisodeEvent.EVENT_SUCCESS when successThreshold <= 0:
                End(success: true, $"success ({e.Detail})");
                break;
            case EpisodeEvent.EVENT_SUCCESS or EpisodeEvent.EVENT_FAILURE or EpisodeEvent.EVENT_STOP or EpisodeEvent.EVENT_RESET:
                End(success: false, $"episode {e.EpisodeIndex} ended: {e.Detail}");
                break;
            case EpisodeEvent.EVENT_INTERVENTION_BEGIN:
                (_windowOpen, _humanThisStep) = (true, true);
                break;
            case EpisodeEvent.EVENT_INTERVENTION_END:
                _windowOpen = false; // the step it ends in was still the human's (_humanThisStep stays)
                break;
        }
    }

    public void OnReward(Reward reward)
    {
        // A late score of the previous episode's last frames (a reward model publishes one observation late, from its
        // own thread) must not end this one: a frame stamped at or before START belongs to the episode before.
        var observedNs = RosTime.ToNanoseconds(reward.ObservationStamp);
        if (observedNs > 0 && EpisodeStartNs != long.MaxValue && observedNs <= EpisodeStartNs)
        {
            return;
        }

        var success = successThreshold > 0 ? reward.SuccessProbability > successThreshold : reward.Terminal;
        if (success)
        {
            End(success: true, successThreshold > 0 ? $"success classifier p = {reward.SuccessProbability:0.00} > {successThreshold}" : "success");
        }
        else if (reward.Truncated)
        {
            End(success: false, "truncated (time limit)");
        }
    }

    /// <summary>A request on cmd/request: a teleop or remote one (or the demonstrator's) is the human's action.</summary>
    public void OnCommand(CommandRequest request)
    {
        if (request.Source is CommandRequest.SOURCE_TELEOP or CommandRequest.SOURCE_REMOTE || (demonstrator && request.Source == CommandRequest.SOURCE_SCRIPTED))
        {
            (_humanCommand, _humanThisStep) = (request, true);
        }
    }

    /// <summary>The supervisor left RUNNING: the episode is cut short (truncated, not a failure the agent learns as final).</summary>
    public void OnStop()
    {
        if (InEpisode)
        {
            End(success: false, "the supervisor stopped running");
        }
    }

    /// <summary>The labels of the step that ends now, and the start of the next one.</summary>
    public StepLabels TakeStep()
    {
        var labels = new StepLabels(_success ? 1f : 0f, _success, !_success && _truncated, _humanThisStep || _windowOpen, _humanCommand);
        (_success, _truncated, _humanThisStep, _humanCommand) = (false, false, false, null);
        return labels;
    }

    private void End(bool success, string why)
    {
        if (!InEpisode)
        {
            return; // one end per episode: the reward and the event of the same success count once
        }

        (_success, _truncated, InEpisode, _why) = (_success || success, _truncated || !success, false, why);
    }
}
