namespace Robotics.Policies.Text.PreTokenizers;

/// <summary>When Metaspace prefixes a piece with its replacement character.</summary>
internal enum MetaspacePrependScheme
{
    Always,
    First,
    Never,
}
