using System.Runtime.CompilerServices;

namespace Robotics.Messages.Cdr;

/// <summary>XCDR1 alignment: a primitive of size n starts at a multiple of min(n, 8) from the body start.</summary>
public static class CdrAlignment
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int Align(int position, int size)
    {
        var alignment = size > 8 ? 8 : size;
        return (position + alignment - 1) & ~(alignment - 1);
    }
}
