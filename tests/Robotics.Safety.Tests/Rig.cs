namespace Robotics.Safety.Tests;

/// <summary>
/// A supervisor on fake time (nanoseconds, one 10 ms period per tick) driving a kinematic fake arm that reaches every
/// sent position by the next tick (torque off: it stays where it is).
/// </summary>
internal sealed class Rig
{
    public const long Period = 10_000_000;

    public static readonly string[] Names = ["shoulder", "elbow"];

    public Rig(SafetyConfig? config = null, double[]? start = null)
    {
        Supervisor = new SafetySupervisor(config ?? Config());
        Measured = start ?? new double[Supervisor.Joints.Count];
        Now = 1_000_000_000;
    }

    public SafetySupervisor Supervisor { get; }

    public double[] Measured { get; }

    public long Now { get; set; }

    public ulong Sequence { get; set; }

    /// <summary>Whether the fake arm follows what is sent (false: it is blocked where it is).</summary>
    public bool ArmFollows { get; set; } = true;

    public static JointLimit Joint(string name) => new(name)
    {
        HardMin = -2, HardMax = 2, SoftMin = -1.9, SoftMax = 1.9,
        MaxVelocity = 2, MaxAcceleration = 10, MaxDeceleration = 20, MaxJerk = 0, MaxStep = 0.2, MaxResidual = 0.1,
    };

    public static SafetyConfig Config() => new() { Joints = [Joint(Names[0]), Joint(Names[1])] };

    /// <summary>One period passes; the arm moves to what was sent (if torque is on and it follows).</summary>
    public Decision Tick() => Tick([]);

    /// <summary>As <see cref="Tick()"/>, with measured effort per joint (B7).</summary>
    public Decision Tick(double[] effort)
    {
        Now += Period;
        var d = Supervisor.Tick(Now, Measured, Now, effort);
        if (ArmFollows && d.Mode != OutputMode.TorqueOff)
        {
            d.Sent.CopyTo(Measured, 0);
        }

        return d;
    }

    public SafetyReason Send(CommandSource source, double[] position, double[]? residual = null, long? observationAgeNs = null) =>
        Supervisor.Submit(source, ++Sequence, Now - (observationAgeNs ?? 0), Names.AsSpan(0, position.Length), position, residual ?? [], intervention: false, Now);

    public EventResult Operator(SupervisorEvent e) => Supervisor.Request(e, Principal.Operator, Now);

    /// <summary>Ticks once (so the supervisor has a measurement), arms and starts.</summary>
    public void ArmAndStart()
    {
        Tick();
        Assert.True(Operator(SupervisorEvent.Arm).Accepted);
        Assert.True(Operator(SupervisorEvent.Start).Accepted);
    }
}
