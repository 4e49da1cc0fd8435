using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics.X86;

namespace Robotics.Policies.Learning;

/// <summary>
/// Single-precision C (+)= A·B for the small dense layers here, in the BLIS layout (Van Zee and van de Geijn, "BLIS",
/// ACM TOMS 2015): per KC block, B is packed into NR-column panels and A into MR-row panels so the micro-kernel streams
/// both from L1 while an MR×NR tile of C stays in registers. A and B are strided views (element (i, j) at
/// <c>p[i·row + j·col]</c>), so one routine serves X·Wᵀ (forward), dY·W (input gradient) and dYᵀ·X (weight gradient)
/// without materialising a transpose. Single-threaded: on this 2-core machine, shared with builds, splitting a 256³
/// product over two threads made a TD3 update slower (median 1.3 → 2.3–3.3 ms), and an ensemble's critics can run on
/// separate threads instead. Results are bit-identical run to run for the same shapes on one machine; they may differ
/// in the last bits across instruction sets, and between a batch of 1–3 rows (dot products) and a larger one.
/// </summary>
internal static unsafe class Gemm
{
    // KC = 256: an NR = 32 B panel is then 32 KiB, inside the 48 KiB L1d per core of this Xeon (Ice Lake; lscpu), and
    // every layer of the TD3 critic (K ≤ 256) needs a single block. MC = 128 rows of A (128 KiB packed) sit in its 1.25 MiB L2.
    private const int Kc = 256;
    private const int Mc = 128;

    /// <summary>Below this many rows (or columns) a packed tile would be mostly padding; dot products or row AXPYs win.</summary>
    private const int Thin = 4;

    /// <summary>The micro-kernel in use; tests switch it to check every kernel the machine can run against the reference.</summary>
    internal static GemmKernel Kernel { get; set; } = Detect();

