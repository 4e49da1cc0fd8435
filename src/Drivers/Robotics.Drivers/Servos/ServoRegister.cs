using System.Buffers.Binary;

namespace Robotics.Drivers.Servos;

/// <summary>
/// One control-table item: where it is, how wide, who may write it and how its little-endian bytes encode a value.
/// <see cref="Encode"/> rejects values the register cannot hold instead of truncating them.
/// </summary>
public readonly record struct ServoRegister
{
    public ServoRegister(
        string name,
        ushort address,
        int size,
        RegisterAccess access,
        RegisterEncoding encoding = RegisterEncoding.Unsigned,
        int signBit = 0,
        bool eeprom = false)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        if (size is not (1 or 2 or 4))
        {
            throw new ArgumentOutOfRangeException(nameof(size), size, $"register {name}: size must be 1, 2 or 4 bytes");
        }

        if (encoding == RegisterEncoding.SignMagnitude && (signBit < 1 || signBit >= 8 * size))
        {
            throw new ArgumentOutOfRangeException(nameof(signBit), signBit, $"register {name}: sign bit must lie inside its {size} bytes");
        }

        Name = name;
        Address = address;
        Size = size;
        Access = access;
        Encoding = encoding;
        SignBit = signBit;
        IsEeprom = eeprom;
    }

    public string Name { get; }

    public ushort Address { get; }

    /// <summary>Width in bytes: 1, 2 or 4.</summary>
    public int Size { get; }

    public RegisterAccess Access { get; }

    public RegisterEncoding Encoding { get; }

    /// <summary>Sign bit for <see cref="RegisterEncoding.SignMagnitude"/>; 0 otherwise.</summary>
    public int SignBit { get; }

    /// <summary>EEPROM items: writable only with torque off (Dynamixel) and kept across power cycles.</summary>
    public bool IsEeprom { get; }

    /// <summary>First address after this register.</summary>
    public int End => Address + Size;

    /// <summary>Smallest value <see cref="Encode"/> accepts.</summary>
    public long MinValue => Encoding switch
    {
        RegisterEncoding.TwosComplement => -(1L << ((8 * Size) - 1)),
        RegisterEncoding.SignMagnitude => -((1L << SignBit) - 1),
        _ => 0,
    };

    /// <summary>Largest value <see cref="Encode"/> accepts.</summary>
    public long MaxValue => Encoding switch
    {
        RegisterEncoding.TwosComplement => (1L << ((8 * Size) - 1)) - 1,
        RegisterEncoding.SignMagnitude => (1L << SignBit) - 1,
        _ => (1L << (8 * Size)) - 1,
    };

    /// <summary>Decodes the register's value from its little-endian bytes (<paramref name="bytes"/> holds exactly <see cref="Size"/> bytes).</summary>
    public long Decode(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length != Size)
        {
            throw new ArgumentException($"register {Name} is {Size} bytes wide, got {bytes.Length}", nameof(bytes));
        }

        long raw = Size switch
        {
            1 => bytes[0],
            2 => BinaryPrimitives.ReadUInt16LittleEndian(bytes),
            _ => BinaryPrimitives.ReadUInt32LittleEndian(bytes),
        };
        return Encoding switch
        {
            RegisterEncoding.TwosComplement => Size switch
            {
                1 => (sbyte)raw,
                2 => (short)raw,
                _ => (int)raw,
            },
            RegisterEncoding.SignMagnitude => SignMagnitude.Decode((int)raw, SignBit),
            _ => raw,
        };
    }

    /// <summary>Encodes <paramref name="value"/> into <paramref name="destination"/> (exactly <see cref="Size"/> bytes), little-endian.</summary>
    public void Encode(long value, Span<byte> destination)
    {
        if (destination.Length != Size)
        {
            throw new ArgumentException($"register {Name} is {Size} bytes wide, got a {destination.Length}-byte destination", nameof(destination));
        }

        if (value < MinValue || value > MaxValue)
        {
            throw new ArgumentOutOfRangeException(nameof(value), value, $"register {Name} holds {MinValue} .. {MaxValue}");
        }

        var raw = Encoding == RegisterEncoding.SignMagnitude ? SignMagnitude.Encode(value, SignBit) : value;
        switch (Size)
        {
            case 1:
                destination[0] = (byte)raw;
                break;
            case 2:
                BinaryPrimitives.WriteUInt16LittleEndian(destination, (ushort)raw);
                break;
            default:
                BinaryPrimitives.WriteUInt32LittleEndian(destination, (uint)raw);
                break;
        }
    }

    public override string ToString() => $"{Name}({Address}, {Size} B)";
}
