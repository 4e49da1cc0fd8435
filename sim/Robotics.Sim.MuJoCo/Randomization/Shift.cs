namespace Robotics.Sim.MuJoCo.Randomization;

/// <summary>
/// A named change of the world applied on top of randomization at every reset: the conditions a policy is evaluated
/// under that its demonstrations never saw. Combine with <c>+</c>: <c>Shift.FrictionScale(0.6) + Shift.MassScale(2, "cube")</c>.
/// </summary>
public sealed record Shift
{
    private Shift(string name) => Name = name;

    /// <summary>No shift: the nominal (or randomized) model.</summary>
    public static Shift None { get; } = new("nominal");

    public string Name { get; private init; }

    /// <summary>Factor on every geom's friction.</summary>
    public double Friction { get; private init; } = 1;

    /// <summary>Factor on the mass and inertia of <see cref="MassBodies"/>.</summary>
    public double Mass { get; private init; } = 1;

    /// <summary>Bodies whose mass changes; empty: every body.</summary>
    public IReadOnlyList<string> MassBodies { get; private init; } = [];

    /// <summary>Factor on every position actuator's kp.</summary>
    public double Gain { get; private init; } = 1;

    /// <summary>Length of the offset added to the commanded positions of <see cref="BiasJoints"/> (joint units).</summary>
    public double Bias { get; private init; }

    /// <summary>Joints the bias shifts; empty: every actuated joint of the task.</summary>
    public IReadOnlyList<string> BiasJoints { get; private init; } = [];

    /// <summary>Every geom's friction times <paramref name="scale"/>.</summary>
    public static Shift FrictionScale(double scale) => new($"friction x{scale}") { Friction = Positive(scale, nameof(scale)) };

    /// <summary>The mass and inertia of <paramref name="bodies"/> (none named: every body) times <paramref name="scale"/>.</summary>
    public static Shift MassScale(double scale, params string[] bodies) =>
        new($"mass x{scale}{Of(bodies)}") { Mass = Positive(scale, nameof(scale)), MassBodies = [.. bodies] };

    /// <summary>Every position actuator's kp times <paramref name="scale"/> (a weaker or stiffer servo).</summary>
    public static Shift GainScale(double scale) => new($"kp x{scale}") { Gain = Positive(scale, nameof(scale)) };

    /// <summary>
    /// A systematic actuator error: each episode the commanded positions of <paramref name="joints"/> (none named:
    /// every actuated joint) are offset by a vector of length <paramref name="length"/> in a direction drawn from the
    /// episode's seed, constant for the whole episode. An open-loop plan cannot see it; feedback of the true pose can.
    /// </summary>
    public static Shift ActuatorBias(double length, params string[] joints)
    {
        if (!(length >= 0) || !double.IsFinite(length))
        {
            throw new ArgumentOutOfRangeException(nameof(length), length, "a bias is a finite length >= 0");
        }

        return new($"actuator bias {length}{Of(joints)}") { Bias = length, BiasJoints = [.. joints] };
    }

    /// <summary>Both shifts: factors multiply; at most one of them may carry an actuator bias.</summary>
    public static Shift operator +(Shift left, Shift right) => Combine(left, right);

    public static Shift Combine(Shift left, Shift right)
    {
        ArgumentNullException.ThrowIfNull(left);
        ArgumentNullException.ThrowIfNull(right);
        if (left.Bias > 0 && right.Bias > 0)
        {
            throw new ArgumentException($"'{left.Name}' and '{right.Name}' both set an actuator bias; use one bias of the combined length");
        }

        if (left.Mass != 1 && right.Mass != 1 && !left.MassBodies.SequenceEqual(right.MassBodies))
        {
            throw new ArgumentException($"'{left.Name}' and '{right.Name}' scale the mass of different bodies; combine them in one MassScale");
        }

        var biased = left.Bias > 0 ? left : right;
        var massive = left.Mass != 1 ? left : right;
        return new($"{left.Name} + {right.Name}")
        {
            Friction = left.Friction * right.Friction,
            Mass = left.Mass * right.Mass,
            MassBodies = massive.MassBodies,
            Gain = left.Gain * right.Gain,
            Bias = biased.Bias,
            BiasJoints = biased.BiasJoints,
        };
    }

    /// <summary>Value equality, the body and joint lists included (a record would compare the lists by reference).</summary>
    public bool Equals(Shift? other) =>
        other is not null && Name == other.Name && Friction.Equals(other.Friction) && Mass.Equals(other.Mass) && Gain.Equals(other.Gain)
        && Bias.Equals(other.Bias) && MassBodies.SequenceEqual(other.MassBodies) && BiasJoints.SequenceEqual(other.BiasJoints);

    public override int GetHashCode() => HashCode.Combine(Name, Friction, Mass, Gain, Bias);

    public override string ToString() => Name;

    private static double Positive(double value, string name) =>
        value > 0 && double.IsFinite(value) ? value : throw new ArgumentOutOfRangeException(name, value, "a scale is a finite number > 0");

    private static string Of(string[] names) => names.Length == 0 ? string.Empty : $" ({string.Join(", ", names)})";
}
