namespace Robotics.Middleware.Graph;

public enum EndpointKind
{
    Publisher,
    Subscription,
}
