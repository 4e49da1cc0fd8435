namespace Robotics.Policies.Rewards;

/// <summary>
/// Potential-based shaping (Ng, Harada and Russell 1999, as Robo-Dopamine): r′ = r + λ(γΦ(s′) − Φ(s)) with Φ the
/// reward model's progress. It leaves the optimal policy unchanged because the shaping terms telescope: over an episode
/// that ends on a true terminal, where Φ(s′) := 0, they sum (γ = 1) to −λΦ(s₀), whatever the agent did. At a time limit
/// Φ(s′) is kept: the episode was cut, not finished, and zeroing it would punish being stopped (Pardo et al. 2018).
/// γ must be the RL discount. Never use r = φ(s) itself: the agent learns to hover at high-progress states
/// (LEARNING.md §4). A non-finite reward or potential is refused, so a NaN from the model can never become a reward.
/// </summary>
public sealed class PotentialShaping
{
    /// <summary>λ scales the shaping term (≥ 0, finite); γ is the RL discount, in (0, 1].</summary>
    public PotentialShaping(float scale, float gamma)
    {
        Scale = float.IsFinite(scale) && scale >= 0 ? scale : throw new ArgumentOutOfRangeException(nameof(scale), scale, "The shaping scale λ must be finite and ≥ 0.");
        Gamma = gamma is > 0 and <= 1 ? gamma : throw new ArgumentOutOfRangeException(nameof(gamma), gamma, "γ must be in (0, 1] (and equal the RL discount).");
    }

    /// <summary>λ.</summary>
    public float Scale { get; }

    /// <summary>γ.</summary>
    public float Gamma { get; }

    /// <summary>
    /// r′ for one transition; false (and NaN) when <paramref name="reward"/>, <paramref name="potential"/> or
    /// <paramref name="nextPotential"/> is not finite — quarantine the transition. <paramref name="terminal"/>: a true
    /// end (success, failure state); a time limit is not terminal.
    /// </summary>
    public bool TryShape(float reward, float potential, float nextPotential, bool terminal, out float shaped)
    {
        shaped = float.NaN;
        if (!float.IsFinite(reward) || !float.IsFinite(potential) || !float.IsFinite(nextPotential))
        {
            return false;
        }

        var next = terminal ? 0 : nextPotential;
        shaped = reward + (Scale * ((Gamma * next) - potential));
        return float.IsFinite(shaped);
    }

    /// <summary><see cref="TryShape"/> that throws an <see cref="ArgumentException"/> naming the non-finite value.</summary>
    public float Shape(float reward, float potential, float nextPotential, bool terminal)
    {
        if (TryShape(reward, potential, nextPotential, terminal, out var shaped))
        {
            return shaped;
        }

        var what = !float.IsFinite(reward) ? $"reward {reward}" : !float.IsFinite(potential) ? $"Φ(s) = {potential}" : !float.IsFinite(nextPotential) ? $"Φ(s′) = {nextPotential}" : "the shaped reward";
        throw new ArgumentException($"{what} is not finite; the transition must be quarantined, not rewarded");
    }
}
