using Robotics.Policies.Contract;
using Robotics.Policies.Inference;

namespace Robotics.Policies.Tests.Contract;

public class PolicyValidationTests
{
    private static readonly string[] _robot = ["a", "b"];

    private static readonly ModelSignature _model = new(
        [new TensorSpec("observation.state", TensorElement.Float32, [-1, 3])],
        [new TensorSpec("action", TensorElement.Float32, [-1, 4, 2])]);

    private static PolicySpec Good() => new()
    {
        ControlRateHz = 20,
        ChunkLength = 4,
        JointNames = ["a", "b"],
        Action = new ActionSpec { Min = [-1, -1], Max = [1, 1] },
        State = new StateSpec { Features = ["joint_states/a", "joint_states/b", "environment_state/x"], Mean = [0, 0, 0], Std = [1, 1, 1] },
    };

    [Fact]
    public void AGoodSidecar_Passes() => PolicyValidation.Check(Good(), _model, _robot);

    [Theory]
    [InlineData("chunk", "action.output: the model's action: float32[?, 4, 2] is not float32[batch, 5, 2]")]
    [InlineData("joint", "joint_names: 'c' is not a joint of this robot")]
    [InlineData("state", "state.input: the model's observation.state: float32[?, 3] does not take float32[batch, 2]")]
    [InlineData("stats", "state.std has 1 values, expected 3")]
    [InlineData("format", "format is 'other/2'")]
    [InlineData("feature", "state.features: 'camera/x' is neither")]
    public void AMismatch_IsOneErrorNamingTheField(string broken, string expected)
    {
        var spec = broken switch
        {
            "chunk" => Good() with { ChunkLength = 5 },
            "joint" => Good() with { JointNames = ["a", "c"] },
            "state" => Good() with { State = Good().State with { Features = ["joint_states/a", "joint_states/b"], Mean = [0, 0], Std = [1, 1] } },
            "stats" => Good() with { State = Good().State with { Std = [1] } },
            "format" => Good() with { Format = "other/2" },
            _ => Good() with { State = Good().State with { Features = ["joint_states/a", "joint_states/b", "camera/x"] } },
        };
        var error = Assert.Throws<PolicyLoadException>(() => PolicyValidation.Check(spec, _model, _robot, "p.json"));
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        Assert.StartsWith("p.json does not fit", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AModelInputTheSidecarDoesNotDescribe_IsNamed()
    {
        var model = _model with { Inputs = [.. _model.Inputs, new TensorSpec("observation.images.wrist", TensorElement.Float32, [-1, 3, 96, 96])] };
        var error = Assert.Throws<PolicyLoadException>(() => PolicyValidation.Check(Good(), model, _robot));
        Assert.Contains("observation.images.wrist: float32[?, 3, 96, 96] is not described by the sidecar", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void MissingOrMalformedSidecar_IsAClearError()
    {
        Assert.Contains("does not exist", Assert.Throws<PolicyLoadException>(() => PolicySpec.Load("/nonexistent/policy.json")).Message, StringComparison.Ordinal);
        var path = Path.GetTempFileName();
        try
        {
            File.WriteAllText(path, """{"format": "robotics-policy/1", "chunk_lenght": 4}""");
            var error = Assert.Throws<PolicyLoadException>(() => PolicySpec.Load(path));
            Assert.Contains("chunk_lenght", error.Message, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Normalizer_FloorsStdAndRange_AsLearningMdSays()
    {
        var n = new Normalizer([1, 0], [0.01, 2], [0, -1], [0.02, 1]);
        Span<float> state = stackalloc float[2];
        n.NormalizeState([1.5, 1], state);
        Assert.Equal(5f, state[0], 5); // (1.5 − 1) / max(0.01, 0.1)
        Assert.Equal(0.5f, state[1], 5);
        Span<float> targets = stackalloc float[2];
        n.Denormalize([1, -1], targets);
        Assert.Equal(0.01f + 0.05f, targets[0], 5); // centre 0.01, half range max(0.02, 0.1) / 2
        Assert.Equal(-1f, targets[1], 5);
    }
}
