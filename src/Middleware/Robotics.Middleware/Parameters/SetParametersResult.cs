namespace Robotics.Middleware.Parameters;

/// <summary>Outcome of setting parameters; <see cref="Reason"/> names the parameter and what was wrong.</summary>
public readonly record struct SetParametersResult(bool Successful, string Reason)
{
    public static SetParametersResult Success { get; } = new(true, string.Empty);

    public static SetParametersResult Reject(string reason) => new(false, reason);
}
