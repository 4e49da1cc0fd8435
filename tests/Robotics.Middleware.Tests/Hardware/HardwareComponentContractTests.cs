using Robotics.Middleware.Hardware;

namespace Robotics.Middleware.Tests.Hardware;

/// <summary>
/// What every <see cref="IHardwareComponent"/> promises the control loop (the in-memory arm, the MuJoCo arm, the
/// servo bus arm): stable joint order, reads with capture stamps, goals tracked, no jump at torque enable (SAFETY.md
/// I34, T11) and a torque off that is cheap to repeat. Each implementation derives a class and says how time passes
/// and how a hand moves a joint while the torque is off. Compiled into the other test projects by link.
/// </summary>
public abstract class HardwareComponentContractTests
{
    protected static readonly string[] Joints = ["joint_a", "joint_b"];

    /// <summary>A fresh component with <see cref="Joints"/>, torque off, at rest.</summary>
    protected abstract IHardwareComponent Create();

    /// <summary>Lets <paramref name="duration"/> of (fake, simulated or real) time pass.</summary>
    protected abstract void Advance(IHardwareComponent arm, TimeSpan duration);

    /// <summary>Moves a joint by hand while the torque is off (a person repositioning the arm).</summary>
    protected abstract void MoveByHand(IHardwareComponent arm, int joint, double position);

    /// <summary>How close a reading and a settled goal agree (encoder steps, steady-state error).</summary>
    protected virtual double Tolerance => 0.02;

    [Fact]
    public void JointNames_AreTheConfiguredOnesInOrder()
    {
        using var arm = Create();
        Assert.Equal(Joints, arm.JointNames);
    }

    [Fact]
    public void Read_GivesFinitePositionsAndStampsThatDoNotGoBack()
    {
        using var arm = Create();
        var (position, velocity) = (new double[2], new double[2]);
        Assert.True(arm.Read(position, velocity, out var first));
        Advance(arm, TimeSpan.FromMilliseconds(20));
        Assert.True(arm.Read(position, velocity, out var second));
        Assert.All(position, p => Assert.True(double.IsFinite(p)));
        Assert.True(second >= first);
        Assert.Null(arm.Fault);
    }

    [Fact]
    public void WritePosition_TracksTheGoal()
    {
        using var arm = Create();
        var start = ReadPositions(arm);
        double[] goal = [start[0] + 0.3, start[1] - 0.2];
        for (var i = 0; i < 100; i++)
        {
            arm.WritePosition(goal, new double[2]);
            Advance(arm, TimeSpan.FromMilliseconds(20));
        }

        var end = ReadPositions(arm);
        Assert.Equal(goal[0], end[0], Tolerance);
        Assert.Equal(goal[1], end[1], Tolerance);
    }

    [Fact]
    public void TorqueEnable_AfterTheArmWasMovedByHand_DoesNotJumpBackToTheOldGoal()
    {
        using var arm = Create();
        var start = ReadPositions(arm);
        for (var i = 0; i < 50; i++)
        {
            arm.WritePosition(start, new double[2]);
            Advance(arm, TimeSpan.FromMilliseconds(20));
        }

        arm.DisableTorque();
        MoveByHand(arm, 0, start[0] + 0.5);
        var moved = ReadPositions(arm);

        // The loop enables torque by writing where the arm is now (goal = present): nothing may pull it back.
        for (var i = 0; i < 25; i++)
        {
            arm.WritePosition(moved, new double[2]);
            Advance(arm, TimeSpan.FromMilliseconds(20));
        }

        Assert.Equal(moved[0], ReadPositions(arm)[0], Tolerance);
    }

    [Fact]
    public void DisableTorque_IsRepeatable_AndReadsGoOn()
    {
        using var arm = Create();
        arm.DisableTorque();
        arm.DisableTorque();
        Assert.True(arm.Read(new double[2], new double[2], out _));
        Assert.Null(arm.Fault);
    }

    protected static double[] ReadPositions(IHardwareComponent arm)
    {
        var position = new double[arm.JointNames.Count];
        Assert.True(arm.Read(position, new double[position.Length], out _));
        return position;
    }
}
