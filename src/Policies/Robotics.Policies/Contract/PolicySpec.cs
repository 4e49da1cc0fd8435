using System.Text.Json;
using System.Text.Json.Serialization;

namespace Robotics.Policies.Contract;

/// <summary>
/// The policy sidecar (<c>policy.json</c> beside <c>policy.onnx</c>): what the model takes, what it returns and how to
/// turn robot data into its inputs and its outputs into joint targets. LEARNING.md §1: normalization statistics
/// (state mean/std, std floored at 0.1; action min/max, range floored at 0.1, mapped to [−1, 1]), control rate and
/// chunk length. Checked at load against the model's own signature and the robot's joints
/// (<see cref="PolicyValidation"/>), so a mismatch is one clear error, never a crash at the first tick.
/// </summary>
public sealed record PolicySpec
{
    public const string CurrentFormat = "robotics-policy/1";

    public static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    };

    public string Format { get; init; } = CurrentFormat;

    public string PolicyId { get; init; } = "policy";

    /// <summary>The ONNX file, relative to the sidecar.</summary>
    public string Model { get; init; } = "policy.onnx";

    public double ControlRateHz { get; init; }

    /// <summary>H: actions per chunk.</summary>
    public int ChunkLength { get; init; }

    /// <summary>The joints the actions command, in action order.</summary>
    public IReadOnlyList<string> JointNames { get; init; } = [];

    public ActionSpec Action { get; init; } = new();

    public StateSpec State { get; init; } = new();

    public IReadOnlyList<ImageSpec> Images { get; init; } = [];

    public LanguageSpec? Language { get; init; }

    /// <summary>Free-form facts (training data, steps, loss) carried along for whoever reads the file.</summary>
    public IReadOnlyDictionary<string, string> Info { get; init; } = new Dictionary<string, string>();

    /// <summary>Reads a sidecar; a missing file or bad JSON is a <see cref="Inference.PolicyLoadException"/> naming it.</summary>
    public static PolicySpec Load(string path)
    {
        if (!File.Exists(path))
        {
            throw new Inference.PolicyLoadException($"policy sidecar {path} does not exist (a policy is policy.onnx plus its policy.json)");
        }

        try
        {
            return JsonSerializer.Deserialize<PolicySpec>(File.ReadAllText(path), Json)
                ?? throw new Inference.PolicyLoadException($"{path} is empty");
        }
        catch (JsonException e)
        {
            throw new Inference.PolicyLoadException($"{path}: {e.Message}", e);
        }
    }

    /// <summary>The model's path: <see cref="Model"/> relative to the sidecar at <paramref name="sidecarPath"/>.</summary>
    public string ModelPath(string sidecarPath) => Path.GetFullPath(Path.Combine(Path.GetDirectoryName(Path.GetFullPath(sidecarPath)) ?? ".", Model));

    public void Save(string path) => File.WriteAllText(path, JsonSerializer.Serialize(this, Json));
}

/// <summary>The model output that holds the action chunk, [batch, H, A] floats in [−1, 1], and its joint-space range.</summary>
public sealed record ActionSpec
{
    public string Output { get; init; } = "action";

    /// <summary>Per joint: the target that −1 maps to.</summary>
    public IReadOnlyList<double> Min { get; init; } = [];

    /// <summary>Per joint: the target that +1 maps to.</summary>
    public IReadOnlyList<double> Max { get; init; } = [];
}

/// <summary>
/// The state input, [batch, F] floats: features named <c>joint_states/&lt;joint&gt;</c> (a measured joint position)
/// or <c>environment_state/&lt;name&gt;</c> (a value of the observation/environment_state topic, LeRobot's
/// observation.environment_state), normalized (x − mean) / max(std, 0.1).
/// </summary>
public sealed record StateSpec
{
    public string Input { get; init; } = "observation.state";

    public IReadOnlyList<string> Features { get; init; } = [];

    public IReadOnlyList<double> Mean { get; init; } = [];

    public IReadOnlyList<double> Std { get; init; } = [];
}

/// <summary>A camera input, [batch, 3, height, width] floats: resized, scaled to [0, 1], then (x − mean) / std per channel.</summary>
public sealed record ImageSpec
{
    public string Input { get; init; } = "observation.images.front";

    public string Topic { get; init; } = "camera/image_raw";

    public int Width { get; init; }

    public int Height { get; init; }

    public IReadOnlyList<double> Mean { get; init; } = [0, 0, 0];

    public IReadOnlyList<double> Std { get; init; } = [1, 1, 1];
}

/// <summary>
/// The task instruction: token ids (+ attention mask) from a Hugging Face tokenizer.json, [batch, max_length] int64;
/// or a fixed embedding per task text from <see cref="Embeddings"/>, [batch, size] floats.
/// </summary>
public sealed record LanguageSpec
{
    public string? InputIds { get; init; }

    public string? AttentionMask { get; init; }

    /// <summary>tokenizer.json, relative to the sidecar.</summary>
    public string? Tokenizer { get; init; }

    public int MaxLength { get; init; } = 32;

    public string? EmbeddingInput { get; init; }

    /// <summary>Task text → embedding vector, for models that take an embedding.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<float>>? Embeddings { get; init; }
}
