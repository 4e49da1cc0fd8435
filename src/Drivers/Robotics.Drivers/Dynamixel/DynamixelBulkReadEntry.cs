namespace Robotics.Drivers.Dynamixel;

/// <summary>One servo's part of a Bulk Read: its own address and length.</summary>
public readonly record struct DynamixelBulkReadEntry(byte Id, ushort Address, ushort Length);
