using System.Globalization;
using System.Text.Json;
using Robotics.Policies.Contract;
using Robotics.Policies.Export;
using Robotics.Policies.Learning;

namespace Robotics.Policies.Rewards;

/// <summary>A reward model on disk: reward.rnet (<see cref="NetworkSerializer"/>), reward.json (ᾱ, K, normalizer), reward_pairwise.rnet; and its ONNX export.</summary>
internal static class RewardModelFiles
{
    public const string NetworkFile = "reward.rnet";
    public const string PairwiseFile = "reward_pairwise.rnet";
    public const string SidecarFile = "reward.json";

    public static void Save(RewardModel model, string directory, double[] mean, double[] std, double[] fractions)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        Directory.CreateDirectory(directory);
        using (var file = File.Create(Path.Combine(directory, NetworkFile)))
        {
            NetworkSerializer.Save(file, model.Network);
        }

        if (model.PairwiseNetwork is { } pairwise)
        {
            using var file = File.Create(Path.Combine(directory, PairwiseFile));
            NetworkSerializer.Save(file, pairwise);
        }

        var sidecar = new RewardModelSidecar
        {
            Stages = model.Stages,
            StateSize = model.StateSize,
            ContextFrames = model.ContextFrames,
            ContextStride = model.ContextStride,
            StageFractions = fractions,
            StateMean = mean,
            StateStd = std,
            PairwiseHead = model.PairwiseNetwork is not null,
        };
        File.WriteAllText(Path.Combine(directory, SidecarFile), JsonSerializer.Serialize(sidecar, PolicySpec.Json));
    }

    public static RewardModel Load(string directory)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        var path = Path.Combine(directory, SidecarFile);
        if (!File.Exists(path))
        {
            throw new InvalidDataException($"reward model sidecar {path} does not exist (a reward model is {NetworkFile} plus {SidecarFile})");
        }

        RewardModelSidecar sidecar;
        try
        {
            sidecar = JsonSerializer.Deserialize<RewardModelSidecar>(File.ReadAllText(path), PolicySpec.Json) ?? throw new InvalidDataException($"{path} is empty");
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{path}: {e.Message}", e);
        }

        Check(sidecar, path);
        var network = ReadNetwork(Path.Combine(directory, NetworkFile));
        var pairwise = sidecar.PairwiseHead ? ReadNetwork(Path.Combine(directory, PairwiseFile)) : null;
        try
        {
            return new RewardModel(network, pairwise, sidecar.StateSize, sidecar.ContextFrames, sidecar.ContextStride, [.. sidecar.StateMean], [.. sidecar.StateStd], [.. sidecar.StageFractions]);
        }
        catch (ArgumentException e)
        {
            throw new InvalidDataException($"{directory}: the networks do not match {SidecarFile}: {e.Message}", e);
        }
    }

    public static void ExportOnnx(RewardModel model, Mlp network, string path, string graphName, string inputName, string outputName, int copies)
    {
        var graph = MlpOnnxExporter.ToGraph(model.FoldNormalizer(network, copies), inputName, outputName, graphName: graphName);
        var invariant = CultureInfo.InvariantCulture;
        graph.Metadata["stages"] = model.Stages.ToString(invariant);
        graph.Metadata["stage_fractions"] = string.Join(",", model.StageFractions.Select(f => f.ToString("R", invariant)));
        graph.Metadata["state_size"] = model.StateSize.ToString(invariant);
        graph.Metadata["context_frames"] = model.ContextFrames.ToString(invariant);
        graph.Metadata["context_stride"] = model.ContextStride.ToString(invariant);
        graph.Metadata["input"] = "raw state frames, current first (normalization folded into the first layer)";
        graph.Metadata["output_layout"] = $"stage_logits[{RewardOutputLayout.StageLogits}:{model.Layout.StageProgress}], stage_progress[{model.Layout.StageProgress}:{model.Layout.SuccessLogit}], success_logit[{model.Layout.SuccessLogit}]";
        graph.Metadata["network"] = network.ToString();
        graph.Save(path);
    }

    private static void Check(RewardModelSidecar s, string path)
    {
        if (s.Format != RewardModelSidecar.CurrentFormat)
        {
            throw new InvalidDataException($"{path}: format \"{s.Format}\" is not {RewardModelSidecar.CurrentFormat}");
        }

        if (s.Stages < 1 || s.StateSize < 1 || s.ContextFrames < 1 || s.ContextStride < 1)
        {
            throw new InvalidDataException($"{path}: stages, state_size, context_frames and context_stride must be ≥ 1");
        }

        if (s.StageFractions.Count != s.Stages || s.StageFractions.Any(f => !(f >= 0 && f <= 1)) || Math.Abs(s.StageFractions.Sum() - 1) > 1e-6)
        {
            throw new InvalidDataException($"{path}: stage_fractions must be {s.Stages} values in [0, 1] summing to 1");
        }

        if (s.StateMean.Count != s.StateSize || s.StateStd.Count != s.StateSize || s.StateMean.Any(v => !double.IsFinite(v)) || s.StateStd.Any(v => !double.IsFinite(v) || v < 0))
        {
            throw new InvalidDataException($"{path}: state_mean and state_std must be {s.StateSize} finite values (std ≥ 0)");
        }
    }

    private static Mlp ReadNetwork(string path)
    {
        if (!File.Exists(path))
        {
            throw new InvalidDataException($"reward network {path} does not exist");
        }

        using var file = File.OpenRead(path);
        try
        {
            return NetworkSerializer.Load(file);
        }
        catch (InvalidDataException e)
        {
            throw new InvalidDataException($"{path}: {e.Message}", e);
        }
    }
}
