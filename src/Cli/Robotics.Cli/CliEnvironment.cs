using Robotics.Middleware;

namespace Robotics.Cli;

/// <summary>What a command runs against: the process's ROS context, output streams, and a stop signal (Ctrl-C).</summary>
public sealed record CliEnvironment(RosContext Context, TextWriter Out, TextWriter Error, CancellationToken Stop);
