using Robotics.Policies.Contract;
using Robotics.Policies.Inference;
using Robotics.Policies.Learning;

namespace Robotics.Policies.Tests.Contract;

public class PolicyRunnerTests
{
    private static PolicySpec Spec() => new()
    {
        ControlRateHz = 20,
        ChunkLength = 2,
        JointNames = ["a"],
        Action = new ActionSpec { Min = [0], Max = [2] },
        State = new StateSpec { Features = ["joint_states/a"], Mean = [0], Std = [1] },
    };

    [Fact]
    public void BatchedRows_AreDenormalizedPerRow()
    {
        // y = x (identity weights): row 0 state 0.5 → normalized actions 0.5 → targets 1.5; row 1 state −1 → 0.
        var network = new Mlp([new Dense(1, 2, new Rng(1))]);
        var dense = (Dense)network.Layers[0];
        dense.Weight.Value[0] = 1;
        dense.Weight.Value[1] = 1;
        Array.Clear(dense.Bias.Value);
        using var runner = new PolicyRunner(Spec(), new NetworkPolicyModel(network, "observation.state", "action", [2, 1]), batchSize: 2);
        runner.SetState(0, [0.5]);
        runner.SetState(1, [-1]);
        runner.Run();
        Assert.Equal([1.5f, 1.5f], runner.Chunk(0).ToArray());
        Assert.Equal([0f, 0f], runner.Chunk(1).ToArray());
    }

    [Fact]
    public void NaNInTheOutput_IsRefusedNamingStepAndJoint()
    {
        var network = new Mlp([new Dense(1, 2, new Rng(1))]);
        ((Dense)network.Layers[0]).Bias.Value[1] = float.NaN;
        using var runner = new PolicyRunner(Spec(), new NetworkPolicyModel(network, "observation.state", "action", [2, 1]));
        runner.SetState(0, [0]);
        var error = Assert.Throws<PolicyRunException>(runner.Run);
        Assert.Contains("returned NaN for row 0, step 1, joint a", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ImagePreprocessor_ResizesBilinearly_AndNormalizes()
    {
        // A 2×1 rgb8 image [black, white] downsized to 1×1: the centre samples both pixels equally → 127.5 / 255.
        byte[] pixels = [0, 0, 0, 255, 255, 255];
        var spec = new ImageSpec { Width = 1, Height = 1, Mean = [0.5, 0, 0], Std = [0.5, 1, 1] };
        var output = new float[3];
        ImagePreprocessor.Write(new ImageFrame(pixels, 2, 1, 6, PixelFormat.Rgb8), spec, output);
        Assert.Equal(0f, output[0], 5); // (0.5 − 0.5) / 0.5
        Assert.Equal(0.5f, output[1], 5);
        Assert.Throws<ArgumentException>(() => ImagePreprocessor.Write(new ImageFrame(pixels, 3, 1, 9, PixelFormat.Rgb8), spec, output));
    }
}
