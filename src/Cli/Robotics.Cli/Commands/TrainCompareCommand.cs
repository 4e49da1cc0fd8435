using System.Globalization;
using System.Text.Json;
using Robotics.Cli.Learning;

namespace Robotics.Cli.Commands;

/// <summary>
/// <c>robotics train compare</c>: the learning curves of several <c>train residual</c> runs on one chart, the seeds of
/// each method averaged point by point (B3's sparse vs shaped vs φ, B1's residual vs RLPD), and a table of the steps
/// each run took to reach a success rate.
/// </summary>
public static class TrainCompareCommand
{
    public const string Usage = "robotics train compare LABEL=RUN[,RUN...] [LABEL=...] [--target 0.8] [--title TEXT] -o CHART.svg  (RUN: a train residual -o DIR, or its results.json)";

    public static int Run(IReadOnlyList<string> args, CliEnvironment env)
    {
        ArgumentNullException.ThrowIfNull(env);
        var parsed = new CliArguments(args, "train compare", [], new Dictionary<string, string> { ["-o"] = "--output", ["--output"] = "--output", ["--target"] = "--target", ["--title"] = "--title" });
        var output = parsed.Get("--output") ?? throw new CliException($"train compare: -o CHART.svg is required. Usage: {Usage}");
        var target = parsed.GetDouble("--target", 0.8);
        if (parsed.Positionals.Count == 0)
        {
            throw new CliException($"train compare: name at least one LABEL=RUN. Usage: {Usage}");
        }

        var series = new List<(string, IReadOnlyList<(double, double)>)>();
        env.Out.WriteLine($"{"method",-24} {"seeds",5} {"final (mean)",12}  steps to {target:P0} per seed");
        foreach (var group in parsed.Positionals)
        {
            var split = group.IndexOf('=', StringComparison.Ordinal);
            if (split < 1 || split == group.Length - 1)
            {
                throw new CliException($"train compare: '{group}' is not LABEL=RUN[,RUN...]");
            }

            var label = group[..split];
            var curves = group[(split + 1)..].Split(',').Select(ReadCurve).ToList();
            var mean = curves[0].Select((p, i) => (p.Steps, Success: curves.Average(c => i < c.Count ? c[i].Success : double.NaN))).Where(p => double.IsFinite(p.Success)).ToList();
            series.Add(($"{label} (mean of {curves.Count})", mean.Select(p => ((double)p.Steps, p.Success)).ToList()));
            var reached = curves.Select(c => TrainResidualCommand.StepsTo(c, target) is { } s ? s.ToString(CultureInfo.InvariantCulture) : "—");
            env.Out.WriteLine($"{label,-24} {curves.Count,5} {mean[^1].Success,12:P0}  {string.Join(", ", reached)}");
        }

        SvgChart.Save(output, parsed.Get("--title") ?? "success during training", "environment steps", "success rate", series);
        env.Out.WriteLine($"wrote {output}");
        return 0;
    }

    private static List<(int Steps, double Success)> ReadCurve(string run)
    {
        var path = run.EndsWith(".json", StringComparison.OrdinalIgnoreCase) ? run : Path.Combine(run, "results.json");
        try
        {
            using var results = JsonDocument.Parse(File.ReadAllText(path));
            var curve = results.RootElement.GetProperty("curve").EnumerateArray().Select(p => (p[0].GetInt32(), p[1].GetDouble())).ToList();
            return curve.Count > 0 ? curve : throw new CliException($"train compare: {path} has an empty curve");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or JsonException or KeyNotFoundException or InvalidOperationException)
        {
            throw new CliException($"train compare: {path}: {e.Message} (a robotics train residual -o DIR writes it)");
        }
    }
}
