using Robotics.Middleware.Hardware;

namespace Robotics.Nodes.Safety;

/// <summary>
/// What only the composition root can provide to the supervisor node (edges are not referenced from here): the
/// hardware for a <c>hardware</c> parameter other than <c>kinematic</c> (it may declare its own parameters on the
/// node, e.g. <c>port</c>), and the platform's real-time thread setup and precise sleep for the control loop.
/// </summary>
public sealed record ControlPlatform(
    Func<SupervisorNode, string, IReadOnlyList<string>, IHardwareComponent>? Hardware = null,
    Func<string?>? ThreadSetup = null,
    Action<long>? SleepUntil = null);
