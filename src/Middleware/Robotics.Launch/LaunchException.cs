namespace Robotics.Launch;

/// <summary>
/// Every problem found in a launch file, a parameter file or a ROS command line. For files the message reads
/// <c>file:line: what is wrong</c>, the shape compilers use, so an editor or a person can jump to the spot;
/// command-line problems have no file and carry the bare description.
/// </summary>
public class LaunchException : Exception
{
    public LaunchException()
    {
        Problem = Message;
    }

    public LaunchException(string message)
        : base(message)
    {
        Problem = message;
    }

    public LaunchException(string message, Exception innerException)
        : base(message, innerException)
    {
        Problem = message;
    }

    public LaunchException(SourceLocation location, string problem, Exception? innerException = null)
        : base($"{location}: {problem}", innerException)
    {
        Location = location;
        Problem = problem;
    }

    /// <summary>Where the problem is; null for command-line arguments.</summary>
    public SourceLocation? Location { get; }

    /// <summary>The description without the location prefix.</summary>
    public string Problem { get; }
}
