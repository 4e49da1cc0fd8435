using Robotics.Cli.Commands;

namespace Robotics.Cli.Tests;

/// <summary><c>robotics train compare</c>: seeds averaged per method, steps to the target per seed, one chart.</summary>
public sealed class TrainCompareCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("train-compare-").FullName;

    [Fact]
    public void Methods_AreAveragedOverTheirSeeds_AndEachSeedsStepsToTheTargetAreListed()
    {
        var a1 = Run("a1", "[[1000, 0.5], [2000, 0.9]]");
        var a2 = Run("a2", "[[1000, 0.7], [2000, 0.7]]");
        var b = Path.Combine(Run("b", "[[1000, 0.1], [2000, 0.2]]"), "results.json"); // a results file works as well as its folder
        var chart = Path.Combine(_dir, "chart.svg");
        using var cli = new CliTestContext();

        Assert.Equal(0, TrainCommand.Run(["compare", $"sparse={a1},{a2}", $"shaped={b}", "--target", "0.8", "-o", chart], cli.Env));

        var lines = cli.Out.ToString().Split('\n');
        Assert.Contains(lines, l => l.StartsWith("sparse", StringComparison.Ordinal) && l.Contains("80 %", StringComparison.Ordinal) && l.Contains("2000, —", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("shaped", StringComparison.Ordinal) && l.Contains("20 %", StringComparison.Ordinal));
        var svg = File.ReadAllText(chart);
        Assert.Contains("sparse (mean of 2)", svg, StringComparison.Ordinal);
        Assert.Contains("shaped (mean of 1)", svg, StringComparison.Ordinal);
    }

    [Fact]
    public void AMissingRunOrABadGroup_IsAClearError()
    {
        using var cli = new CliTestContext();
        var missing = Path.Combine(_dir, "nope");
        Assert.Contains("results.json", Assert.Throws<CliException>(() => TrainCommand.Run(["compare", $"x={missing}", "-o", Path.Combine(_dir, "c.svg")], cli.Env)).Message, StringComparison.Ordinal);
        Assert.Contains("LABEL=RUN", Assert.Throws<CliException>(() => TrainCommand.Run(["compare", "nolabel", "-o", Path.Combine(_dir, "c.svg")], cli.Env)).Message, StringComparison.Ordinal);
        Assert.Contains("-o", Assert.Throws<CliException>(() => TrainCommand.Run(["compare", $"x={missing}"], cli.Env)).Message, StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Run(string name, string curve)
    {
        var directory = Path.Combine(_dir, name);
        Directory.CreateDirectory(directory);
        File.WriteAllText(Path.Combine(directory, "results.json"), $"{{\"curve\": {curve}}}");
        return directory;
    }
}
