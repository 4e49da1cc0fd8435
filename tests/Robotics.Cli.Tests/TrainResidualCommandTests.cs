using System.Text.Json;
using Robotics.Cli.Commands;

namespace Robotics.Cli.Tests;

/// <summary>
/// <c>robotics train bc</c> then <c>train residual</c> end to end at a tiny size: real MuJoCo, the real supervisor
/// limits file, ONNX Runtime serving the base. The figures of B1 come from the full-size run (docs/residual_rl.md).
/// </summary>
public sealed class TrainResidualCommandTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), $"robotics-residual-{Guid.NewGuid():N}");

    [Fact]
    public void TinyRun_TrainsUnderTheSupervisor_AndWritesTableCurveAndActor()
    {
        using var cli = new CliTestContext();
        Assert.Equal(0, TrainCommand.Run(["bc", "--task", "insertion", "--demos", "12", "--steps", "150", "--hidden", "32,32", "-o", Path.Combine(_dir, "bc")], cli.Env));
        var output = Path.Combine(_dir, "residual");
        Assert.Equal(0, TrainCommand.Run(["residual", "--task", "insertion", "--base", Path.Combine(_dir, "bc", "policy.json"), "--steps", "400", "--learning-starts", "200", "--demos", "3", "--eval", "4", "--eval-every", "200", "--hidden", "32,32", "--batch", "32", "-o", output], cli.Env));

        var text = cli.Out.ToString();
        Assert.Contains("base alone", text, StringComparison.Ordinal);
        Assert.Contains("base + residual (trained)", text, StringComparison.Ordinal);
        using var results = JsonDocument.Parse(File.ReadAllText(Path.Combine(output, "results.json")));
        var final = results.RootElement.GetProperty("final");
        Assert.Equal(4, final.GetProperty("episodes").GetInt32());
        Assert.InRange(final.GetProperty("mean_abs_residual").GetDouble(), 0, 0.1 + 1e-6); // bounded by α
        Assert.Equal(0, results.RootElement.GetProperty("training_faults").GetInt64());
        Assert.Equal(2, results.RootElement.GetProperty("curve").GetArrayLength());
        Assert.True(File.Exists(Path.Combine(output, "learning_curve.svg")));
        Assert.True(new FileInfo(Path.Combine(output, "residual_actor.onnx")).Length > 1000);
    }

    [Fact]
    public void BadArguments_AreClearErrors()
    {
        using var cli = new CliTestContext();
        Assert.Contains("--base", Assert.Throws<CliException>(() => TrainCommand.Run(["residual", "--task", "insertion"], cli.Env)).Message, StringComparison.Ordinal);
        Assert.Contains("--method", Assert.Throws<CliException>(() => TrainCommand.Run(["residual", "--task", "insertion", "--base", "x.json", "--method", "ppo"], cli.Env)).Message, StringComparison.Ordinal);
        Assert.Contains("sparse, shaped or progress", Assert.Throws<CliException>(() => TrainCommand.Run(["residual", "--task", "insertion", "--base", "x.json", "--reward", "dense"], cli.Env)).Message, StringComparison.Ordinal);
        Assert.Contains("needs --reward-model", Assert.Throws<CliException>(() => TrainCommand.Run(["residual", "--task", "insertion", "--base", "x.json", "--reward", "shaped"], cli.Env)).Message, StringComparison.Ordinal);
        Assert.Contains("takes no --reward-model", Assert.Throws<CliException>(() => TrainCommand.Run(["residual", "--task", "insertion", "--base", "x.json", "--reward-model", "dir"], cli.Env)).Message, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        if (Directory.Exists(_dir))
        {
            Directory.Delete(_dir, recursive: true);
        }
    }
}
