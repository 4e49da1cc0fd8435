using System.Diagnostics;

namespace Robotics.Benchmarks;

/// <summary>Small timing harness: warm up, then repeat batches for a time budget and keep the median.</summary>
internal static class Measure
{
    public static (double NsPerOp, double BytesPerOp) PerOp(Action op, double seconds)
    {
        // Warm up by time, not count: tiered JIT needs ~100 ms of calls before the optimized code is in place.
        var warm = Stopwatch.StartNew();
        while (warm.Elapsed.TotalMilliseconds < 300)
        {
            op();
        }

        // Size a batch to ~20 ms, then take the median of batches.
        var batch = 1;
        while (true)
        {
            var sw = Stopwatch.StartNew();
            for (var i = 0; i < batch; i++)
            {
                op();
            }

            if (sw.Elapsed.TotalMilliseconds > 20)
            {
                break;
            }

            batch *= 2;
        }

        var samples = new List<double>();
        var allocated = new List<double>();
        var budget = Stopwatch.StartNew();
        while (budget.Elapsed.TotalSeconds < seconds || samples.Count < 5)
        {
            var before = GC.GetAllocatedBytesForCurrentThread();
            var sw = Stopwatch.StartNew();
            for (var i = 0; i < batch; i++)
            {
                op();
            }

            samples.Add(sw.Elapsed.TotalNanoseconds / batch);
            allocated.Add((GC.GetAllocatedBytesForCurrentThread() - before) / (double)batch);
        }

        return (Median(samples), Median(allocated));
    }

    public static double Median(List<double> values)
    {
        values.Sort();
        return values[values.Count / 2];
    }

    public static double Percentile(List<double> sorted, double p) => sorted[Math.Min(sorted.Count - 1, (int)(p * sorted.Count))];
}