    /// <summary>
    /// C[m×n] (row stride <paramref name="ldc"/>) = (<paramref name="accumulate"/> ? C : 0) + A[m×k]·B[k×n], with every
    /// view checked against its span first (the pointer form below trusts its caller).
    /// </summary>
    public static void Multiply(int m, int n, int k, ReadOnlySpan<float> a, int aRow, int aCol, ReadOnlySpan<float> b, int bRow, int bCol, Span<float> c, int ldc, bool accumulate)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(m);
        ArgumentOutOfRangeException.ThrowIfNegative(n);
        ArgumentOutOfRangeException.ThrowIfNegative(k);
        CheckView(a.Length, m, k, aRow, aCol, nameof(a));
        CheckView(b.Length, k, n, bRow, bCol, nameof(b));
        CheckView(c.Length, m, n, ldc, 1, nameof(c));
        fixed (float* pa = a, pb = b, pc = c)
        {
            Multiply(m, n, k, pa, aRow, aCol, pb, bRow, bCol, pc, ldc, accumulate);
        }
    }

    /// <summary>
    /// C[m×n] (row stride <paramref name="ldc"/>) = (<paramref name="accumulate"/> ? C : 0) + A[m×k]·B[k×n].
    /// </summary>
    public static void Multiply(int m, int n, int k, float* a, int aRow, int aCol, float* b, int bRow, int bCol, float* c, int ldc, bool accumulate)
    {
        if (m == 0 || n == 0)
        {
            return;
        }

        if (k == 0)
        {
            if (!accumulate)
            {
                for (var i = 0; i < m; i++)
                {
                    new Span<float>(c + (i * ldc), n).Clear();
                }
            }

            return;
        }

        if (aCol == 1 && bRow == 1 && (n < Thin || m < Thin))
        {
            DotRows(m, n, k, a, aRow, b, bCol, c, ldc, accumulate);
        }
        else if (bCol == 1 && (m < Thin || k < Thin))
        {
            AxpyRows(m, n, k, a, aRow, aCol, b, bRow, c, ldc, accumulate);
        }
        else
        {
            Packed(m, n, k, a, aRow, aCol, b, bRow, bCol, c, ldc, accumulate);
        }
    }

    /// <summary>Both operands contiguous along k (X·Wᵀ with one output or one row): one SIMD dot product per element.</summary>
    private static void DotRows(int m, int n, int k, float* a, int aRow, float* b, int bCol, float* c, int ldc, bool accumulate)
    {
        for (var i = 0; i < m; i++)
        {
            var row = new ReadOnlySpan<float>(a + (i * aRow), k);
            for (var j = 0; j < n; j++)
            {
                var dot = TensorPrimitives.Dot(row, new ReadOnlySpan<float>(b + (j * bCol), k));
                c[(i * ldc) + j] = accumulate ? c[(i * ldc) + j] + dot : dot;
            }
        }
    }

    /// <summary>B rows contiguous and A thin (one output's weight gradient, a rank-1 input gradient): C row += a·B row.</summary>
    private static void AxpyRows(int m, int n, int k, float* a, int aRow, int aCol, float* b, int bRow, float* c, int ldc, bool accumulate)
    {
        for (var i = 0; i < m; i++)
        {
            var row = new Span<float>(c + (i * ldc), n);
            if (!accumulate)
            {
                row.Clear();
            }

            for (var p = 0; p < k; p++)
            {
                TensorPrimitives.MultiplyAdd(new ReadOnlySpan<float>(b + (p * bRow), n), a[(i * aRow) + (p * aCol)], row, row);
            }
        }
    }

    private static void Packed(int m, int n, int k, float* a, int aRow, int aCol, float* b, int bRow, int bCol, float* c, int ldc, bool accumulate)
    {
        var kernel = Kernel;
        var (mr, nr) = TileOf(kernel);
        var tile = stackalloc float[mr * nr];
        var scratch = GemmScratch.ForThisThread(RoundUp(n, nr) * Math.Min(k, Kc), RoundUp(Math.Min(m, Mc), mr) * Math.Min(k, Kc));
        var packB = scratch.B;
        var packA = scratch.A;
        for (var pc = 0; pc < k; pc += Kc)
        {
            var kc = Math.Min(Kc, k - pc);
            var load = accumulate || pc > 0;
            GemmPack.B(kc, n, b + (pc * bRow), bRow, bCol, packB, nr);
            for (var ic = 0; ic < m; ic += Mc)
            {
                var mc = Math.Min(Mc, m - ic);
                GemmPack.A(mc, kc, a + (ic * aRow) + (pc * aCol), aRow, aCol, packA, mr);
                for (var jr = 0; jr < n; jr += nr)
                {
                    var cols = Math.Min(nr, n - jr);
                    var bp = packB + (jr * kc);
                    for (var ir = 0; ir < mc; ir += mr)
                    {
                        var rows = Math.Min(mr, mc - ir);
                        var ap = packA + (ir * kc);
                        var cp = c + ((ic + ir) * ldc) + jr;
                        if (rows == mr && cols == nr)
                        {
                            Tile(kernel, kc, ap, bp, cp, ldc, load);
                        }
                        else
                        {
                            Tile(kernel, kc, ap, bp, tile, nr, false);
                            AddTile(tile, nr, cp, ldc, rows, cols, load);
                        }
                    }
                }
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Tile(GemmKernel kernel, int kc, float* a, float* b, float* c, int ldc, bool load)
    {
        switch (kernel)
        {
            case GemmKernel.Avx512:
                GemmKernels.Avx512(kc, a, b, c, ldc, load);
                break;
            case GemmKernel.Avx2:
                GemmKernels.Avx2(kc, a, b, c, ldc, load);
                break;
            default:
                GemmKernels.Portable(kc, a, b, c, ldc, load);
                break;
        }
    }

    /// <summary>Edge tiles: the kernel wrote a full MR×NR tile (padding included); only the rows × cols inside C land.</summary>
    private static void AddTile(float* tile, int nr, float* c, int ldc, int rows, int cols, bool load)
    {
        for (var r = 0; r < rows; r++)
        {
            var src = new ReadOnlySpan<float>(tile + (r * nr), cols);
            var dst = new Span<float>(c + (r * ldc), cols);
            if (load)
            {
                TensorPrimitives.Add(dst, src, dst);
            }
            else
            {
                src.CopyTo(dst);
            }
        }
    }

    private static void CheckView(int length, int rows, int cols, int rowStride, int colStride, string name)
    {
        if (rowStride < 1 || colStride < 1)
        {
            throw new ArgumentOutOfRangeException(name, "Strides must be ≥ 1.");
        }

        if (rows > 0 && cols > 0 && ((long)(rows - 1) * rowStride) + ((long)(cols - 1) * colStride) >= length)
        {
            throw new ArgumentException($"A {rows}×{cols} view with strides ({rowStride}, {colStride}) overruns {length} floats.", name);
        }
    }

    internal static (int Mr, int Nr) TileOf(GemmKernel kernel) => kernel switch
    {
        GemmKernel.Avx512 => (GemmKernels.Avx512Mr, GemmKernels.Avx512Nr),
        GemmKernel.Avx2 => (GemmKernels.Avx2Mr, GemmKernels.Avx2Nr),
        _ => (GemmKernels.PortableMr, GemmKernels.PortableNr),
    };

    internal static bool IsSupported(GemmKernel kernel) => kernel switch
    {
        GemmKernel.Avx512 => Avx512F.IsSupported,
        GemmKernel.Avx2 => Avx2.IsSupported && Fma.IsSupported,
        _ => true,
    };

    // Avx512F rather than Vector512.IsHardwareAccelerated: .NET reports the latter false on parts that throttle
    // under 512-bit code, yet a register-blocked FMA kernel still gains there (it is compute bound, not frequency bound).
    private static GemmKernel Detect() =>
        IsSupported(GemmKernel.Avx512) ? GemmKernel.Avx512 : IsSupported(GemmKernel.Avx2) ? GemmKernel.Avx2 : GemmKernel.Portable;

    private static int RoundUp(int value, int multiple) => (value + multiple - 1) / multiple * multiple;
}
