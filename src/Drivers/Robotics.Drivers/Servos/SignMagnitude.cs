namespace Robotics.Drivers.Servos;

/// <summary>
/// Sign-magnitude integers as Feetech servos use them: the magnitude in the bits below the sign bit, the sign bit set
/// for negative values (SCServo SDK SMS_STS::WritePosEx/ReadPos bit 15, ReadLoad bit 10; LeRobot's encoding table:
/// Homing_Offset bit 11, velocities bit 15). Negative zero decodes as 0.
/// </summary>
public static class SignMagnitude
{
    /// <summary>Encodes <paramref name="value"/>; its magnitude must be below 2^<paramref name="signBit"/>.</summary>
    public static int Encode(long value, int signBit)
    {
        CheckSignBit(signBit);
        var limit = (1L << signBit) - 1;
        if (value < -limit || value > limit)
        {
            throw new ArgumentOutOfRangeException(nameof(value), value, $"magnitude must be at most {limit} with the sign in bit {signBit}");
        }

        return value < 0 ? (int)(-value | (1L << signBit)) : (int)value;
    }

    /// <summary>Decodes <paramref name="raw"/>; bits above the sign bit are ignored, as the SDK's mask leaves them out.</summary>
    public static int Decode(int raw, int signBit)
    {
        CheckSignBit(signBit);
        var magnitude = raw & ((1 << signBit) - 1);
        return (raw & (1 << signBit)) != 0 ? -magnitude : magnitude;
    }

    private static void CheckSignBit(int signBit)
    {
        if (signBit is < 1 or > 30)
        {
            throw new ArgumentOutOfRangeException(nameof(signBit), signBit, "sign bit must be within 1 .. 30");
        }
    }
}
