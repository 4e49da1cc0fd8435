namespace Robotics.Drivers.Feetech;

/// <summary>
/// Homing offsets of the STS series. The servo reports Present Position = actual position − Homing Offset, modulo one
/// turn (LeRobot feetech.py _get_half_turn_homings), and the offset holds ±2047 (sign in bit 11). LeRobot's
/// calibration centres each joint by writing offset = present − 2047 with the joint held at its middle pose.
/// </summary>
public static class FeetechCalibration
{
    /// <summary>Middle of the 0..4095 range used as the calibrated zero: (4096 − 1) / 2, rounded down, as LeRobot.</summary>
    public const int HalfTurn = (FeetechUnits.TicksPerRevolution - 1) / 2;

    /// <summary>Largest offset magnitude the 11-bit field holds.</summary>
    public const int MaxOffset = (1 << 11) - 1;

    /// <summary>The position the servo reports for encoder position <paramref name="actualTicks"/> and offset <paramref name="homingOffset"/>.</summary>
    public static int PresentFromActual(int actualTicks, int homingOffset)
    {
        CheckOffset(homingOffset);
        return Wrap(actualTicks - homingOffset);
    }

    /// <summary>The encoder position behind a reported <paramref name="presentTicks"/>.</summary>
    public static int ActualFromPresent(int presentTicks, int homingOffset)
    {
        CheckOffset(homingOffset);
        return Wrap(presentTicks + homingOffset);
    }

    /// <summary>
    /// Offset that makes the current pose read <see cref="HalfTurn"/>, from the position read with offset 0.
    /// A pose at 4095 would need 2048, one more than the field holds: move the joint a step and try again.
    /// </summary>
    public static int HomingOffsetForHalfTurn(int presentTicksWithZeroOffset)
    {
        if (presentTicksWithZeroOffset is < 0 or >= FeetechUnits.TicksPerRevolution)
        {
            throw new ArgumentOutOfRangeException(nameof(presentTicksWithZeroOffset), presentTicksWithZeroOffset, "present position must be 0..4095");
        }

        var offset = presentTicksWithZeroOffset - HalfTurn;
        return offset <= MaxOffset
            ? offset
            : throw new ArgumentOutOfRangeException(nameof(presentTicksWithZeroOffset), presentTicksWithZeroOffset, $"offset {offset} exceeds the ±{MaxOffset} the homing offset register holds; move the joint slightly and calibrate again");
    }

    private static int Wrap(int ticks) => ((ticks % FeetechUnits.TicksPerRevolution) + FeetechUnits.TicksPerRevolution) % FeetechUnits.TicksPerRevolution;

    private static void CheckOffset(int homingOffset)
    {
        if (homingOffset is < -MaxOffset or > MaxOffset)
        {
            throw new ArgumentOutOfRangeException(nameof(homingOffset), homingOffset, $"homing offset must be within ±{MaxOffset} (sign in bit 11)");
        }
    }
}
