using Robotics.Cli.Learning;
using Robotics.Policies.Contract;
using Robotics.Policies.Onnx;

namespace Robotics.Cli.Commands;

/// <summary><c>robotics policy eval</c>: success rate of a policy on simulated episodes, several environments batched into one run.</summary>
public static class PolicyCommand
{
    public const string Usage = "robotics policy eval --policy DIR/policy.json --task reach|insertion|pick_lift [--episodes 100] [--envs 8] [--execution-provider auto|cpu|cuda|tensorrt] [--seed 1000000]";

    public static int Run(IReadOnlyList<string> args, CliEnvironment env)
    {
        var options = new[] { "--policy", "--task", "--episodes", "--envs", "--execution-provider", "--seed" };
        var parsed = new CliArguments(args, "policy", [], options.ToDictionary(o => o, o => o));
        if (parsed.Positional(0, "a verb (eval)", Usage) != "eval")
        {
            throw new CliException($"policy: unknown verb '{parsed.Positionals[0]}'. Usage: {Usage}");
        }

        var sidecar = parsed.Get("--policy") ?? throw new CliException($"policy eval: --policy is required. Usage: {Usage}");
        var taskName = parsed.Get("--task") ?? throw new CliException($"policy eval: --task is required. Usage: {Usage}");
        var episodes = parsed.GetInt("--episodes", 100);
        var spec = PolicySpec.Load(sidecar);
        using var model = OnnxPolicyModel.Load(spec.ModelPath(sidecar), ExecutionProviders.Parse(parsed.Get("--execution-provider") ?? "auto"));
        env.Out.WriteLine($"policy {spec.PolicyId} on {model.Choice.Provider.Name()} ({model.Choice.Reason})");
        var bar = new ProgressBar(env.Out, "episodes", episodes);
        var result = PolicyEvaluation.Run(spec, model, taskName, episodes, parsed.GetInt("--envs", 8), parsed.GetInt("--seed", 1_000_000), null, (done, ok) => bar.Report(done, $"success {ok}/{done}"));
        var (low, high) = result.Wilson95;
        env.Out.WriteLine($"success {result.Successes}/{result.Episodes} = {result.SuccessRate:P0} (Wilson 95 % CI {low:P0}–{high:P0}); {result.Runs} batched runs of {result.BatchSize}, {result.MeanInferenceMs:0.000} ms each");
        return 0;
    }
}
