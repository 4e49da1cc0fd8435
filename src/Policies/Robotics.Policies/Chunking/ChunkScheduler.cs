using System.Globalization;

namespace Robotics.Policies.Chunking;

/// <summary>
/// Turns action chunks into exactly one action per control tick, or none (LEARNING.md §1). A chunk computed from the
/// observation of tick t0 holds H actions, action i meant for tick t0 + i. Each tick the policy node asks
/// <see cref="NeedsInference"/> (then <see cref="MarkRequested"/> and runs the policy), hands arrived chunks to
/// <see cref="AddChunk"/>, and calls <see cref="TryTake"/> once: it yields the action meant for that tick or
/// nothing — an action is never replayed and never executed at a tick it was not meant for; a dry tick is counted
/// and the node sends no command, so the safety supervisor holds the robot.
/// <para>
/// The executed action's <c>observationTick</c> is the observation behind it: Sync/Async, the chunk it came from —
/// for a blended action the newer chunk's, which every queued action shares after a merge; Ensemble, the newest chunk
/// contributing to the average. The node publishes tick − observationTick as the action's age.
/// </para>
/// Not thread-safe: one control thread owns it. <see cref="NeedsInference"/>, <see cref="AddChunk"/>,
/// <see cref="TryTake"/> and <see cref="Depth"/> allocate nothing.
/// </summary>
public sealed class ChunkScheduler
{
    private readonly ActionQueue? _queue;
    private readonly TemporalEnsemble? _ensemble;
    private readonly int _actionSize;
    private readonly int _chunkFloats;
    private readonly int _stepsPerChunk;
    private readonly int _triggerDepth;
    private readonly float _oldWeight;
    private readonly float _newWeight;
    private readonly bool _blend;
    private long _lastTick = long.MinValue;
    private long _newestObservationTick = long.MinValue;
    private long _latestNowTick = long.MinValue;
    private long _requestedTick;

    /// <exception cref="ArgumentException">The options are invalid; the message lists every problem.</exception>
    public ChunkScheduler(ChunkSchedulerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = options.Validate();
        if (errors.Count > 0)
        {
            throw new ArgumentException("invalid chunk scheduler options: " + string.Join("; ", errors), nameof(options));
        }

        Options = options;
        _actionSize = options.ActionSize;
        _chunkFloats = options.ChunkLength * options.ActionSize;
        _stepsPerChunk = options.Mode == ChunkMode.Sync ? options.EffectiveExecuteSteps : options.ChunkLength;
        _triggerDepth = options.AsyncTriggerDepth;
        _oldWeight = (float)options.BlendOldWeight;
        _newWeight = (float)options.BlendNewWeight;
        _blend = options.Mode == ChunkMode.Async && options.AsyncMerge == ChunkMerge.Blend;
        if (options.Mode == ChunkMode.Ensemble)
        {
            _ensemble = new TemporalEnsemble(options.ActionSize, options.ChunkLength, options.EnsembleDecay);
        }
        else
        {
            _queue = new ActionQueue(options.ActionSize, options.ChunkLength);
        }
    }

    public ChunkSchedulerOptions Options { get; }

    /// <summary>A request is out (<see cref="MarkRequested"/>) and its chunk has not arrived nor been abandoned.</summary>
    public bool RequestInFlight { get; private set; }

    /// <summary>Chunks accepted: neither rejected nor stale (one whose actions had all passed is counted here and in <see cref="DroppedLateActions"/>).</summary>
    public long ChunksAdded { get; private set; }

    /// <summary>Ticks that executed an action.</summary>
    public long ActionsExecuted { get; private set; }

    /// <summary>Ticks with no action for them (the node sent nothing; the supervisor held).</summary>
    public long DryTicks { get; private set; }

    /// <summary>Actions that were never executed because their tick had passed: on arrival, or left in the queue.</summary>
    public long DroppedLateActions { get; private set; }

    /// <summary>Chunks ignored because a chunk from the same or a newer observation was already merged.</summary>
    public long StaleChunks { get; private set; }

    /// <summary>
    /// Whether the node should run the policy on this tick's observation. Never while a request is in flight.
    /// Sync: no action is left for <paramref name="tick"/>. Ensemble: no chunk from this tick's observation yet
    /// (query every tick). Async: actions left from <paramref name="tick"/> on ≤ ⌊g·H⌋.
    /// </summary>
    public bool NeedsInference(long tick)
    {
        if (RequestInFlight)
        {
            return false;
        }

        return Options.Mode switch
        {
            ChunkMode.Ensemble => _newestObservationTick < tick,
            ChunkMode.Async => Depth(tick) <= _triggerDepth,
            _ => Depth(tick) == 0,
        };
    }

    /// <summary>Records that inference was started on the observation of <paramref name="observationTick"/>.</summary>
    /// <exception cref="InvalidOperationException">A request is already in flight (one at a time).</exception>
    public void MarkRequested(long observationTick)
    {
        if (RequestInFlight)
        {
            throw new InvalidOperationException(
                $"a request for tick {_requestedTick} is still in flight; cancel it before requesting tick {observationTick}");
        }

        (RequestInFlight, _requestedTick) = (true, observationTick);
    }

    /// <summary>Abandons the request in flight (failed or timed out); its chunk, if it still comes, is merged if not stale.</summary>
    public void CancelRequest() => RequestInFlight = false;

