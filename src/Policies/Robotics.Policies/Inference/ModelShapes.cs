namespace Robotics.Policies.Inference;

/// <summary>Checks concrete shapes against a model's declared ones, for every <see cref="IPolicyModel.Bind"/>.</summary>
public static class ModelShapes
{
    /// <summary>The shape bound for <paramref name="spec"/>, checked: same rank, fixed dimensions equal, free ones positive.</summary>
    public static long[] Resolve(TensorSpec spec, IReadOnlyDictionary<string, long[]> shapes)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(shapes);
        if (!shapes.TryGetValue(spec.Name, out var shape))
        {
            throw new ArgumentException($"no shape given for the model's tensor {spec}", nameof(shapes));
        }

        if (shape.Length != spec.Dimensions.Count)
        {
            throw new ArgumentException($"tensor {spec} has rank {spec.Dimensions.Count}, the bound shape [{string.Join(", ", shape)}] has rank {shape.Length}", nameof(shapes));
        }

        for (var i = 0; i < shape.Length; i++)
        {
            var declared = spec.Dimensions[i];
            if (shape[i] <= 0 || (declared >= 0 && declared != shape[i]))
            {
                throw new ArgumentException($"tensor {spec}: dimension {i} is {declared}, the bound shape [{string.Join(", ", shape)}] says {shape[i]}", nameof(shapes));
            }
        }

        return shape;
    }

    public static long Count(long[] shape) => shape.Aggregate(1L, (a, b) => a * b);
}
