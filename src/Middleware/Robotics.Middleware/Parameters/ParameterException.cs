namespace Robotics.Middleware.Parameters;

/// <summary>A parameter declared twice, read before declaration, or given an invalid override at start-up.</summary>
public sealed class ParameterException : Exception
{
    public ParameterException()
    {
    }

    public ParameterException(string message)
        : base(message)
    {
    }

    public ParameterException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
