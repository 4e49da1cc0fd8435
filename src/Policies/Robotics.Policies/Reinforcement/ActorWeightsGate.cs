using Robotics.Policies.Learning;

namespace Robotics.Policies.Reinforcement;

/// <summary>
/// The actor's side of the actor/learner split (LEARNING.md §3 "Split"): versioned weights from a learner reach the
/// live network only through here. A version not newer than the last accepted one (a replay, a restarted learner
/// that lost its count), bytes that are not an RNET file, a network of another shape and any NaN/inf weight are
/// refused with the reason, and the live network keeps its weights: it is written only after every check passed.
/// Parsing and checking happen outside <c>liveLock</c>; only the copy into the live network holds it, so an actor
/// that runs <see cref="Network"/> under the same lock never sees half-copied weights and never waits for a parse.
/// Calls to <see cref="TryAccept"/> must not overlap each other.
/// </summary>
public sealed class ActorWeightsGate
{
    private readonly Lock? _liveLock;

    /// <summary>
    /// Gates <paramref name="live"/>, whose current weights count as <paramref name="version"/> (0: none received);
    /// <paramref name="liveLock"/>, when given, is held while weights are copied in.
    /// </summary>
    public ActorWeightsGate(Mlp live, ulong version = 0, Lock? liveLock = null)
    {
        Network = live ?? throw new ArgumentNullException(nameof(live));
        (Version, _liveLock) = (version, liveLock);
    }

    /// <summary>The live network, holding the last accepted weights.</summary>
    public Mlp Network { get; }

    /// <summary>The version of the weights in <see cref="Network"/>.</summary>
    public ulong Version { get; private set; }

    public long Accepted { get; private set; }

    public long Rejected { get; private set; }

    /// <summary>
    /// Copies the network in <paramref name="rnet"/> (<see cref="NetworkSerializer"/> bytes; optimizer state, if any,
    /// is ignored) into <see cref="Network"/> when <paramref name="version"/> is newer and the weights are sound.
    /// </summary>
    public bool TryAccept(ulong version, ReadOnlySpan<byte> rnet, out string reason)
    {
        var refusal = Check(version, rnet, out var candidate);
        if (refusal is not null)
        {
            Rejected++;
            reason = refusal;
            return false;
        }

        if (_liveLock is null)
        {
            Polyak.Copy(Network, candidate!);
        }
        else
        {
            lock (_liveLock)
            {
                Polyak.Copy(Network, candidate!);
            }
        }

        (Version, reason) = (version, string.Empty);
        Accepted++;
        return true;
    }

    private string? Check(ulong version, ReadOnlySpan<byte> rnet, out Mlp? candidate)
    {
        candidate = null;
        if (version <= Version)
        {
            return $"weights version {version} is not newer than the accepted version {Version}";
        }

        if (rnet.IsEmpty)
        {
            return $"weights version {version} carry no data";
        }

        try
        {
            candidate = Parse(rnet);
        }
        catch (InvalidDataException e)
        {
            return $"weights version {version} do not parse: {e.Message}";
        }

        if (NetworkSerializer.StructureDifference(candidate, Network) is { } difference)
        {
            return $"weights version {version} have another structure than the live actor: {difference}";
        }

        for (var p = 0; p < candidate.Parameters.Count; p++)
        {
            var values = candidate.Parameters[p].Value;
            for (var i = 0; i < values.Length; i++)
            {
                if (!float.IsFinite(values[i]))
                {
                    return $"weights version {version} hold {values[i]} at element {i} of parameter {p} ({candidate.Parameters[p]})";
                }
            }
        }

        return null;
    }

    private static unsafe Mlp Parse(ReadOnlySpan<byte> rnet)
    {
        fixed (byte* bytes = rnet)
        {
            // Read in place: weights can be megabytes, and this runs beside the control loop.
            using var stream = new UnmanagedMemoryStream(bytes, rnet.Length);
            return NetworkSerializer.Load(stream);
        }
    }
}
