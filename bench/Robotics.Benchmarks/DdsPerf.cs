using System.Globalization;
using System.Text.RegularExpressions;

namespace Robotics.Benchmarks;

/// <summary>
/// Runs Cyclone's own benchmark tool, <c>ddsperf</c> 0.10.2, as the peer we compare with, and parses what it prints.
/// Facts from its source (src/tools/ddsperf/ddsperf.c, 0.10.x) that the comparison depends on:
/// <list type="bullet">
/// <item>it always batches: <c>dds_write_set_batch(true)</c> right after creating the participant, no flag turns it
/// off; data goes out when a packet fills or the writer flushes (pings and paced bursts flush);</item>
/// <item>data writer and reader: reliable, keep-all, max 10 000 samples; ping/pong: reliable keep-last 1;</item>
/// <item>topic KS (default) is {uint32 seq; int32 key; sequence&lt;octet&gt;}; <c>size N</c> is the whole payload,
/// so <c>size 1024</c> is a 1024-byte CDR body, <c>size 12</c> (the minimum) a 12-byte one;</item>
/// <item><b>ping prints half the round trip</b>: <c>update_roundtrip(..., (tnow - source_timestamp) / 2, ...)</c>;
/// we double every ping/pong number to report full round trips;</item>
/// <item><c>-l</c> (not in its help text) makes <c>sub</c> print one-way latency, now − source timestamp, on the same
/// clock (dds_time, CLOCK_REALTIME);</item>
/// <item><c>-i</c> is the domain id and <c>-D</c> the duration in seconds (not the domain).</item>
/// </list>
/// Every statistic is one line per 1-second window: "[pid] T size S total N lost L delta D lost L rate R kS/s ..."
/// for sub, "[pid] T [sublat] PEER size S mean M min X 50% P 90% Q 99% R max Y cnt C" for latencies.
/// </summary>
internal static partial class DdsPerf
{
    public const string Executable = "ddsperf";

