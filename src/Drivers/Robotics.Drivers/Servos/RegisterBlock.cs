namespace Robotics.Drivers.Servos;

/// <summary>
/// The smallest contiguous address range that holds a set of registers, so they come back in one read transaction
/// instead of one each (every transaction pays a reply deadline: SAFETY.md H32, bus time against the tick budget).
/// </summary>
internal sealed class RegisterBlock
{
    public RegisterBlock(params ServoRegister[] registers)
    {
        ArgumentOutOfRangeException.ThrowIfZero(registers.Length);
        Address = registers.Min(r => r.Address);
        Length = registers.Max(r => r.End) - Address;
    }

    public ushort Address { get; }

    public int Length { get; }

    /// <summary>Decodes <paramref name="register"/> from a block read at <see cref="Address"/>.</summary>
    public long Value(ReadOnlySpan<byte> block, ServoRegister register) => register.Decode(block.Slice(register.Address - Address, register.Size));
}
