namespace Robotics.Middleware.Dds.Wire;

public enum DdsTopicKind
{
    Topic,
    Request,
    Reply,
    Other,
}
