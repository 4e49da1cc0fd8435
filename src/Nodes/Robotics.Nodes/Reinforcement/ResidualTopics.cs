using Robotics.Middleware.Qos;

namespace Robotics.Nodes.Reinforcement;

/// <summary>The topics and QoS of the actor/learner split (LEARNING.md §3 "Split"), shared by both sides so they match.</summary>
public static class ResidualTopics
{
    /// <summary>robotics_msgs/PolicyWeights, learner → actors.</summary>
    public const string Weights = "residual/weights";

    /// <summary>robotics_msgs/TransitionBatch, actors → learner (or reward_model → learner when rewards are shaped).</summary>
    public const string Transitions = "residual/transitions";

    /// <summary>
    /// robotics_msgs/TransitionBatch, actors → reward_model when rewards are shaped: steps with their sparse reward and
    /// reward-model frames, which the reward model relabels and forwards on <see cref="Transitions"/>.
    /// </summary>
    public const string RawTransitions = "residual/transitions_raw";

    /// <summary>robotics_msgs/LearnerStatus.</summary>
    public const string LearnerStatus = "residual/learner_status";

    /// <summary>The encoding of <c>PolicyWeights.data</c> both sides speak: NetworkSerializer's RNET.</summary>
    public const string RnetFormat = "rnet";

    /// <summary>
    /// Reliable, transient-local, keep-last 1: only the newest weights matter, and an actor that (re)starts after the
    /// learner published gets them at once instead of running the bare base policy until the next publication.
    /// </summary>
    public static QosProfile WeightsQos { get; } = QosProfile.Latched;

    /// <summary>
    /// Reliable keep-last 100 batches (both transition topics): a learner that stalls a moment loses nothing, and a keep-last writer never
    /// blocks the actor's control thread the way a keep-all one may when the reader falls behind.
    /// </summary>
    public static QosProfile TransitionsQos { get; } = new(100);
}
