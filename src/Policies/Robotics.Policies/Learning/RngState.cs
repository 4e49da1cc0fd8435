namespace Robotics.Policies.Learning;

/// <summary>The four state words of an <see cref="Rng"/>, for checkpoints: <c>new Rng(state)</c> resumes the same stream.</summary>
public readonly record struct RngState(ulong S0, ulong S1, ulong S2, ulong S3);
