namespace Robotics.Policies.Learning;

/// <summary>The nonlinearity <see cref="Mlp.Create"/> puts after a hidden or output layer.</summary>
public enum Activation
{
    /// <summary>Linear: no layer.</summary>
    None,

    /// <summary><see cref="Relu"/>.</summary>
    Relu,

    /// <summary><see cref="Tanh"/> (bounded outputs, e.g. actions in [−1, 1]).</summary>
    Tanh,
}
