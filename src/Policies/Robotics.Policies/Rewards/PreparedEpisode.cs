using Robotics.Policies.Contract;

namespace Robotics.Policies.Rewards;

/// <summary>
/// An episode ready for sampling: normalized states and the per-frame targets of all three heads. Success targets:
/// 1 on the last <see cref="RewardModelOptions.SuccessWindowFraction"/> of a success's frames (at least one), 0 on
/// every other frame — the earlier frames of a success are the last frames of the success clipped there, which
/// RoboReward labels as failures; failures and time-limited episodes are 0 throughout.
/// </summary>
internal sealed class PreparedEpisode
{
    public PreparedEpisode(RewardEpisode episode, Normalizer normalizer, double successWindowFraction)
    {
        var (frames, size) = (episode.Length, episode.StateSize);
        States = new float[frames * size];
        var raw = new double[size];
        for (var t = 0; t < frames; t++)
        {
            var state = episode.State(t);
            for (var i = 0; i < size; i++)
            {
                raw[i] = state[i];
            }

            normalizer.NormalizeState(raw, States.AsSpan(t * size, size));
        }

        Stages = episode.Stages.ToArray();
        Taus = episode.StageProgress.ToArray();
        Success = new float[frames];
        if (episode.Success)
        {
            var window = Math.Clamp((int)Math.Round(successWindowFraction * frames), 1, frames);
            Success.AsSpan(frames - window).Fill(1);
        }

        (Length, StateSize) = (frames, size);
    }

    public int Length { get; }

    public int StateSize { get; }

    public float[] States { get; }

    public int[] Stages { get; }

    public float[] Taus { get; }

    public float[] Success { get; }

    /// <summary>
    /// Writes the context of position <paramref name="position"/> of a sequence that runs forward to frame
    /// <paramref name="turn"/> and then back (SARM's rewind; turn = T − 1 is the plain episode): C normalized frames,
    /// the current first, then every <paramref name="stride"/>-th earlier position, the first frame repeating before
    /// the start.
    /// </summary>
    public void Context(int position, int turn, int frames, int stride, Span<float> destination) =>
        RewardInputs.Context(States, StateSize, position, frames, stride, destination, turn);
}
