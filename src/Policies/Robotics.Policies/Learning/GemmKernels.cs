using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Robotics.Policies.Learning;

/// <summary>
/// Register-blocked micro-kernels: C[MR×NR] (+)= Apanel·Bpanel over kc steps, reading the packed panels of
/// <see cref="GemmPack"/>. Each k step broadcasts one A value per row and multiplies it into NR columns of B, so every
/// loaded float feeds MR or NR FMAs and the accumulators never leave registers until the end.
/// </summary>
internal static unsafe class GemmKernels
{
    public const int Avx512Mr = 8;
    public const int Avx512Nr = 32;
    public const int Avx2Mr = 6;
    public const int Avx2Nr = 16;
    public const int PortableMr = 4;
    public const int PortableNr = 8;

    /// <summary>8×32 tile: 16 zmm accumulators (of 32), two B loads and one broadcast per row per k step; FMA latency 4 × 2 ports needs ≥ 8 in flight.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Avx512(int kc, float* a, float* b, float* c, int ldc, bool load)
    {
        Vector512<float> c00 = default, c01 = default;
        Vector512<float> c10 = default, c11 = default;
        Vector512<float> c20 = default, c21 = default;
        Vector512<float> c30 = default, c31 = default;
        Vector512<float> c40 = default, c41 = default;
        Vector512<float> c50 = default, c51 = default;
        Vector512<float> c60 = default, c61 = default;
        Vector512<float> c70 = default, c71 = default;
        for (var p = 0; p < kc; p++)
        {
            var b0 = Vector512.Load(b);
            var b1 = Vector512.Load(b + 16);
            var a0 = Vector512.Create(a[0]);
            c00 = Avx512F.FusedMultiplyAdd(a0, b0, c00);
            c01 = Avx512F.FusedMultiplyAdd(a0, b1, c01);
            var a1 = Vector512.Create(a[1]);
            c10 = Avx512F.FusedMultiplyAdd(a1, b0, c10);
            c11 = Avx512F.FusedMultiplyAdd(a1, b1, c11);
            var a2 = Vector512.Create(a[2]);
            c20 = Avx512F.FusedMultiplyAdd(a2, b0, c20);
            c21 = Avx512F.FusedMultiplyAdd(a2, b1, c21);
            var a3 = Vector512.Create(a[3]);
            c30 = Avx512F.FusedMultiplyAdd(a3, b0, c30);
            c31 = Avx512F.FusedMultiplyAdd(a3, b1, c31);
            var a4 = Vector512.Create(a[4]);
            c40 = Avx512F.FusedMultiplyAdd(a4, b0, c40);
            c41 = Avx512F.FusedMultiplyAdd(a4, b1, c41);
            var a5 = Vector512.Create(a[5]);
            c50 = Avx512F.FusedMultiplyAdd(a5, b0, c50);
            c51 = Avx512F.FusedMultiplyAdd(a5, b1, c51);
            var a6 = Vector512.Create(a[6]);
            c60 = Avx512F.FusedMultiplyAdd(a6, b0, c60);
            c61 = Avx512F.FusedMultiplyAdd(a6, b1, c61);
            var a7 = Vector512.Create(a[7]);
            c70 = Avx512F.FusedMultiplyAdd(a7, b0, c70);
            c71 = Avx512F.FusedMultiplyAdd(a7, b1, c71);
            a += 8;
            b += 32;
        }

        Store512(c + (0 * ldc), c00, c01, load);
        Store512(c + (1 * ldc), c10, c11, load);
        Store512(c + (2 * ldc), c20, c21, load);
        Store512(c + (3 * ldc), c30, c31, load);
        Store512(c + (4 * ldc), c40, c41, load);
        Store512(c + (5 * ldc), c50, c51, load);
        Store512(c + (6 * ldc), c60, c61, load);
        Store512(c + (7 * ldc), c70, c71, load);
    }

    /// <summary>6×16 tile for AVX2 + FMA: 12 ymm accumulators of 16 (the classic Haswell sgemm shape).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Avx2(int kc, float* a, float* b, float* c, int ldc, bool load)
    {
        Vector256<float> c00 = default, c01 = default;
        Vector256<float> c10 = default, c11 = default;
        Vector256<float> c20 = default, c21 = default;
        Vector256<float> c30 = default, c31 = default;
        Vector256<float> c40 = default, c41 = default;
        Vector256<float> c50 = default, c51 = default;
        for (var p = 0; p < kc; p++)
        {
            var b0 = Vector256.Load(b);
            var b1 = Vector256.Load(b + 8);
            var a0 = Vector256.Create(a[0]);
            c00 = Fma.MultiplyAdd(a0, b0, c00);
            c01 = Fma.MultiplyAdd(a0, b1, c01);
            var a1 = Vector256.Create(a[1]);
            c10 = Fma.MultiplyAdd(a1, b0, c10);
            c11 = Fma.MultiplyAdd(a1, b1, c11);
            var a2 = Vector256.Create(a[2]);
            c20 = Fma.MultiplyAdd(a2, b0, c20);
            c21 = Fma.MultiplyAdd(a2, b1, c21);
            var a3 = Vector256.Create(a[3]);
            c30 = Fma.MultiplyAdd(a3, b0, c30);
            c31 = Fma.MultiplyAdd(a3, b1, c31);
            var a4 = Vector256.Create(a[4]);
            c40 = Fma.MultiplyAdd(a4, b0, c40);
            c41 = Fma.MultiplyAdd(a4, b1, c41);
            var a5 = Vector256.Create(a[5]);
            c50 = Fma.MultiplyAdd(a5, b0, c50);
            c51 = Fma.MultiplyAdd(a5, b1, c51);
            a += 6;
            b += 16;
        }

        Store256(c + (0 * ldc), c00, c01, load);
        Store256(c + (1 * ldc), c10, c11, load);
        Store256(c + (2 * ldc), c20, c21, load);
        Store256(c + (3 * ldc), c30, c31, load);
        Store256(c + (4 * ldc), c40, c41, load);
        Store256(c + (5 * ldc), c50, c51, load);
    }

    /// <summary>Any CPU: the same arithmetic, one scalar FMA-free multiply-add at a time.</summary>
    public static void Portable(int kc, float* a, float* b, float* c, int ldc, bool load)
    {
        var acc = stackalloc float[PortableMr * PortableNr];
        new Span<float>(acc, PortableMr * PortableNr).Clear();
        for (var p = 0; p < kc; p++)
        {
            for (var r = 0; r < PortableMr; r++)
            {
                var ar = a[r];
                for (var j = 0; j < PortableNr; j++)
                {
                    acc[(r * PortableNr) + j] += ar * b[j];
                }
            }

            a += PortableMr;
            b += PortableNr;
        }

        for (var r = 0; r < PortableMr; r++)
        {
            for (var j = 0; j < PortableNr; j++)
            {
                c[(r * ldc) + j] = load ? acc[(r * PortableNr) + j] + c[(r * ldc) + j] : acc[(r * PortableNr) + j];
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Store512(float* c, Vector512<float> lo, Vector512<float> hi, bool load)
    {
        if (load)
        {
            lo += Vector512.Load(c);
            hi += Vector512.Load(c + 16);
        }

        lo.Store(c);
        hi.Store(c + 16);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Store256(float* c, Vector256<float> lo, Vector256<float> hi, bool load)
    {
        if (load)
        {
            lo += Vector256.Load(c);
            hi += Vector256.Load(c + 8);
        }

        lo.Store(c);
        hi.Store(c + 8);
    }
}
