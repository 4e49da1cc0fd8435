using System.Globalization;
using System.Runtime.InteropServices;

namespace Robotics.Middleware.Dds.Interop;

/// <summary>
/// Keeps Cyclone's sockets out of child processes. Cyclone 0.10 opens its UDP sockets without SOCK_CLOEXEC, and
/// .NET's Process.Start (fork + exec) relies on close-on-exec, so every child (a node started by
/// <c>launch --processes</c>, a peer, even <c>sh</c>) inherited the parent's bound discovery and data ports and kept
/// them bound, unread, after the parent deleted its domain (seen with <c>ss -uanp</c>). Run after Cyclone creates
/// sockets (domain and participant creation).
/// </summary>
internal static partial class SocketInheritance
{
    private const int GetDescriptorFlags = 1; // F_GETFD
    private const int SetDescriptorFlags = 2; // F_SETFD
    private const int CloseOnExec = 1;        // FD_CLOEXEC

    /// <summary>Marks every open socket of this process close-on-exec (those .NET opened already are).</summary>
    public static void MarkCloseOnExec()
    {
        foreach (var path in Directory.EnumerateFileSystemEntries("/proc/self/fd"))
        {
            if (int.TryParse(Path.GetFileName(path), NumberStyles.None, CultureInfo.InvariantCulture, out var fd) && fd > 2
                && new FileInfo(path).LinkTarget?.StartsWith("socket:", StringComparison.Ordinal) == true)
            {
                var flags = Fcntl(fd, GetDescriptorFlags, 0);
                if (flags >= 0 && (flags & CloseOnExec) == 0)
                {
                    _ = Fcntl(fd, SetDescriptorFlags, flags | CloseOnExec);
                }
            }
        }
    }

    [LibraryImport("libc", EntryPoint = "fcntl")]
    private static partial int Fcntl(int fd, int command, int argument);
}
