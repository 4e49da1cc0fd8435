namespace Robotics.Middleware.Transport;

/// <summary>Identifies one request: the client's id and its sequence number (the Cyclone request header, ROS2_WIRE.md).</summary>
public readonly record struct RequestId(Guid ClientId, long Sequence);
