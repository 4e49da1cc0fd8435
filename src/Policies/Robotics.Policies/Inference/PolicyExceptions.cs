namespace Robotics.Policies.Inference;

/// <summary>A policy (model, sidecar, tokenizer) cannot be loaded or does not fit the robot; the message names what.</summary>
public sealed class PolicyLoadException : Exception
{
    public PolicyLoadException()
    {
    }

    public PolicyLoadException(string message)
        : base(message)
    {
    }

    public PolicyLoadException(string message, Exception inner)
        : base(message, inner)
    {
    }
}

/// <summary>An inference failed or returned something unusable (NaN, wrong size): the tick commands nothing.</summary>
public sealed class PolicyRunException : Exception
{
    public PolicyRunException()
    {
    }

    public PolicyRunException(string message)
        : base(message)
    {
    }

    public PolicyRunException(string message, Exception inner)
        : base(message, inner)
    {
    }
}
