using System.Text.Json.Nodes;
using Robotics.Cli.Commands;

namespace Robotics.Cli.Tests;

/// <summary>
/// <c>robotics train reward</c> (B3) end to end at a tiny size: a base cloned by <c>train bc</c> in seconds, a few
/// demonstrations and rollouts, a few training steps. It checks the command's plumbing and outputs, not the figures
/// (a full run is `./robot train reward --task insertion --base DIR/policy.json`).
/// </summary>
public sealed class TrainRewardCommandTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), $"train_reward_{Guid.NewGuid():N}");

    [Fact]
    public void TrainReward_TinyRun_WritesResultsModelOnnxAndCharts()
    {
        using var test = new CliTestContext();
        var bc = Path.Combine(_directory, "bc");
        Assert.Equal(0, TrainCommand.Run(["bc", "--task", "insertion", "--demos", "8", "--steps", "40", "--hidden", "16,16", "-o", bc], test.Env));
        var output = Path.Combine(_directory, "reward");

        Assert.Equal(0, TrainCommand.Run(["reward", "--task", "insertion", "--base", Path.Combine(bc, "policy.json"), "--demos", "6", "--rollouts", "6", "--steps", "40", "--hidden", "16,16", "--batch", "32", "-o", output], test.Env));

        var text = test.Out.ToString();
        Assert.Contains("VOC (held-out successful demos)", text, StringComparison.Ordinal);
        Assert.Contains("linear-time labels", text, StringComparison.Ordinal);
        Assert.Contains("B3 (reward model part):", text, StringComparison.Ordinal);
        var results = JsonNode.Parse(File.ReadAllText(Path.Combine(output, "results.json")))!.AsObject();
        Assert.Equal("insertion", (string?)results["task"]);
        Assert.Equal(3, (int?)results["stages"]);
        var metrics = results["metrics"]!.AsObject();
        foreach (var field in new[] { "voc", "rollout_rho", "linear_time_rho", "success_auroc", "order_accuracy" })
        {
            Assert.True(metrics.ContainsKey(field), $"results.json has no metrics.{field}");
        }

        // One held-out demonstration (a success) and one held-out rollout of a barely trained base: all figures exist.
        Assert.InRange((double)metrics["voc"]!, -1, 1);
        Assert.InRange((double)metrics["rollout_rho"]!, -1, 1);
        Assert.Equal(6, (int?)results["rollouts"]!["run"]);
        Assert.Equal(1, (int?)results["rollouts"]!["held_out"]);
        Assert.NotNull(results["pass"]!["all"]);
        foreach (var file in new[] { "reward.rnet", "reward.json", "reward.onnx", "learning_curve.svg", "progress.svg", "held_out_frames.csv" })
        {
            Assert.True(File.Exists(Path.Combine(output, file)), $"{file} was not written");
        }
    }

    [Theory]
    [InlineData(new[] { "reward", "--task", "insertion" }, "--base")]
    [InlineData(new[] { "reward", "--base", "x/policy.json" }, "--task is required")]
    [InlineData(new[] { "reward", "--task", "teleport", "--base", "x/policy.json" }, "no stage order is known for task 'teleport'")]
    [InlineData(new[] { "reward", "--task", "insertion", "--base", "/nonexistent/policy.json" }, "does not exist")]
    [InlineData(new[] { "reward", "--task", "insertion", "--base", "x", "--bogus", "1" }, "unknown option '--bogus'")]
    [InlineData(new[] { "reward", "--task", "insertion", "--base", "x", "--steps", "-5" }, "not a non-negative integer")]
    public void TrainReward_BadArguments_SayWhatIsWrong(string[] args, string message)
    {
        using var test = new CliTestContext();
        var error = Assert.Throws<CliException>(() => TrainCommand.Run(args, test.Env));
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TrainReward_TooFewEpisodesOrBadSpeed_AreRefusedBeforeAnyWork()
    {
        using var test = new CliTestContext();
        Directory.CreateDirectory(_directory);
        var sidecar = Path.Combine(_directory, "policy.json");
        File.WriteAllText(sidecar, "{}");
        string[] common = ["reward", "--task", "insertion", "--base", sidecar];

        Assert.Contains("at least 2", Assert.Throws<CliException>(() => TrainCommand.Run([.. common, "--demos", "1"], test.Env)).Message, StringComparison.Ordinal);
        Assert.Contains("--holdout", Assert.Throws<CliException>(() => TrainCommand.Run([.. common, "--holdout", "1"], test.Env)).Message, StringComparison.Ordinal);
        Assert.Contains("--speed", Assert.Throws<CliException>(() => TrainCommand.Run([.. common, "--speed", "1.2,0.8"], test.Env)).Message, StringComparison.Ordinal);
        Assert.Contains("--context", Assert.Throws<CliException>(() => TrainCommand.Run([.. common, "--context", "0"], test.Env)).Message, StringComparison.Ordinal);
        Assert.Contains("no benchmark shift", Assert.Throws<CliException>(() => TrainCommand.Run(["reward", "--task", "reach", "--base", sidecar], test.Env)).Message, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }
}
