namespace Robotics.Cli;

/// <summary>A user error on the command line: printed as one line with what to do, exit code 2, no stack trace.</summary>
public sealed class CliException : Exception
{
    public CliException()
    {
    }

    public CliException(string message)
        : base(message)
    {
    }

    public CliException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
