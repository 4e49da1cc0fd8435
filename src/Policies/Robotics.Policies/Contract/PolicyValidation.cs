using Robotics.Policies.Inference;

namespace Robotics.Policies.Contract;

/// <summary>
/// Checks a sidecar against itself, the model's declared inputs/outputs and the robot's joints. Every problem is
/// collected and reported in one <see cref="PolicyLoadException"/>, each line naming the field.
/// </summary>
public static class PolicyValidation
{
    public const string JointFeature = "joint_states/";
    public const string EnvironmentFeature = "environment_state/";

    public static void Check(PolicySpec spec, ModelSignature model, IReadOnlyCollection<string> robotJoints, string source = "policy.json")
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(robotJoints);
        var errors = new List<string>();
        CheckSelf(spec, robotJoints, errors);
        CheckModel(spec, model, errors);
        if (errors.Count > 0)
        {
            throw new PolicyLoadException($"{source} does not fit the model or the robot:\n  - {string.Join("\n  - ", errors)}");
        }
    }

    private static void CheckSelf(PolicySpec spec, IReadOnlyCollection<string> robotJoints, List<string> errors)
    {
        if (spec.Format != PolicySpec.CurrentFormat)
        {
            errors.Add($"format is '{spec.Format}', this stack reads '{PolicySpec.CurrentFormat}'");
        }

        if (!(spec.ControlRateHz > 0) || !double.IsFinite(spec.ControlRateHz))
        {
            errors.Add($"control_rate_hz is {spec.ControlRateHz}; it must be a positive rate");
        }

        if (spec.ChunkLength < 1)
        {
            errors.Add($"chunk_length is {spec.ChunkLength}; a chunk holds at least one action");
        }

        if (spec.JointNames.Count == 0)
        {
            errors.Add("joint_names is empty");
        }

        foreach (var joint in spec.JointNames.Where(j => !robotJoints.Contains(j)))
        {
            errors.Add($"joint_names: '{joint}' is not a joint of this robot ({string.Join(", ", robotJoints)})");
        }

        foreach (var twice in spec.JointNames.GroupBy(j => j, StringComparer.Ordinal).Where(g => g.Count() > 1))
        {
            errors.Add($"joint_names: '{twice.Key}' appears {twice.Count()} times");
        }

        Lengths(errors, "action.min", spec.Action.Min, spec.JointNames.Count, "one per joint");
        Lengths(errors, "action.max", spec.Action.Max, spec.JointNames.Count, "one per joint");
        for (var i = 0; i < Math.Min(spec.Action.Min.Count, spec.Action.Max.Count); i++)
        {
            if (!(spec.Action.Max[i] >= spec.Action.Min[i]))
            {
                errors.Add($"action: max[{i}] ({spec.Action.Max[i]}) is below min[{i}] ({spec.Action.Min[i]})");
            }
        }

        if (spec.State.Features.Count == 0)
        {
            errors.Add("state.features is empty");
        }

        foreach (var feature in spec.State.Features)
        {
            if (feature.StartsWith(JointFeature, StringComparison.Ordinal))
            {
                if (!robotJoints.Contains(feature[JointFeature.Length..]))
                {
                    errors.Add($"state.features: '{feature}' names a joint this robot does not have");
                }
            }
            else if (!feature.StartsWith(EnvironmentFeature, StringComparison.Ordinal) || feature.Length == EnvironmentFeature.Length)
            {
                errors.Add($"state.features: '{feature}' is neither {JointFeature}<joint> nor {EnvironmentFeature}<name>");
            }
        }

        Lengths(errors, "state.mean", spec.State.Mean, spec.State.Features.Count, "one per feature");
        Lengths(errors, "state.std", spec.State.Std, spec.State.Features.Count, "one per feature");
        foreach (var image in spec.Images.Where(i => i.Width <= 0 || i.Height <= 0 || i.Mean.Count != 3 || i.Std.Count != 3 || i.Std.Any(s => !(s > 0))))
        {
            errors.Add($"images: {image.Input} needs a positive width and height and 3 means and 3 positive stds");
        }
    }

    private static void CheckModel(PolicySpec spec, ModelSignature model, List<string> errors)
    {
        var described = new HashSet<string>(StringComparer.Ordinal);
        Input(errors, model, described, "state.input", spec.State.Input, TensorElement.Float32, [-1, spec.State.Features.Count]);
        foreach (var image in spec.Images)
        {
            Input(errors, model, described, $"images[{image.Input}]", image.Input, TensorElement.Float32, [-1, 3, image.Height, image.Width]);
        }

        if (spec.Language is { } language)
        {
            if (language.InputIds is { } ids)
            {
                Input(errors, model, described, "language.input_ids", ids, TensorElement.Int64, [-1, language.MaxLength]);
                if (language.Tokenizer is null)
                {
                    errors.Add("language.input_ids needs language.tokenizer (a tokenizer.json)");
                }
            }

            if (language.AttentionMask is { } mask)
            {
                Input(errors, model, described, "language.attention_mask", mask, TensorElement.Int64, [-1, language.MaxLength]);
            }

            if (language.EmbeddingInput is { } embedding)
            {
                var size = language.Embeddings?.Values.FirstOrDefault()?.Count ?? 0;
                Input(errors, model, described, "language.embedding_input", embedding, TensorElement.Float32, [-1, size]);
                if (language.Embeddings is null || language.Embeddings.Values.Any(v => v.Count != size))
                {
                    errors.Add("language.embeddings must give one vector of the same size per task text");
                }
            }
        }

        foreach (var input in model.Inputs.Where(i => !described.Contains(i.Name)))
        {
            errors.Add($"the model's input {input} is not described by the sidecar (state.input, images[].input, language.*)");
        }

        if (model.Output(spec.Action.Output) is not { } output)
        {
            errors.Add($"action.output: the model has no output '{spec.Action.Output}' (it has {string.Join(", ", model.Outputs)})");
        }
        else if (output.Element != TensorElement.Float32
            || !(Fits(output.Dimensions, [-1, spec.ChunkLength, spec.JointNames.Count]) || Fits(output.Dimensions, [-1, (long)spec.ChunkLength * spec.JointNames.Count])))
        {
            errors.Add($"action.output: the model's {output} is not float32[batch, {spec.ChunkLength}, {spec.JointNames.Count}] (chunk_length × joints)");
        }
    }

    private static void Input(List<string> errors, ModelSignature model, HashSet<string> described, string field, string name, TensorElement element, long[] shape)
    {
        described.Add(name);
        if (model.Input(name) is not { } input)
        {
            errors.Add($"{field}: the model has no input '{name}' (it has {string.Join(", ", model.Inputs)})");
        }
        else if (input.Element != element || !Fits(input.Dimensions, shape))
        {
            errors.Add($"{field}: the model's {input} does not take {element.ToString().ToLowerInvariant()}[{string.Join(", ", shape.Select(d => d < 0 ? "batch" : d.ToString(System.Globalization.CultureInfo.InvariantCulture)))}]");
        }
    }

    // A declared free dimension (-1) fits anything; the first of ours (-1) is the batch and fits anything.
    private static bool Fits(IReadOnlyList<long> declared, long[] ours) =>
        declared.Count == ours.Length && declared.Zip(ours).All(p => p.First < 0 || p.Second < 0 || p.First == p.Second);

    private static void Lengths<T>(List<string> errors, string field, IReadOnlyList<T> values, int expected, string what)
    {
        if (values.Count != expected)
        {
            errors.Add($"{field} has {values.Count} values, expected {expected} ({what})");
        }
    }
}
