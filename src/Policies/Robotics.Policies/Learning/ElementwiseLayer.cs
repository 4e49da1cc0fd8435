namespace Robotics.Policies.Learning;

/// <summary>A parameter-free activation applied to each of <see cref="Size"/> features (ReLU, tanh).</summary>
public abstract class ElementwiseLayer : Layer
{
    /// <summary>An activation over <paramref name="size"/> features.</summary>
    protected ElementwiseLayer(int size)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(size);
        Size = size;
    }

    /// <summary>Features per row.</summary>
    public int Size { get; }

    /// <inheritdoc/>
    public override int InputSize => Size;

    /// <inheritdoc/>
    public override int OutputSize => Size;
}
