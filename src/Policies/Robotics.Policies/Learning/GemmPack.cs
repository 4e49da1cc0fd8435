using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Robotics.Policies.Learning;

/// <summary>
/// Copies strided A and B blocks into the panel order the micro-kernels read: A as MR-row panels stored k-major
/// (<c>panel[p·MR + r]</c>), B as NR-column panels stored k-major (<c>panel[p·NR + c]</c>), zero-padded at the edges so
/// the kernels never branch. Packing is O(mk + kn) against the O(mnk) product it feeds, but a scalar gather or scatter
/// still cost ~15 % of a 256³ product here; 8×8 in-register transposes (AVX) cut that about threefold.
/// </summary>
internal static unsafe class GemmPack
{
    public static void A(int mc, int kc, float* src, int row, int col, float* dst, int mr)
    {
        for (var i0 = 0; i0 < mc; i0 += mr)
        {
            var rows = Math.Min(mr, mc - i0);
            var panel = dst + (i0 * kc);
            var origin = src + (i0 * row);
            if (row == 1 && rows == mr)
            {
                // Column-major A (dYᵀ in the weight gradient): each k step is MR contiguous floats.
                for (var p = 0; p < kc; p++)
                {
                    Copy(origin + (p * col), panel + (p * mr), mr);
                }
            }
            else
            {
                // Row-major A (activations): gather one float from each of the MR rows per k step.
                var p0 = 0;
                if (col == 1 && rows == 8 && mr == 8 && Avx.IsSupported)
                {
                    for (; p0 + 8 <= kc; p0 += 8)
                    {
                        Transpose8x8(origin + p0, row, panel + (p0 * 8), 8);
                    }
                }

                for (var r = 0; r < mr; r++)
                {
                    if (r >= rows)
                    {
                        for (var p = 0; p < kc; p++)
                        {
                            panel[(p * mr) + r] = 0;
                        }

                        continue;
                    }

                    var line = origin + (r * row);
                    for (var p = p0; p < kc; p++)
                    {
                        panel[(p * mr) + r] = line[p * col];
                    }
                }
            }
        }
    }

    public static void B(int kc, int n, float* src, int row, int col, float* dst, int nr)
    {
        for (var j0 = 0; j0 < n; j0 += nr)
        {
            var cols = Math.Min(nr, n - j0);
            var panel = dst + (j0 * kc);
            var origin = src + (j0 * col);
            if (col == 1)
            {
                // Row-major B (W in the input gradient, X in the weight gradient): NR contiguous floats per k step.
                for (var p = 0; p < kc; p++)
                {
                    var to = panel + (p * nr);
                    Copy(origin + (p * row), to, cols);
                    for (var c = cols; c < nr; c++)
                    {
                        to[c] = 0;
                    }
                }
            }
            else
            {
                // Wᵀ in the forward pass: each of the NR weight rows is contiguous along k; scatter it down a column.
                var c0 = 0;
                var p0 = kc / 8 * 8;
                if (row == 1 && Avx.IsSupported && p0 > 0)
                {
                    for (; c0 + 8 <= cols; c0 += 8)
                    {
                        for (var p = 0; p < p0; p += 8)
                        {
                            Transpose8x8(origin + (c0 * col) + p, col, panel + (p * nr) + c0, nr);
                        }

                        for (var c = c0; c < c0 + 8; c++)
                        {
                            for (var p = p0; p < kc; p++)
                            {
                                panel[(p * nr) + c] = origin[(c * col) + p];
                            }
                        }
                    }
                }

                for (var c = c0; c < nr; c++)
                {
                    if (c >= cols)
                    {
                        for (var p = 0; p < kc; p++)
                        {
                            panel[(p * nr) + c] = 0;
                        }

                        continue;
                    }

                    var line = origin + (c * col);
                    for (var p = 0; p < kc; p++)
                    {
                        panel[(p * nr) + c] = line[p * row];
                    }
                }
            }
        }
    }

    /// <summary>
    /// dst row i = column i of the 8×8 block at src (rows <paramref name="srcStride"/> apart): the usual AVX sequence of
    /// unpack, shuffle and 128-bit lane permutes, 24 shuffles for 64 floats instead of 64 scalar loads and stores.
    /// </summary>
    private static void Transpose8x8(float* src, int srcStride, float* dst, int dstStride)
    {
        var r0 = Avx.LoadVector256(src);
        var r1 = Avx.LoadVector256(src + srcStride);
        var r2 = Avx.LoadVector256(src + (2 * srcStride));
        var r3 = Avx.LoadVector256(src + (3 * srcStride));
        var r4 = Avx.LoadVector256(src + (4 * srcStride));
        var r5 = Avx.LoadVector256(src + (5 * srcStride));
        var r6 = Avx.LoadVector256(src + (6 * srcStride));
        var r7 = Avx.LoadVector256(src + (7 * srcStride));
        var t0 = Avx.UnpackLow(r0, r1);
        var t1 = Avx.UnpackHigh(r0, r1);
        var t2 = Avx.UnpackLow(r2, r3);
        var t3 = Avx.UnpackHigh(r2, r3);
        var t4 = Avx.UnpackLow(r4, r5);
        var t5 = Avx.UnpackHigh(r4, r5);
        var t6 = Avx.UnpackLow(r6, r7);
        var t7 = Avx.UnpackHigh(r6, r7);
        var s0 = Avx.Shuffle(t0, t2, 0x44);
        var s1 = Avx.Shuffle(t0, t2, 0xEE);
        var s2 = Avx.Shuffle(t1, t3, 0x44);
        var s3 = Avx.Shuffle(t1, t3, 0xEE);
        var s4 = Avx.Shuffle(t4, t6, 0x44);
        var s5 = Avx.Shuffle(t4, t6, 0xEE);
        var s6 = Avx.Shuffle(t5, t7, 0x44);
        var s7 = Avx.Shuffle(t5, t7, 0xEE);
        Avx.Store(dst, Avx.Permute2x128(s0, s4, 0x20));
        Avx.Store(dst + dstStride, Avx.Permute2x128(s1, s5, 0x20));
        Avx.Store(dst + (2 * dstStride), Avx.Permute2x128(s2, s6, 0x20));
        Avx.Store(dst + (3 * dstStride), Avx.Permute2x128(s3, s7, 0x20));
        Avx.Store(dst + (4 * dstStride), Avx.Permute2x128(s0, s4, 0x31));
        Avx.Store(dst + (5 * dstStride), Avx.Permute2x128(s1, s5, 0x31));
        Avx.Store(dst + (6 * dstStride), Avx.Permute2x128(s2, s6, 0x31));
        Avx.Store(dst + (7 * dstStride), Avx.Permute2x128(s3, s7, 0x31));
    }

    /// <summary>
    /// Copies a short run (8 or 32 floats per k step): Span.CopyTo's call and size dispatch cost more than the copy at
    /// this length, 8192 times per 256×256 block.
    /// </summary>
    private static void Copy(float* from, float* to, int count)
    {
        var i = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            for (; i + 8 <= count; i += 8)
            {
                Vector256.Store(Vector256.Load(from + i), to + i);
            }
        }

        for (; i < count; i++)
        {
            to[i] = from[i];
        }
    }
}
