using System.Text.Json.Nodes;

namespace Robotics.Benchmarks;

/// <summary>
/// Latency percentiles the way ddsperf reports them, so ours and ddsperf's are the same statistic: one line per
/// 1-second window, percentiles over (at most) the first 20 000 samples of the window with ddsperf's own index
/// formula (<c>raw[n - (n + 99) / 100]</c> for 99 %, which for 100 samples is the maximum). Across windows we keep
/// the median of the per-window p50 and p99 (mean of the middle two for an even count) (robust to a busy second on this shared machine) and the worst p99.
/// </summary>
internal sealed class LatencyWindows
{
    /// <summary>ddsperf's PINGPONG_RAWSIZE: samples kept per window for percentiles.</summary>
    private const int RawSize = 20_000;

    private readonly List<(double P50, double P99, long Count)> _windows = [];

    public int Count => _windows.Count;

    /// <summary>A window as ddsperf printed it (already converted to the unit we report).</summary>
    public void Add(double p50, double p99, long count) => _windows.Add((p50, p99, count));

    public void Merge(LatencyWindows other) => _windows.AddRange(other._windows);

    /// <summary>Our samples (seconds since the round started, latency) cut into whole 1-second windows.</summary>
    public void AddSamples(IReadOnlyList<(double Seconds, double Latency)> samples, double roundSeconds)
    {
        var windows = (int)Math.Floor(roundSeconds);
        for (var w = 0; w < windows; w++)
        {
            var raw = samples.Where(s => s.Seconds >= w && s.Seconds < w + 1).Take(RawSize).Select(s => s.Latency).ToList();
            if (raw.Count == 0)
            {
                continue;
            }

            raw.Sort();
            var n = raw.Count;
            _windows.Add((raw[n - ((n + 1) / 2)], raw[n - ((n + 99) / 100)], samples.Count(s => s.Seconds >= w && s.Seconds < w + 1)));
        }
    }

    public double MedianP50 => Median(_windows.Select(w => w.P50));

    public double MedianP99 => Median(_windows.Select(w => w.P99));

    public double WorstP99 => _windows.Max(w => w.P99);

    public long Samples => _windows.Sum(w => w.Count);

    // The middle value, or the mean of the two middle ones: rounds often have an even number of windows.
    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
    }

    public JsonObject ToJson(string unit, int digits) => new()
    {
        [$"p50_{unit}"] = Math.Round(MedianP50, digits),
        [$"p99_{unit}"] = Math.Round(MedianP99, digits),
        [$"worst_window_p99_{unit}"] = Math.Round(WorstP99, digits),
        ["windows"] = Count,
        ["samples"] = Samples,
    };
}
