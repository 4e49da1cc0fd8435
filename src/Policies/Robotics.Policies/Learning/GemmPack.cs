namespace Robotics.Policies.Learning;

/// <summary>
/// Copies strided A and B blocks into the panel order the micro-kernels read: A as MR-row panels stored k-major
/// (<c>panel[p·MR + r]</c>), B as NR-column panels stored k-major (<c>panel[p·NR + c]</c>), zero-padded at the edges so
/// the kernels never branch. Packing is O(mk + kn) against the O(mnk) product it feeds.
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
                    new ReadOnlySpan<float>(origin + (p * col), mr).CopyTo(new Span<float>(panel + (p * mr), mr));
                }
            }
            else
            {
                // Row-major A (activations): gather one float from each of the MR rows per k step.
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
                    for (var p = 0; p < kc; p++)
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
                    var to = new Span<float>(panel + (p * nr), nr);
                    new ReadOnlySpan<float>(origin + (p * row), cols).CopyTo(to);
                    to[cols..].Clear();
                }
            }
            else
            {
                // Wᵀ in the forward pass: each of the NR weight rows is contiguous along k; scatter it down a column.
                for (var c = 0; c < nr; c++)
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
}
