namespace Robotics.Drivers.Dynamixel;

/// <summary>The Factory Reset parameter (e-manual Protocol 2.0, "Factory Reset").</summary>
public enum DynamixelResetScope : byte
{
    /// <summary>Not a valid scope; the default value.</summary>
    None = 0x00,

    /// <summary>Everything except the id.</summary>
    AllExceptId = 0x01,

    /// <summary>Everything except the id and the baud rate.</summary>
    AllExceptIdAndBaudRate = 0x02,

    /// <summary>Everything. Ignored when broadcast (firmware 42 and later), so a stray broadcast cannot renumber a bus.</summary>
    All = 0xFF,
}
