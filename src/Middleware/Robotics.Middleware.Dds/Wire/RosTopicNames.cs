namespace Robotics.Middleware.Dds.Wire;

/// <summary>
/// ROS name ↔ DDS topic name (rmw_cyclonedds namespace_prefix.hpp, ROS2_WIRE.md "Names"): topics get <c>rt</c>,
/// service requests <c>rq…Request</c>, replies <c>rr…Reply</c>. Action topics and services are plain topics and
/// services under <c>&lt;action&gt;/_action/</c>, so they need nothing extra here.
/// </summary>
public static class RosTopicNames
{
    private const string TopicPrefix = "rt";
    private const string RequestPrefix = "rq";
    private const string ReplyPrefix = "rr";

    public static string Topic(string rosTopic) => TopicPrefix + rosTopic;

    public static string Request(string rosService) => RequestPrefix + rosService + "Request";

    public static string Reply(string rosService) => ReplyPrefix + rosService + "Reply";

    /// <summary>What a discovered DDS topic name means in ROS terms; <see cref="DdsTopicKind.Other"/> for non-ROS topics.</summary>
    public static (DdsTopicKind Kind, string RosName) Parse(string ddsTopic)
    {
        if (ddsTopic.StartsWith(TopicPrefix + "/", StringComparison.Ordinal))
        {
            return (DdsTopicKind.Topic, ddsTopic[TopicPrefix.Length..]);
        }

        if (ddsTopic.StartsWith(RequestPrefix + "/", StringComparison.Ordinal) && ddsTopic.EndsWith("Request", StringComparison.Ordinal))
        {
            return (DdsTopicKind.Request, ddsTopic[RequestPrefix.Length..^"Request".Length]);
        }

        if (ddsTopic.StartsWith(ReplyPrefix + "/", StringComparison.Ordinal) && ddsTopic.EndsWith("Reply", StringComparison.Ordinal))
        {
            return (DdsTopicKind.Reply, ddsTopic[ReplyPrefix.Length..^"Reply".Length]);
        }

        return (DdsTopicKind.Other, ddsTopic);
    }

    /// <summary><c>pkg::msg::dds_::Name_</c> → <c>pkg/msg/Name</c>; services' <c>Svc_Request_</c> → <c>pkg/srv/Svc</c> with <paramref name="asService"/>.</summary>
    public static string RosTypeName(string ddsTypeName, bool asService = false)
    {
        var parts = ddsTypeName.Split("::");
        if (parts.Length != 4 || parts[2] != "dds_" || !parts[3].EndsWith('_'))
        {
            return ddsTypeName;
        }

        var name = parts[3][..^1];
        if (asService)
        {
            foreach (var suffix in (string[])["_Request", "_Response"])
            {
                if (name.EndsWith(suffix, StringComparison.Ordinal))
                {
                    name = name[..^suffix.Length];
                    break;
                }
            }
        }

        return $"{parts[0]}/{parts[1]}/{name}";
    }
}
