using Robotics.Messages.RoboticsMsgs;
using Robotics.Policies.Rewards;

namespace Robotics.Nodes.Rewards;

/// <summary>
/// One actor's stream of transitions through a <see cref="TransitionRelabeller"/>, in order. A quarantined step is
/// left out, and the learner must not join the steps on either side of it: its n-step returns run over consecutive
/// transitions until terminal or truncated. So the last step before a gap (a quarantined step, or a step that does not
/// continue the one before) goes out marked truncated — the learner bootstraps from its s′, exactly as after a time
/// limit (Pardo et al. 2018). Because the gap may open in the next batch, the last step of an unfinished episode is
/// held until its successor is relabelled (one batch later).
/// </summary>
internal sealed class RelabelledStream(TransitionRelabeller relabeller)
{
    private readonly List<RewardStep> _steps = [];
    private RelabelledStep[] _results = [];
    private Transition? _held;

    /// <summary>Steps quarantined in this stream.</summary>
    public long Quarantined => relabeller.Quarantined;

    /// <summary>
    /// Relabels <paramref name="transitions"/> and returns the steps ready to send, in order; <paramref name="quarantined"/>
    /// gets the index of each step left out (the caller logs why).
    /// </summary>
    public List<Transition> Relabel(Transition[] transitions, List<int> quarantined)
    {
        _steps.Clear();
        foreach (var t in transitions)
        {
            _steps.Add(t is null ? default : new RewardStep(t.Frame, t.NextFrame, t.Reward, t.Terminal, t.Truncated));
        }

        if (_results.Length < _steps.Count)
        {
            _results = new RelabelledStep[_steps.Count];
        }

        relabeller.Relabel(_steps, _results.AsSpan(0, _steps.Count));
        var ready = new List<Transition>(transitions.Length + 1);
        for (var i = 0; i < transitions.Length; i++)
        {
            var result = _results[i];
            if (result.Quarantined || result.StartsSegment)
            {
                Cut(ready);
            }

            if (result.Quarantined)
            {
                quarantined.Add(i);
                continue;
            }

            if (_held is not null)
            {
                ready.Add(_held); // its successor is sound: it goes as it came
            }

            _held = Relabelled(transitions[i], result.Reward);
            if (_held.Terminal || _held.Truncated)
            {
                ready.Add(_held);
                _held = null;
            }
        }

        return ready;
    }

    /// <summary>The held step, cut (the stream stops here), or null.</summary>
    public Transition? Flush()
    {
        var held = new List<Transition>(1);
        Cut(held);
        return held.Count > 0 ? held[0] : null;
    }

    /// <summary>Why <paramref name="t"/> was quarantined, and what to do about it.</summary>
    public static string Why(Transition? t, int frameSize) =>
        t is null ? "a null transition"
        : t.Frame.Length == 0 || t.NextFrame.Length == 0 ? "the actor sent no reward-model frames (set transitions_topic:=residual/transitions_raw on the residual actor, which then sends each step's frames)"
        : t.Frame.Length != frameSize || t.NextFrame.Length != frameSize ? $"frames of {t.Frame.Length}/{t.NextFrame.Length} values; the model takes {frameSize} (the actor's frames must be the model's features)"
        : "the reward model's score is not finite (corrupt weights, or a NaN frame within its context); check the model (retrain it with robotics train reward)";

    private void Cut(List<Transition> ready)
    {
        if (_held is not null)
        {
            _held.Truncated = true; // our own copy: the actor's message is shared with every other subscriber
            ready.Add(_held);
            _held = null;
        }
    }

    private static Transition Relabelled(Transition t, float reward) => new()
    {
        State = t.State,
        Action = t.Action,
        Reward = reward,
        NextState = t.NextState,
        Terminal = t.Terminal,
        Truncated = t.Truncated,
        Intervention = t.Intervention,
        Frame = t.Frame,
        NextFrame = t.NextFrame,
    };
}
