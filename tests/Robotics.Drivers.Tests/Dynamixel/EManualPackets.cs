namespace Robotics.Drivers.Tests.Dynamixel;

/// <summary>
/// Every packet printed in the ROBOTIS e-manual's Protocol 2.0 "Instruction Details" (docs/en/dxl/protocol2.md), byte
/// for byte. Conditions: XM430-W210 servos, model 1030 (0x0406), firmware 38 (0x26).
/// </summary>
internal static class EManualPackets
{
    public const string PingId1 = "FF FF FD 00 01 03 00 01 19 4E";
    public const string PingStatusId1 = "FF FF FD 00 01 07 00 55 00 06 04 26 65 5D";
    public const string PingBroadcast = "FF FF FD 00 FE 03 00 01 31 42";
    public const string PingStatusId2 = "FF FF FD 00 02 07 00 55 00 06 04 26 6F 6D";

    /// <summary>Read Present Position (132, 4 bytes) of id 1.</summary>
    public const string ReadPresentPositionId1 = "FF FF FD 00 01 07 00 02 84 00 04 00 1D 15";

    /// <summary>Present Position 166 (0xA6).</summary>
    public const string ReadStatusId1 = "FF FF FD 00 01 08 00 55 00 A6 00 00 00 8C C0";

    /// <summary>Write 512 to Goal Position (116) of id 1.</summary>
    public const string WriteGoal512Id1 = "FF FF FD 00 01 09 00 03 74 00 00 02 00 00 CA 89";

    /// <summary>The empty status packet answering write, reg write, action, reboot, factory reset, clear.</summary>
    public const string EmptyStatusId1 = "FF FF FD 00 01 04 00 55 00 A1 0C";

    /// <summary>Reg Write 200 to Goal Velocity (104) of id 1.</summary>
    public const string RegWriteVelocity200Id1 = "FF FF FD 00 01 09 00 04 68 00 C8 00 00 00 AE 8E";

    public const string ActionId1 = "FF FF FD 00 01 03 00 05 02 CE";

    /// <summary>Factory Reset of id 1, all but the id (0x01).</summary>
    public const string FactoryResetExceptIdId1 = "FF FF FD 00 01 04 00 06 01 A1 E6";

    public const string RebootId1 = "FF FF FD 00 01 03 00 08 2F 4E";

    /// <summary>Clear (0x10) multi-turn of id 1 with the fixed values 44 58 4C 22.</summary>
    public const string ClearId1 = "FF FF FD 00 01 08 00 10 01 44 58 4C 22 B1 DC";

    /// <summary>Sync Read Present Position (132, 4 bytes) of ids 1 and 2.</summary>
    public const string SyncReadPresentPositionIds12 = "FF FF FD 00 FE 09 00 82 84 00 04 00 01 02 CE FA";

    /// <summary>Present Position 2079 (0x081F) of id 2.</summary>
    public const string SyncReadStatusId2 = "FF FF FD 00 02 08 00 55 00 1F 08 00 00 BA BE";

    /// <summary>Sync Write Goal Position (116, 4 bytes): id 1 = 150, id 2 = 170.</summary>
    public const string SyncWriteGoalIds12 = "FF FF FD 00 FE 11 00 83 74 00 04 00 01 96 00 00 00 02 AA 00 00 00 82 87";

    /// <summary>Bulk Read: id 1 Present Input Voltage (144, 2 bytes), id 2 Present Temperature (146, 1 byte).</summary>
    public const string BulkReadIds12 = "FF FF FD 00 FE 0D 00 92 01 90 00 02 00 02 92 00 01 00 1A 05";

    /// <summary>Input voltage 119 (11.9 V).</summary>
    public const string BulkReadStatusId1 = "FF FF FD 00 01 06 00 55 00 77 00 C3 69";

    /// <summary>Temperature 36 °C.</summary>
    public const string BulkReadStatusId2 = "FF FF FD 00 02 05 00 55 00 24 8B A9";

    /// <summary>Bulk Write: id 1 Max Voltage Limit (32, 2 bytes) = 160, id 2 Temperature Limit (31, 1 byte) = 80.</summary>
    public const string BulkWriteIds12 = "FF FF FD 00 FE 10 00 93 01 20 00 02 00 A0 00 02 1F 00 01 00 50 B7 68";

    public static readonly string[] All =
    [
        PingId1, PingStatusId1, PingBroadcast, PingStatusId2, ReadPresentPositionId1, ReadStatusId1, WriteGoal512Id1,
        EmptyStatusId1, RegWriteVelocity200Id1, ActionId1, FactoryResetExceptIdId1, RebootId1, ClearId1,
        SyncReadPresentPositionIds12, SyncReadStatusId2, SyncWriteGoalIds12, BulkReadIds12, BulkReadStatusId1,
        BulkReadStatusId2, BulkWriteIds12,
    ];
}
