namespace Robotics.Middleware.Qos;

/// <summary>
/// DDS request/offer matching (q_qosmatch.c): a reader may not ask for more than the writer offers, or the
/// two never connect (ROS2_WIRE.md). Returns the reason, or null when they match.
/// </summary>
public static class QosCompatibility
{
    public static string? Check(QosProfile offered, QosProfile requested)
    {
        if (requested.Reliability == Reliability.Reliable && offered.Reliability == Reliability.BestEffort)
        {
            return "reliability: a reliable subscription does not match a best-effort publisher";
        }

        if (requested.Durability == Durability.TransientLocal && offered.Durability == Durability.Volatile)
        {
            return "durability: a transient-local subscription does not match a volatile publisher";
        }

        if (requested.Deadline > TimeSpan.Zero && (offered.Deadline == TimeSpan.Zero || offered.Deadline > requested.Deadline))
        {
            return "deadline: the publisher offers a longer deadline than the subscription requests";
        }

        if (requested.Liveliness == Liveliness.ManualByTopic && offered.Liveliness == Liveliness.Automatic)
        {
            return "liveliness: a manual-by-topic subscription does not match an automatic publisher";
        }

        return null;
    }
}
