using System.Runtime.InteropServices;

namespace Robotics.Drivers.Serial.Interop;

/// <summary>
/// Owns the file descriptor of an open serial port. Release leaves exclusive mode before closing: on a tty whose
/// kernel object outlives this open (a pty slave while its master is open), TTY_EXCLUSIVE stays set after close
/// (TIOCGEXCL read 1 after a close in our probe), and every later open by a non-root user would fail with EBUSY.
/// </summary>
internal sealed class SerialFileDescriptor : SafeHandle
{
    private SerialFileDescriptor(int fd)
        : base(invalidHandleValue: -1, ownsHandle: true) => SetHandle(fd);

    public override bool IsInvalid => handle < 0;

    /// <summary>The descriptor; callers hold a reference (DangerousAddRef) while they use it.</summary>
    public int Fd => (int)handle;

    /// <summary>Set once TIOCEXCL succeeded, so release clears only what this handle set.</summary>
    public bool IsExclusive { get; set; }

    public static SerialFileDescriptor Open(string path)
    {
        var fd = Libc.Open(path, Libc.OpenReadWrite | Libc.OpenNoControllingTty | Libc.OpenNonBlocking | Libc.OpenCloseOnExec, 0);
        return fd >= 0 ? new SerialFileDescriptor(fd) : throw SerialErrors.FromErrno(SerialOperation.Open, path, SerialErrors.LastErrno);
    }

    protected override unsafe bool ReleaseHandle()
    {
        var fd = (int)handle;
        if (IsExclusive)
        {
            _ = Libc.Ioctl(fd, Libc.ClearExclusive, null); // fails with EIO after a hang-up: nothing left to clear then
        }

        // Linux frees the descriptor even when close reports an error (EINTR/EIO), so it is never retried, and the
        // flock held on it goes with it. Nothing useful can be done with a failure here.
        _ = Libc.Close(fd);
        return true;
    }
}
