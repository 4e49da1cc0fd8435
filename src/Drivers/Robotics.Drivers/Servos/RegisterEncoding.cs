namespace Robotics.Drivers.Servos;

/// <summary>How a register's little-endian bytes map to a signed integer value.</summary>
public enum RegisterEncoding
{
    /// <summary>Plain unsigned value.</summary>
    Unsigned = 0,

    /// <summary>Two's complement over the register width (Dynamixel goal/present position, velocity, current).</summary>
    TwosComplement,

    /// <summary>
    /// Magnitude in the bits below <see cref="ServoRegister.SignBit"/>, that bit set for negative values (Feetech
    /// position/speed bit 15, homing offset bit 11, load bit 10).
    /// </summary>
    SignMagnitude,
}
