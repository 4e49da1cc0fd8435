namespace Robotics.Safety;

/// <summary>A joint's last commanded position, velocity and acceleration: what rate limits are computed from (B9).</summary>
public readonly record struct JointMotion(double Position, double Velocity = 0, double Acceleration = 0);
