using System.Numerics.Tensors;

namespace Robotics.Policies.Learning;

/// <summary>Global L2 norm of gradients and clipping by it, as torch.nn.utils.clip_grad_norm_.</summary>
public static class GradientClipping
{
    /// <summary>√(Σ over every parameter of Σ grad²), summed in double.</summary>
    public static float GlobalNorm(IReadOnlyList<Parameter> parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        var sum = 0.0;
        for (var i = 0; i < parameters.Count; i++)
        {
            sum += TensorPrimitives.SumOfSquares<float>(parameters[i].Grad);
        }

        return (float)Math.Sqrt(sum);
    }

    /// <summary>
    /// Scales every gradient by maxNorm/(norm + 1e-6) when the global norm exceeds <paramref name="maxNorm"/> (the 1e-6
    /// is PyTorch's) and returns the norm before clipping. A non-finite norm is returned and nothing is scaled.
    /// </summary>
    public static float ClipByGlobalNorm(IReadOnlyList<Parameter> parameters, float maxNorm)
    {
        if (!(maxNorm > 0) || !float.IsFinite(maxNorm))
        {
            throw new ArgumentOutOfRangeException(nameof(maxNorm), maxNorm, "The clip norm must be finite and > 0.");
        }

        var norm = GlobalNorm(parameters);
        var scale = maxNorm / (norm + 1e-6f);
        if (float.IsFinite(norm) && scale < 1)
        {
            for (var i = 0; i < parameters.Count; i++)
            {
                TensorPrimitives.Multiply(parameters[i].Grad, scale, parameters[i].Grad);
            }
        }

        return norm;
    }
}
