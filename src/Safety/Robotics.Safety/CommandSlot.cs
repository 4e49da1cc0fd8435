namespace Robotics.Safety;

/// <summary>The latest accepted command of one source, in preallocated arrays indexed by configured joint.</summary>
internal sealed class CommandSlot
{
    public CommandSlot(int joints)
    {
        Target = new double[joints];
        Residual = new double[joints];
    }

    /// <summary>Base position per joint; NaN where this command does not name the joint (it keeps its last command).</summary>
    public double[] Target { get; }

    /// <summary>Residual per joint (0 where none).</summary>
    public double[] Residual { get; }

    public bool HasCommand { get; set; }

    public bool HasResidual { get; set; }

    public ulong Sequence { get; set; }

    /// <summary>Whether any command was accepted since the supervisor last started; sequences must increase from it.</summary>
    public bool HasSequence { get; set; }

    public long ObservationStampNs { get; set; }

    public long ReceivedNs { get; set; }

    public bool Intervention { get; set; }

    public int ResidualSaturatedTicks { get; set; }

    public bool ResidualDropped { get; set; }

    public void Clear()
    {
        HasCommand = false;
        HasResidual = false;
        ResidualSaturatedTicks = 0;
        ResidualDropped = false;
    }
}
