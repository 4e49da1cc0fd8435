using System.Globalization;
using Robotics.Policies.Contract;
using Robotics.Policies.Export;

namespace Robotics.Policies.Training;

/// <summary>Writes a trained chunk policy as the node serves it: <c>policy.onnx</c> and its <c>policy.json</c> sidecar.</summary>
public static class PolicyPackage
{
    public const string StateInput = "observation.state";
    public const string ActionOutput = "action";

    /// <summary>Writes both files into <paramref name="directory"/>; returns the sidecar's path.</summary>
    public static string Save(string directory, string policyId, BcResult result, IReadOnlyList<string> jointNames, IReadOnlyList<string> features, double controlRateHz, IReadOnlyDictionary<string, string>? info = null)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(jointNames);
        ArgumentNullException.ThrowIfNull(features);
        Directory.CreateDirectory(directory);
        var chunk = result.Network.OutputSize / jointNames.Count;
        var graph = MlpOnnxExporter.ToGraph(result.Network, StateInput, ActionOutput, [chunk, jointNames.Count], policyId);
        graph.Metadata["policy_id"] = policyId;
        graph.Metadata["network"] = result.Network.ToString();
        graph.Save(Path.Combine(directory, "policy.onnx"));
        var spec = new PolicySpec
        {
            PolicyId = policyId,
            Model = "policy.onnx",
            ControlRateHz = controlRateHz,
            ChunkLength = chunk,
            JointNames = [.. jointNames],
            Action = new ActionSpec { Output = ActionOutput, Min = result.ActionMin, Max = result.ActionMax },
            State = new StateSpec { Input = StateInput, Features = [.. features], Mean = result.StateMean, Std = result.StateStd },
            Info = new Dictionary<string, string>(info ?? new Dictionary<string, string>())
            {
                ["final_validation_mse"] = result.Curve.Count > 0 ? result.Curve[^1].ValidationLoss.ToString("G4", CultureInfo.InvariantCulture) : "n/a",
            },
        };
        var sidecar = Path.Combine(directory, "policy.json");
        spec.Save(sidecar);
        return sidecar;
    }
}
