namespace Robotics.Drivers.Servos;

/// <summary>Whether the host may write a control-table register.</summary>
public enum RegisterAccess
{
    /// <summary>Read only (model number, present values, hardware status).</summary>
    Read = 0,

    /// <summary>Read and write.</summary>
    ReadWrite,
}
