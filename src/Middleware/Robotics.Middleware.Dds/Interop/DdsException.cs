namespace Robotics.Middleware.Dds;

/// <summary>A Cyclone DDS call failed, or the DDS libraries are missing; the message says which call and what to do.</summary>
public sealed class DdsException : Exception
{
    public DdsException()
    {
    }

    public DdsException(string message)
        : base(message)
    {
    }

    public DdsException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>The <c>DDS_RETCODE_*</c> value, when the failure came from a DDS call.</summary>
    public int ReturnCode { get; init; }
}
