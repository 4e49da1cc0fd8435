using Robotics.Policies.Contract;

namespace Robotics.Nodes.Rewards;

/// <summary>
/// Which graph values make a reward-model frame. reward.json does not name its features: the model learns on whatever
/// vector it was given (<c>robotics train reward</c> records the simulated task's observation — joint positions in the
/// task's joint order, then its environment values — which is exactly the state of the base policy.json it is trained
/// beside). So the node takes the names as policy.json writes them, or that policy.json itself, and composes the frame
/// as the policy node composes a state.
/// </summary>
internal static class RewardFeatures
{
    public static IReadOnlyList<string> Resolve(string[] features, string policyPath, int stateSize, string node)
    {
        IReadOnlyList<string> names = features.Length > 0 ? features
            : !string.IsNullOrWhiteSpace(policyPath) ? PolicySpec.Load(policyPath).State.Features
            : throw new ArgumentException($"{node}: name the reward model's {stateSize} input features in training order (features:=[joint_states/<joint>, …, environment_state/<name>, …]) or give the base policy's policy.json (policy:=…/policy.json)");
        var errors = new List<string>();
        if (names.Count != stateSize)
        {
            errors.Add($"{names.Count} features for a model of {stateSize} values per frame");
        }

        foreach (var name in names)
        {
            var joint = name.StartsWith(PolicyValidation.JointFeature, StringComparison.Ordinal) && name.Length > PolicyValidation.JointFeature.Length;
            var environment = name.StartsWith(PolicyValidation.EnvironmentFeature, StringComparison.Ordinal) && name.Length > PolicyValidation.EnvironmentFeature.Length;
            if (!joint && !environment)
            {
                errors.Add($"'{name}' is neither {PolicyValidation.JointFeature}<joint> nor {PolicyValidation.EnvironmentFeature}<name>");
            }
        }

        foreach (var twice in names.GroupBy(n => n, StringComparer.Ordinal).Where(g => g.Count() > 1))
        {
            errors.Add($"'{twice.Key}' appears {twice.Count()} times");
        }

        return errors.Count == 0 ? names : throw new ArgumentException($"{node}: the reward model's features do not fit it: {string.Join("; ", errors)}");
    }
}
