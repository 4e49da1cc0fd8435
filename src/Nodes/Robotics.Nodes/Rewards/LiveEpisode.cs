using Robotics.Messages.RoboticsMsgs;
using Robotics.Policies.Rewards;

namespace Robotics.Nodes.Rewards;

/// <summary>
/// Turns the live stream of observations and episode events into steps whose ending is known. The step into the
/// latest observation is held until the next observation or the episode's end arrives: only then is it known whether
/// s′ is a true terminal (Φ(s′) := 0), a time limit (Φ(s′) kept) or neither — so a step leaves one observation late,
/// never with a guessed ending. The first observation of an episode closes no step. Observations between an episode's
/// end and the next START/RESET belong to no episode and are ignored; before any event at all, the node's first
/// observation starts one (a robot without an episode manager still gets rewards).
/// </summary>
/// <param name="failureIsTerminal">FAILURE is a true terminal (a failure state); else a cut (the simulator's time limit).</param>
internal sealed class LiveEpisode(bool failureIsTerminal)
{
    private float[]? _previous;
    private float[]? _latest;
    private long _latestStampNs;
    private long _startNs;
    private bool _inEpisode = true;

    /// <summary>
    /// An observation or an episode event, in arrival order: START/RESET begin an episode, SUCCESS ends it at a true
    /// terminal with r = 1, FAILURE at a terminal or a cut (failure_is_terminal), STOP and an abandoned episode cut it.
    /// </summary>
    public void Take(LiveInput input, List<LiveStep> decided)
    {
        if (input.Frame is not null)
        {
            Observe(input.Frame, input.StampNs, decided);
            return;
        }

        switch (input.Event)
        {
            case EpisodeEvent.EVENT_START or EpisodeEvent.EVENT_RESET:
                Start(input.StampNs, decided);
                break;
            case EpisodeEvent.EVENT_SUCCESS:
                End(terminal: true, reward: 1, success: true, decided);
                break;
            case EpisodeEvent.EVENT_FAILURE:
                End(failureIsTerminal, reward: 0, success: false, decided);
                break;
            default: // STOP, or abandoned for a backlog
                End(terminal: false, reward: 0, success: null, decided);
                break;
        }
    }

    /// <summary>
    /// A new episode (START, RESET, stamped <paramref name="stampNs"/>; 0: unknown): one still open is cut there, as a
    /// truncation.
    /// </summary>
    public void Start(long stampNs, List<LiveStep> decided)
    {
        End(terminal: false, reward: 0, success: null, decided);
        (_inEpisode, _startNs) = (true, stampNs);
    }

    /// <summary>The episode's next observation (S raw values, not copied: the caller hands it over).</summary>
    public void Observe(float[] frame, long stampNs, List<LiveStep> decided)
    {
        // An observation stamped at or before START shows the episode before it (the simulator publishes both in one
        // tick): it would fill the new episode's context with the old episode's last state.
        if (!_inEpisode || (_startNs > 0 && stampNs <= _startNs))
        {
            return;
        }

        if (_previous is not null && _latest is not null)
        {
            decided.Add(new LiveStep(new RewardStep(_previous, _latest, 0, Terminal: false, Truncated: false), _latestStampNs, Success: null));
        }

        (_previous, _latest, _latestStampNs) = (_latest, frame, stampNs);
    }

    /// <summary>
    /// The episode ended at the latest observation: a true terminal (success, a failure state) or a cut (time limit,
    /// stop), with the sparse reward of its last step. Nothing happens outside an episode.
    /// </summary>
    public void End(bool terminal, float reward, bool? success, List<LiveStep> decided)
    {
        if (_inEpisode && _previous is not null && _latest is not null)
        {
            decided.Add(new LiveStep(new RewardStep(_previous, _latest, reward, terminal, Truncated: !terminal), _latestStampNs, success));
        }

        (_previous, _latest, _inEpisode) = (null, null, false);
    }
}