    public static bool IsInstalled()
    {
        try
        {
            using var probe = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo(Executable, "help") { RedirectStandardOutput = true, RedirectStandardError = true });
            probe?.StandardOutput.ReadToEnd();
            probe?.WaitForExit(5000);
            return probe is not null;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return false;
        }
    }

    /// <summary>
    /// <c>ddsperf sub</c> and <c>ddsperf pub size N</c> for <paramref name="windows"/> full seconds of steady state:
    /// the first window (discovery, start) and the last (the publisher stopping) are dropped.
    /// </summary>
    public static ThroughputRound Throughput(DdsLoopback loopback, int size, int windows)
    {
        var duration = windows + 2;
        var (sub, pub) = RunPair(loopback, ["sub"], duration + 1, ["pub", "size", Num(size)], duration);
        var lines = SubLine().Matches(sub.Output).Select(m => (T: Dbl(m.Groups["t"].Value), Delta: long.Parse(m.Groups["delta"].Value, CultureInfo.InvariantCulture), Lost: long.Parse(m.Groups["lost"].Value, CultureInfo.InvariantCulture))).ToList();
        var start = lines.FindIndex(l => l.Delta > 0);
        var end = lines.FindLastIndex(l => l.Delta > 0);
        if (start < 0 || end - start < 2)
        {
            throw new InvalidOperationException($"ddsperf sub printed no steady-state windows:\n{sub.Output}\n{pub.Output}");
        }

        // Windows start+1 .. end-1 are whole seconds of steady state; window i covers (T[i-1], T[i]].
        var kept = Enumerable.Range(start + 1, end - start - 1).ToList();
        var seconds = kept.Sum(i => lines[i].T - lines[i - 1].T);
        var subBusy = BusyCores(sub.Output, [.. kept.Select(i => lines[i].T)]);
        var pubBusy = BusyCores(pub.Output, null);
        return new ThroughputRound(kept.Sum(i => lines[i].Delta), seconds, kept.Sum(i => lines[i].Lost), subBusy * seconds, pubBusy * seconds, $"{sub.Command} & {pub.Command}");
    }

    /// <summary>
    /// Mean CPU of a ddsperf process over its windows (it prints "name:user%+sys%" per thread each second): at the
    /// times in <paramref name="at"/>, or all windows but its first and last.
    /// </summary>
    private static double BusyCores(string output, HashSet<double>? at)
    {
        var windows = CpuLine().Matches(output)
            .Select(m => (T: Dbl(m.Groups["t"].Value), Busy: ThreadCpu().Matches(m.Groups["threads"].Value).Sum(t => Dbl(t.Groups["u"].Value) + Dbl(t.Groups["s"].Value)) / 100))
            .ToList();
        var kept = at is null ? windows.Skip(1).SkipLast(1).ToList() : windows.Where(w => at.Contains(w.T)).ToList();
        return kept.Count == 0 ? double.NaN : kept.Average(w => w.Busy);
    }

    /// <summary><c>ddsperf pong</c> and <c>ddsperf ping size N</c>; adds full round trips in µs (twice what ddsperf prints).</summary>
    public static string PingPong(DdsLoopback loopback, int size, int windows, LatencyWindows into)
    {
        var duration = windows + 2;
        var (pong, ping) = RunPair(loopback, ["pong"], duration + 1, ["ping", "size", Num(size)], duration);
        // ddsperf's ping/pong numbers are half the round trip; x2 gives the round trip we measure on our side.
        AddLatencyWindows(ping.Output, into, scale: 2.0, $"{pong.Command} & {ping.Command}");
        return $"{pong.Command} & {ping.Command}";
    }

    /// <summary><c>ddsperf -l sub</c> and <c>ddsperf pub RATE size N</c>; adds one-way latencies in ms.</summary>
    public static string PacedLatency(DdsLoopback loopback, int size, int rateHz, int windows, LatencyWindows into)
    {
        var duration = windows + 2;
        var (sub, pub) = RunPair(loopback, ["-l", "sub"], duration + 1, ["pub", $"{rateHz}Hz", "size", Num(size)], duration);
        AddLatencyWindows(sub.Output, into, scale: 1e-3, $"{sub.Command} & {pub.Command}");
        return $"{sub.Command} & {pub.Command}";
    }

    private static void AddLatencyWindows(string output, LatencyWindows into, double scale, string commands)
    {
        var lines = LatencyLine().Matches(output).ToList();
        if (lines.Count < 3)
        {
            throw new InvalidOperationException($"{commands}: ddsperf printed {lines.Count} latency windows:\n{output}");
        }

        // Drop the first (discovery, first samples) and the last window (the peer stopping part-way).
        foreach (var m in lines.Skip(1).SkipLast(1))
        {
            into.Add(Dbl(m.Groups["p50"].Value) * scale, Dbl(m.Groups["p99"].Value) * scale, long.Parse(m.Groups["cnt"].Value, CultureInfo.InvariantCulture));
        }
    }

    /// <summary>Starts the passive side first, then the active one; both end by their own -D, or are killed.</summary>
    private static ((string Output, string Command) First, (string Output, string Command) Second) RunPair(
        DdsLoopback loopback, string[] first, int firstSeconds, string[] second, int secondSeconds)
    {
        string[] Args(string[] mode, int seconds) => ["-i", Num(loopback.DomainId), "-D", Num(seconds), .. mode];
        using var a = ChildProcess.Start(Executable, Args(first, firstSeconds), loopback);
        Thread.Sleep(200);
        using var b = ChildProcess.Start(Executable, Args(second, secondSeconds), loopback);
        var limit = TimeSpan.FromSeconds(Math.Max(firstSeconds, secondSeconds) + 15);
        var bExited = b.WaitForExit(limit);
        var aExited = a.WaitForExit(TimeSpan.FromSeconds(firstSeconds + 5));
        if (!aExited || !bExited)
        {
            throw new TimeoutException($"ddsperf overran its -D and was killed: {a.CommandLine} / {b.CommandLine}");
        }

        return ((a.Stdout, a.CommandLine), (b.Stdout, b.CommandLine));
    }

    private static string Num(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static double Dbl(string text) => double.Parse(text, CultureInfo.InvariantCulture);

    [GeneratedRegex(@"^\[\d+\] (?<t>[\d.]+)\s+rss:\S+ vcsw:\d+ ivcsw:\d+(?<threads>.*)$", RegexOptions.Multiline)]
    private static partial Regex CpuLine();

    [GeneratedRegex(@"(?<name>\S+):(?<u>\d+)%\+(?<s>\d+)%")]
    private static partial Regex ThreadCpu();

    [GeneratedRegex(@"^\[\d+\] (?<t>[\d.]+)\s+size \d+ total \d+ lost \d+ delta (?<delta>\d+) lost (?<lost>\d+) rate", RegexOptions.Multiline)]
    private static partial Regex SubLine();

    [GeneratedRegex(@"^\[\d+\] [\d.]+\s+(?:sublat )?\S+ size \d+ mean [\d.]+us min [\d.]+us 50% (?<p50>[\d.]+)us 90% [\d.]+us 99% (?<p99>[\d.]+)us max [\d.]+us cnt (?<cnt>\d+)", RegexOptions.Multiline)]
    private static partial Regex LatencyLine();
}

/// <summary>One ddsperf pub/sub round: samples and seconds of steady state, and each process's CPU seconds in them.</summary>
internal sealed record ThroughputRound(long Messages, double Seconds, long Lost, double SubscriberCpu, double PublisherCpu, string Commands)
{
    public double Rate => Messages / Seconds;
}
