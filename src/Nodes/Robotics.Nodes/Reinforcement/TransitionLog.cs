using System.Buffers.Binary;
using Robotics.Messages.Cdr;
using Robotics.Messages.RoboticsMsgs;

namespace Robotics.Nodes.Reinforcement;

/// <summary>
/// Recorded steps on disk: a folder of <c>*.tbatch</c> files, each the robotics_msgs/TransitionBatch messages a learner
/// received, in order, every one framed as [uint32 little-endian byte count][its CDR bytes exactly as on the wire], so
/// any ROS 2 CDR decoder reads them and a future MCAP recorder holds the same bytes. Files are read in name order
/// (names start with a UTC time). The learner writes them (<c>record_dir</c>) and trains from them (<c>demos</c>,
/// <c>offline_dataset</c>). A crash can leave the last record of a file short: it is skipped and counted, not fatal.
/// </summary>
public static class TransitionLog
{
    public const string Extension = ".tbatch";

    /// <summary>A new file in <paramref name="directory"/> (created if missing), named so later files sort after earlier ones.</summary>
    public static FileStream Create(string directory, string prefix, DateTimeOffset now)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        Directory.CreateDirectory(directory);
        var safe = string.Concat(prefix.Select(c => char.IsAsciiLetterOrDigit(c) ? c : '_'));
        var name = $"{now.UtcDateTime:yyyyMMdd'T'HHmmss'Z'}-{safe}-{Guid.NewGuid():N}"[..(16 + 1 + safe.Length + 1 + 8)] + Extension;
        return new FileStream(Path.Combine(directory, name), FileMode.CreateNew, FileAccess.Write, FileShare.Read);
    }

    /// <summary>Appends one batch and flushes it to the OS (a crashed learner loses at most the record being written).</summary>
    public static void Append(Stream file, TransitionBatch batch)
    {
        ArgumentNullException.ThrowIfNull(file);
        ArgumentNullException.ThrowIfNull(batch);
        var bytes = CdrSerializer.Serialize(batch);
        Span<byte> length = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32LittleEndian(length, (uint)bytes.Length);
        file.Write(length);
        file.Write(bytes);
        file.Flush();
    }

    /// <summary>The <c>*.tbatch</c> files of <paramref name="directory"/> in the order they were written.</summary>
    public static IReadOnlyList<string> Files(string directory) =>
        Directory.Exists(directory)
            ? [.. Directory.EnumerateFiles(directory, "*" + Extension).Order(StringComparer.Ordinal)]
            : throw new DirectoryNotFoundException($"{directory}: no such folder of recorded transitions (a learner with record_dir:={directory} writes one)");

    /// <summary>
    /// Every batch of one file, oldest first. A short last record (a crash while writing) ends the file and is counted
    /// in <paramref name="truncatedRecords"/>; a record that does not decode throws <see cref="InvalidDataException"/>
    /// naming the file and offset.
    /// </summary>
    public static List<TransitionBatch> Read(string file, out int truncatedRecords)
    {
        var bytes = File.ReadAllBytes(file);
        var batches = new List<TransitionBatch>();
        truncatedRecords = 0;
        var offset = 0;
        while (offset < bytes.Length)
        {
            if (bytes.Length - offset < 4 || BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(offset)) > (uint)(bytes.Length - offset - 4))
            {
                truncatedRecords = 1;
                break;
            }

            var length = (int)BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(offset));
            try
            {
                batches.Add(CdrSerializer.Deserialize<TransitionBatch>(bytes.AsSpan(offset + 4, length)));
            }
            catch (MessageDecodeException e)
            {
                throw new InvalidDataException($"{file}: the record at byte {offset} is not a robotics_msgs/TransitionBatch: {e.Message}", e);
            }

            offset += 4 + length;
        }

        return batches;
    }

    /// <summary>
    /// Every batch of every file of <paramref name="directory"/>, oldest first, to <paramref name="each"/>;
    /// <paramref name="fileEnd"/> after each file (its last steps are not followed by the next file's). A file that
    /// cannot be read or decoded is skipped whole, its reason in <c>Skipped</c>: one bad file costs its own steps, not
    /// the run.
    /// </summary>
    /// <returns>The files read, the short records skipped and why each skipped file was.</returns>
    public static (int Files, int ShortRecords, IReadOnlyList<string> Skipped) ReadFolder(string directory, Action<TransitionBatch> each, Action fileEnd)
    {
        ArgumentNullException.ThrowIfNull(each);
        ArgumentNullException.ThrowIfNull(fileEnd);
        var (files, shortRecords, skipped) = (0, 0, new List<string>());
        foreach (var file in Files(directory))
        {
            List<TransitionBatch> batches;
            int truncated;
            try
            {
                batches = Read(file, out truncated);
            }
            catch (Exception e) when (e is InvalidDataException or IOException or UnauthorizedAccessException)
            {
                skipped.Add(e.Message);
                continue;
            }

            foreach (var batch in batches)
            {
                each(batch);
            }

            shortRecords += truncated;

            fileEnd();
            files++;
        }

        return (files, shortRecords, skipped);
    }
}
