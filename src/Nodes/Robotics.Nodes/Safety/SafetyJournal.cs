using System.Globalization;
using System.Text;
using System.Text.Json;
using Robotics.Safety;

namespace Robotics.Nodes.Safety;

/// <summary>
/// The durable record of safety events (SAFETY.md I33): one JSON line per supervisor state change, appended and
/// fsynced before the change is acknowledged (an operator command's answer is logged only after its line is on disk).
/// Written from the node's executor thread, never from the control loop. Lines survive a crash up to the last fsync;
/// a torn last line (power cut mid-write) is the only possible damage, and readers skip it.
/// </summary>
public sealed class SafetyJournal : IDisposable
{
    private readonly FileStream _file;
    private readonly Lock _lock = new();

    public SafetyJournal(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        Path = System.IO.Path.GetFullPath(path);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(Path)!);
        try
        {
            // Shared for writing: two supervisors of the same name (a test and a `robotics run` beside it) append to one
            // journal rather than one of them failing to start; each line is written whole.
            _file = new FileStream(Path, FileMode.Append, FileAccess.Write, FileShare.ReadWrite | FileShare.Delete, 4096, FileOptions.None);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new IOException($"cannot open the safety journal '{Path}' for appending ({e.Message}); set the supervisor's journal_path parameter to a writable file", e);
        }
    }

    public string Path { get; }

    /// <summary>Safety events written so far by this process.</summary>
    public long Written { get; private set; }

    /// <summary>The default place: $XDG_STATE_HOME/robotics/safety (or ~/.local/state/robotics/safety), one file per supervisor.</summary>
    public static string DefaultPath(string nodeFullName)
    {
        var state = Environment.GetEnvironmentVariable("XDG_STATE_HOME") is { Length: > 0 } xdg ? xdg
            : System.IO.Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".local", "state");
        return System.IO.Path.Combine(state, "robotics", "safety", nodeFullName.Trim('/').Replace('/', '.') + ".jsonl");
    }

    /// <summary>Appends <paramref name="transitions"/> and fsyncs once for all of them. Returns how many were written.</summary>
    public int Append(IReadOnlyList<Transition> transitions, string configHash)
    {
        ArgumentNullException.ThrowIfNull(transitions);
        if (transitions.Count == 0)
        {
            return 0;
        }

        lock (_lock)
        {
            // Another writer may have appended since: write after its lines, not over them.
            _file.Seek(0, SeekOrigin.End);
            foreach (var t in transitions)
            {
                var line = JsonSerializer.Serialize(new
                {
                    time_ns = t.TimeNs,
                    from = t.From.ToString(),
                    to = t.To.ToString(),
                    cause = t.Cause,
                    by = t.By?.ToString(),
                    config_hash = configHash,
                    written = DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture),
                });
                _file.Write(Encoding.UTF8.GetBytes(line + "\n"));
            }

            _file.Flush(flushToDisk: true);
            Written += transitions.Count;
            return transitions.Count;
        }
    }

    /// <summary>Every readable line of a journal, oldest first (a torn last line is skipped).</summary>
    public static IReadOnlyList<JsonElement> Read(string path)
    {
        var lines = new List<JsonElement>();
        foreach (var line in File.ReadLines(path))
        {
            try
            {
                lines.Add(JsonDocument.Parse(line).RootElement.Clone());
            }
            catch (JsonException)
            {
                // Only the last line can be torn (appends are sequential); keep reading to be safe.
            }
        }

        return lines;
    }

    public void Dispose() => _file.Dispose();
}
