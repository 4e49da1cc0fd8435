namespace Robotics.Policies.Text.PreTokenizers;

/// <summary>What a split does with the delimiters it found (Rust <c>SplitDelimiterBehavior</c>).</summary>
internal enum SplitBehavior
{
    Removed,
    Isolated,
    MergedWithPrevious,
    MergedWithNext,
    Contiguous,
}