    /// <summary>
    /// Merges a chunk computed from the observation of <paramref name="observationTick"/>, arriving at
    /// <paramref name="nowTick"/>. Actions for ticks before <paramref name="nowTick"/>, or already taken, are dropped.
    /// Clears the in-flight flag when the chunk answers the request. A chunk no newer than one already merged is
    /// ignored (counted in <see cref="StaleChunks"/>): latest-only would otherwise overwrite fresher actions.
    /// </summary>
    /// <param name="chunk">H × A floats, row-major (action i at [i·A, (i + 1)·A)).</param>
    /// <returns>True when the chunk provides at least one action still to come.</returns>
    /// <exception cref="ArgumentException">Wrong length, or a value is NaN or ±∞ (named by index); nothing changes.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="observationTick"/> is after <paramref name="nowTick"/>.</exception>
    public bool AddChunk(long observationTick, ReadOnlySpan<float> chunk, long nowTick)
    {
        if (chunk.Length != _chunkFloats)
        {
            throw new ArgumentException(
                $"chunk has {chunk.Length} floats; expected ChunkLength × ActionSize = {Options.ChunkLength} × {_actionSize} = {_chunkFloats}",
                nameof(chunk));
        }

        if (observationTick > nowTick)
        {
            throw new ArgumentOutOfRangeException(
                nameof(observationTick), observationTick, $"a chunk cannot come from an observation after the current tick {nowTick}");
        }

        for (var i = 0; i < chunk.Length; i++)
        {
            if (!float.IsFinite(chunk[i]))
            {
                throw new ArgumentException(
                    $"chunk[{i}] (action {i / _actionSize}, element {i % _actionSize}) is {chunk[i].ToString(CultureInfo.InvariantCulture)}; a chunk must be finite",
                    nameof(chunk));
            }
        }

        _latestNowTick = Math.Max(_latestNowTick, nowTick);
        if (RequestInFlight && observationTick >= _requestedTick)
        {
            RequestInFlight = false;
        }

        if (observationTick <= _newestObservationTick)
        {
            StaleChunks++;
            return false;
        }

        _newestObservationTick = observationTick;
        ChunksAdded++;
        var firstTick = Math.Max(nowTick, _lastTick == long.MinValue ? nowTick : _lastTick + 1);
        var late = (int)Math.Min(firstTick - observationTick, _stepsPerChunk);
        DroppedLateActions += late;
        if (late == _stepsPerChunk)
        {
            return false;
        }

        if (_ensemble is not null)
        {
            _ensemble.Add(observationTick, chunk);
        }
        else
        {
            DroppedLateActions += _queue!.Merge(observationTick, chunk, _stepsPerChunk, firstTick, _oldWeight, _newWeight, _blend);
        }

        return true;
    }

    /// <summary>
    /// Takes the action meant for <paramref name="tick"/>. Each tick may be taken once, in increasing order, and not
    /// before a tick already passed to <see cref="AddChunk"/> as <c>nowTick</c> (the two share one clock).
    /// False (a dry tick, counted): <paramref name="action"/> is filled with NaN, so a caller that ignores the
    /// result sends what the supervisor rejects and holds on, never a stale action; <paramref name="observationTick"/> is −1.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="action"/> is not A floats long.</exception>
    /// <exception cref="InvalidOperationException"><paramref name="tick"/> is not after the last tick taken, or is before the latest <c>nowTick</c>.</exception>
    public bool TryTake(long tick, Span<float> action, out long observationTick)
    {
        if (action.Length != _actionSize)
        {
            throw new ArgumentException($"action has {action.Length} floats; expected ActionSize = {_actionSize}", nameof(action));
        }

        if (tick <= _lastTick)
        {
            throw new InvalidOperationException(
                $"tick {tick} is not after the last tick taken ({_lastTick}); each tick is taken once, in order");
        }

        if (tick < _latestNowTick)
        {
            // A chunk arriving at nowTick dropped its actions for earlier ticks; the ensemble still stores them.
            throw new InvalidOperationException(
                $"tick {tick} is before tick {_latestNowTick}, when a chunk arrived; the clock only goes forward");
        }

        _lastTick = tick;
        bool taken;
        if (_ensemble is not null)
        {
            taken = _ensemble.TryTake(tick, action, out observationTick);
        }
        else
        {
            taken = _queue!.TryTake(tick, action, out var dropped);
            DroppedLateActions += dropped;
            observationTick = taken ? _queue.ObservationTick : -1;
        }

        if (taken)
        {
            ActionsExecuted++;
            return true;
        }

        DryTicks++;
        action.Fill(float.NaN);
        observationTick = -1;
        return false;
    }

    /// <summary>Actions available for consecutive ticks from <paramref name="tick"/> on (the queue depth to publish).</summary>
    public int Depth(long tick) => _ensemble?.Depth(tick) ?? _queue!.Depth(tick);

    /// <summary>Forgets every chunk, the request in flight and the tick order (a new episode). Counters keep counting.</summary>
    public void Reset()
    {
        _queue?.Clear();
        _ensemble?.Clear();
        (RequestInFlight, _lastTick, _newestObservationTick, _latestNowTick) = (false, long.MinValue, long.MinValue, long.MinValue);
    }
}
