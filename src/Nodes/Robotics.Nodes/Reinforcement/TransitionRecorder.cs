using Robotics.Messages.RoboticsMsgs;
using Robotics.Middleware.Logging;

namespace Robotics.Nodes.Reinforcement;

/// <summary>
/// Writes every batch a learner receives into one new <see cref="TransitionLog"/> file of <c>record_dir</c>, opened at
/// the first batch. A disk that fails is logged once and recording stops: training goes on without it.
/// </summary>
internal sealed class TransitionRecorder(string directory, string policyId, NodeLogger logger, TimeProvider clock) : IDisposable
{
    private FileStream? _file;
    private bool _failed;

    public void Append(TransitionBatch batch)
    {
        if (_failed)
        {
            return;
        }

        try
        {
            _file ??= TransitionLog.Create(directory, policyId, clock.GetUtcNow());
            TransitionLog.Append(_file, batch);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            logger.Error($"recording to {directory} failed, not recording any more (training goes on): {e.Message}");
            _file?.Dispose();
            (_file, _failed) = (null, true);
        }
    }

    public void Dispose() => _file?.Dispose();
}
