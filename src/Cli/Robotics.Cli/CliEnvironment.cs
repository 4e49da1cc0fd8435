using Robotics.Middleware;

namespace Robotics.Cli;

/// <summary>
/// What a command runs against: the process's ROS context, output streams, a stop signal (Ctrl-C), and the answers to
/// interactive prompts (<see cref="In"/>: standard input; null where nobody can answer, so a prompt fails clearly).
/// </summary>
public sealed record CliEnvironment(RosContext Context, TextWriter Out, TextWriter Error, CancellationToken Stop, TextReader? In = null);
