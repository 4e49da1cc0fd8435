using Robotics.Policies.Learning;

namespace Robotics.Policies.Tests.Learning;

/// <summary>Every micro-kernel this CPU runs, every packing path and every small-shape path against a double-precision loop.</summary>
[Collection(nameof(GemmKernelSwitch))] // tests here switch the process-wide kernel
public class GemmTests
{
    // Kernel names, not the internal enum: xunit theories must be public.
    public static TheoryData<string> Kernels()
    {
        var data = new TheoryData<string>();
        foreach (var kernel in Enum.GetValues<GemmKernel>())
        {
            if (Gemm.IsSupported(kernel))
            {
                data.Add(kernel.ToString());
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Kernels))]
    public void Multiply_AllLayoutsAndEdgeShapes_MatchesReference(string kernel)
    {
        var previous = Gemm.Kernel;
        Gemm.Kernel = Enum.Parse<GemmKernel>(kernel);
        try
        {
            var rng = new Rng(31);
            // Shapes straddle MR (4, 6, 8), NR (8, 16, 32), KC (256), MC (128) and the thin-matrix paths (< 4).
            int[][] shapes = [[1, 1, 1], [3, 5, 7], [8, 32, 16], [9, 33, 17], [13, 40, 300], [256, 26, 256], [130, 70, 30], [2, 50, 9], [50, 2, 9], [40, 50, 2], [7, 1, 260]];
            foreach (var shape in shapes)
            {
                foreach (var layout in new[] { "NN", "NT", "TN" })
                {
                    foreach (var accumulate in new[] { false, true })
                    {
                        Check(rng, shape[0], shape[1], shape[2], layout, accumulate);
                    }
                }
            }
        }
        finally
        {
            Gemm.Kernel = previous;
        }
    }

    private static void Check(Rng rng, int m, int n, int k, string layout, bool accumulate)
    {
        // NN: dY·W (input gradient); NT: X·Wᵀ (forward); TN: dYᵀ·X (weight gradient).
        var a = GradientCheck.Random(rng, m * k);
        var b = GradientCheck.Random(rng, k * n);
        const int Pad = 3; // C rows wider than n: the row stride must be honoured
        var c = GradientCheck.Random(rng, m * (n + Pad));
        var expected = c.Select(v => (double)v).ToArray();
        var (aRow, aCol) = layout[0] == 'N' ? (k, 1) : (1, m);
        var (bRow, bCol) = layout[1] == 'N' ? (n, 1) : (1, k);
        for (var i = 0; i < m; i++)
        {
            for (var j = 0; j < n; j++)
            {
                var sum = accumulate ? expected[(i * (n + Pad)) + j] : 0;
                for (var p = 0; p < k; p++)
                {
                    sum += (double)a[(i * aRow) + (p * aCol)] * b[(p * bRow) + (j * bCol)];
                }

                expected[(i * (n + Pad)) + j] = sum;
            }
        }

        Gemm.Multiply(m, n, k, a, aRow, aCol, b, bRow, bCol, c, n + Pad, accumulate);

        for (var i = 0; i < c.Length; i++)
        {
            // Float sums of k products of N(0,1) values: error grows like √k·eps.
            Assert.True(Math.Abs(c[i] - expected[i]) <= 1e-5 * (1 + Math.Sqrt(k) * 4), $"{layout} {m}×{n}×{k} accumulate={accumulate} [{i / (n + Pad)},{i % (n + Pad)}]: {c[i]} vs {expected[i]}");
        }
    }

    [Fact]
    public void Multiply_ViewOverrunningItsSpan_Throws()
    {
        var a = new float[6];
        Assert.Throws<ArgumentException>(() => Gemm.Multiply(3, 2, 3, a, 3, 1, new float[6], 2, 1, new float[6], 2, false)); // A needs 9
        Assert.Throws<ArgumentException>(() => Gemm.Multiply(2, 2, 3, a, 3, 1, new float[6], 2, 1, new float[3], 2, false)); // C needs 4
    }
}

/// <summary>Serialises the tests that change <see cref="Gemm.Kernel"/> with those whose results would depend on it.</summary>
[CollectionDefinition(nameof(GemmKernelSwitch), DisableParallelization = true)]
public sealed class GemmKernelSwitch;
