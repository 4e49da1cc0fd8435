namespace Robotics.Middleware.Names;

/// <summary>
/// One remapping <c>[node:]from:=to</c> (ROS 2 design "Remapping Names"). Both sides are expanded against the
/// node before matching, so <c>chatter:=talk</c> applies to <c>/ns/chatter</c> for a node in <c>/ns</c>.
/// </summary>
public sealed record RemapRule(string From, string To, string? NodeName = null)
{
    /// <summary>Parses <c>from:=to</c> or <c>node:from:=to</c>; throws <see cref="FormatException"/> naming the rule.</summary>
    public static RemapRule Parse(string text)
    {
        var split = text.IndexOf(":=", StringComparison.Ordinal);
        if (split <= 0 || split == text.Length - 2)
        {
            throw new FormatException($"remapping '{text}' must look like from:=to");
        }

        var from = text[..split];
        var to = text[(split + 2)..];
        var colon = from.IndexOf(':', StringComparison.Ordinal);
        return colon > 0 ? new RemapRule(from[(colon + 1)..], to, from[..colon]) : new RemapRule(from, to);
    }

    public override string ToString() => NodeName is null ? $"{From}:={To}" : $"{NodeName}:{From}:={To}";
}
