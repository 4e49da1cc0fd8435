using System.Runtime.CompilerServices;

namespace Robotics.Policies.Learning;

/// <summary>
/// Per-thread packing buffers for <see cref="Gemm"/>, grown only when a larger product appears, so steady-state training
/// allocates nothing. Pinned (pinned object heap) and offset to 64 bytes: AVX-512 loads that split a cache line cost
/// a second access.
/// </summary>
internal sealed unsafe class GemmScratch
{
    private const int Align = 64 / sizeof(float);

    [ThreadStatic]
    private static GemmScratch? _current;

    private float[] _b = [];
    private float[] _a = [];

    public float* B { get; private set; }

    public float* A { get; private set; }

    public static GemmScratch ForThisThread(int bLength, int aLength)
    {
        var scratch = _current ??= new GemmScratch();
        if (scratch._b.Length < bLength + Align)
        {
            scratch._b = GC.AllocateUninitializedArray<float>(bLength + Align, pinned: true);
            scratch.B = Aligned(scratch._b);
        }

        if (scratch._a.Length < aLength + Align)
        {
            scratch._a = GC.AllocateUninitializedArray<float>(aLength + Align, pinned: true);
            scratch.A = Aligned(scratch._a);
        }

        return scratch;
    }

    private static float* Aligned(float[] pinned)
    {
        var p = (nint)Unsafe.AsPointer(ref pinned[0]);
        return (float*)((p + 63) & ~(nint)63);
    }
}
