using System.Globalization;
using System.Runtime.InteropServices;

namespace Robotics.Middleware.Dds.Tests.Support;

/// <summary>
/// Keeps this process's Cyclone sockets out of the processes it starts. Cyclone 0.10 opens its UDP sockets without
/// SOCK_CLOEXEC and .NET's Process.Start (fork + exec) relies on close-on-exec, so every child inherited the test host's
/// bound discovery and data sockets: <c>ss -uanp</c> listed one socket for both pids, and ports of domains this process
/// had already deleted stayed bound, unread, for as long as a child (a peer, sh, gcc) lived. Called right before each
/// start; a domain that a parallel test creates in between can still leak, which the transport itself should prevent.
/// </summary>
internal static class InheritedDescriptors
{
    private const int GetDescriptorFlags = 1; // F_GETFD
    private const int SetDescriptorFlags = 2; // F_SETFD
    private const int CloseOnExec = 1;        // FD_CLOEXEC

    /// <summary>Marks every open descriptor above stderr close-on-exec (those .NET opened are already).</summary>
    public static void MarkCloseOnExec()
    {
        foreach (var path in Directory.EnumerateFileSystemEntries("/proc/self/fd"))
        {
            if (int.TryParse(Path.GetFileName(path), NumberStyles.None, CultureInfo.InvariantCulture, out var fd) && fd > 2)
            {
                var flags = Fcntl(fd, GetDescriptorFlags, 0);
                if (flags >= 0 && (flags & CloseOnExec) == 0)
                {
                    _ = Fcntl(fd, SetDescriptorFlags, flags | CloseOnExec);
                }
            }
        }
    }

    [DllImport("libc", EntryPoint = "fcntl")]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int Fcntl(int fd, int command, int argument);
}
