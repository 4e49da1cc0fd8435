namespace Robotics.Policies.Text.Models;

/// <summary>The settings of a tokenizer.json <c>BPE</c> model besides its vocabulary and merges.</summary>
internal sealed record BpeOptions(
    int UnknownId,
    bool FuseUnknown,
    bool ByteFallback,
    string? ContinuingSubwordPrefix,
    string? EndOfWordSuffix,
    bool IgnoreMerges);
