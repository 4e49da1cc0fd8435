namespace Robotics.Drivers.Servos;

/// <summary>
/// A servo that answered a scan, as it describes itself. Dynamixel: Model Number (0) and Firmware Version (6) from the
/// ping reply, minor 0. Feetech: Model Number (3) and firmware major/minor (0, 1) read after the ping.
/// </summary>
public readonly record struct ServoScanResult(byte Id, ushort ModelNumber, byte FirmwareMajor, byte FirmwareMinor);
