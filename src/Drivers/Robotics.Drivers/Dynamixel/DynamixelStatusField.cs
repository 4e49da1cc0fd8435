namespace Robotics.Drivers.Dynamixel;

/// <summary>Reads the error field of a status packet: bit 7 Alert, bits 0-6 error number (e-manual Protocol 2.0).</summary>
public static class DynamixelStatusField
{
    /// <summary>Set while the device has a hardware problem: read Hardware Error Status (register 70) for the cause.</summary>
    public const byte AlertBit = 0x80;

    public static bool HasAlert(byte error) => (error & AlertBit) != 0;

    public static DynamixelErrorNumber ErrorNumber(byte error) => (DynamixelErrorNumber)(error & 0x7F);

    public static byte Compose(DynamixelErrorNumber number, bool alert) => (byte)((byte)number | (alert ? AlertBit : 0));
}
