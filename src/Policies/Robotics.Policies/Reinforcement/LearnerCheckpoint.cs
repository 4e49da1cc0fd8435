using System.Text.Json;
using Robotics.Policies.Learning;

namespace Robotics.Policies.Reinforcement;

/// <summary>
/// The "latest" checkpoint of a <see cref="ResidualTd3"/> learner (LEARNING.md §3): every network with its optimizer
/// state as <c>&lt;name&gt;.rnet</c> (<see cref="NetworkSerializer"/>) in a fresh folder <c>step-…</c>, then
/// <c>latest.json</c> (configuration and counters) written under a temporary name and renamed over the old one, then
/// the older folders deleted. A crash at any point leaves <c>latest.json</c> naming a complete folder. Beside it,
/// <c>published.json</c> holds the last weights version that left the learner, so a learner killed between two
/// checkpoints still resumes above every version an actor may have accepted. The replay buffers are not saved:
/// they refill from the actors.
/// </summary>
public static class LearnerCheckpoint
{
    public const string LatestFile = "latest.json";
    public const string PublishedFile = "published.json";
    private const string Format = "robotics-learner/1";
    private const string FolderPrefix = "step-";

    private static readonly JsonSerializerOptions _json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        WriteIndented = true,
    };

    /// <summary>Writes <paramref name="learner"/>'s networks, optimizers and counters into <paramref name="directory"/>.</summary>
    public static void Save(string directory, ResidualTd3 learner, LearnerProgress progress)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        ArgumentNullException.ThrowIfNull(learner);
        ArgumentNullException.ThrowIfNull(progress);
        Directory.CreateDirectory(directory);
        var folder = $"{FolderPrefix}{progress.Steps:D10}-{Guid.NewGuid():N}"[..(FolderPrefix.Length + 10 + 9)];
        var path = Path.Combine(directory, folder);
        Directory.CreateDirectory(path);
        foreach (var (name, network, optimizer) in learner.Networks())
        {
            using var file = new FileStream(Path.Combine(path, name + ".rnet"), FileMode.CreateNew, FileAccess.Write);
            NetworkSerializer.Save(file, network, optimizer);
            file.Flush(flushToDisk: true);
        }

        var actor = learner.Actor;
        WriteAtomically(Path.Combine(directory, LatestFile), new Manifest
        {
            Format = Format,
            Folder = folder,
            ObservationSize = actor.ObservationSize,
            ActionSize = actor.ActionSize,
            Hidden = [.. learner.Options.Hidden],
            Critics = learner.Options.Critics,
            Steps = progress.Steps,
            CriticUpdates = learner.CriticUpdates,
            ActorUpdates = learner.ActorUpdates,
            Version = progress.Version,
            TransitionsReceived = progress.TransitionsReceived,
        });
        foreach (var old in Directory.EnumerateDirectories(directory, FolderPrefix + "*"))
        {
            if (Path.GetFileName(old) != folder)
            {
                Directory.Delete(old, recursive: true);
            }
        }
    }

    /// <summary>
    /// Loads the checkpoint in <paramref name="directory"/> into <paramref name="learner"/> (built from the same
    /// configuration) and returns its counters; false when there is none. The version returned is the greater of the
    /// checkpoint's and <c>published.json</c>'s. A checkpoint of another shape or a damaged file throws
    /// <see cref="InvalidDataException"/> naming it.
    /// </summary>
    public static bool TryResume(string directory, ResidualTd3 learner, out LearnerProgress progress)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        ArgumentNullException.ThrowIfNull(learner);
        progress = new LearnerProgress(0, 0, 0);
        var latest = Path.Combine(directory, LatestFile);
        if (!File.Exists(latest))
        {
            return false;
        }

        var manifest = Read<Manifest>(latest);
        if (manifest.Format != Format)
        {
            throw new InvalidDataException($"{latest}: format \"{manifest.Format}\" is not {Format}");
        }

        if (manifest.Folder.Length == 0 || Path.GetFileName(manifest.Folder) != manifest.Folder)
        {
            throw new InvalidDataException($"{latest}: folder \"{manifest.Folder}\" is not a folder name inside {directory}");
        }

        var (actor, options) = (learner.Actor, learner.Options);
        if (manifest.ObservationSize != actor.ObservationSize || manifest.ActionSize != actor.ActionSize || !manifest.Hidden.SequenceEqual(options.Hidden) || manifest.Critics != options.Critics)
        {
            throw new InvalidDataException($"{latest} is a learner of {manifest.ObservationSize} observation and {manifest.ActionSize} action values, hidden [{string.Join(", ", manifest.Hidden)}], {manifest.Critics} critics; this one has {actor.ObservationSize}, {actor.ActionSize}, [{string.Join(", ", options.Hidden)}], {options.Critics}");
        }

        foreach (var (name, network, optimizer) in learner.Networks())
        {
            var file = Path.Combine(directory, manifest.Folder, name + ".rnet");
            try
            {
                using var stream = File.OpenRead(file);
                NetworkSerializer.LoadInto(stream, network, optimizer);
            }
            catch (Exception e) when (e is InvalidDataException or IOException)
            {
                throw new InvalidDataException($"checkpoint {file}: {e.Message}", e);
            }
        }

        learner.RestoreCounters(manifest.CriticUpdates, manifest.ActorUpdates);
        var published = File.Exists(Path.Combine(directory, PublishedFile)) ? Read<Published>(Path.Combine(directory, PublishedFile)).Version : 0;
        progress = new LearnerProgress(manifest.Steps, Math.Max(manifest.Version, published), manifest.TransitionsReceived);
        return true;
    }

    /// <summary>
    /// Records <paramref name="version"/> before it is published: a learner killed after publishing it, before its
    /// next checkpoint, resumes above it.
    /// </summary>
    public static void RecordPublished(string directory, ulong version)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        Directory.CreateDirectory(directory);
        WriteAtomically(Path.Combine(directory, PublishedFile), new Published { Version = version });
    }

    private static void WriteAtomically<T>(string path, T content)
    {
        var temporary = path + ".tmp";
        using (var file = new FileStream(temporary, FileMode.Create, FileAccess.Write))
        {
            JsonSerializer.Serialize(file, content, _json);
            file.Flush(flushToDisk: true);
        }

        File.Move(temporary, path, overwrite: true); // rename(2): readers see the old file or the new one, never half
    }

    private static T Read<T>(string path)
    {
        try
        {
            return JsonSerializer.Deserialize<T>(File.ReadAllText(path), _json) ?? throw new InvalidDataException($"{path} is empty");
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{path}: {e.Message}", e);
        }
    }

    private sealed record Manifest
    {
        public string Format { get; init; } = string.Empty;

        public string Folder { get; init; } = string.Empty;

        public int ObservationSize { get; init; }

        public int ActionSize { get; init; }

        public IReadOnlyList<int> Hidden { get; init; } = [];

        public int Critics { get; init; }

        public long Steps { get; init; }

        public long CriticUpdates { get; init; }

        public long ActorUpdates { get; init; }

        public ulong Version { get; init; }

        public long TransitionsReceived { get; init; }
    }

    private sealed record Published
    {
        public ulong Version { get; init; }
    }
}
