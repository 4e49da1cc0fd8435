using System.Buffers.Binary;
using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;
using Robotics.Messages.UniqueIdentifierMsgs;

namespace Robotics.Middleware.Actions;

/// <summary>
/// An action goal's id: the 16 bytes of <c>unique_identifier_msgs/UUID</c> (random, chosen by the client).
/// Printed as 32 lowercase hex digits, as <c>ros2 action send_goal</c> prints it.
/// </summary>
public readonly record struct GoalId(UInt128 Value)
{
    public bool IsZero => Value == UInt128.Zero;

    public static GoalId NewId()
    {
        Span<byte> bytes = stackalloc byte[16];
        RandomNumberGenerator.Fill(bytes);
        return new GoalId(BinaryPrimitives.ReadUInt128BigEndian(bytes));
    }

    /// <summary>False when the UUID does not hold exactly 16 bytes (a malformed request).</summary>
    public static bool TryFrom(UUID? uuid, [NotNullWhen(true)] out GoalId? id)
    {
        id = uuid?.Uuid is { Length: 16 } bytes ? new GoalId(BinaryPrimitives.ReadUInt128BigEndian(bytes)) : null;
        return id is not null;
    }

    public static GoalId From(UUID uuid) =>
        TryFrom(uuid, out var id) ? id.Value : throw new ArgumentException($"a goal UUID has 16 bytes, not {uuid?.Uuid?.Length ?? 0}", nameof(uuid));

    public UUID ToMessage()
    {
        var bytes = new byte[16];
        BinaryPrimitives.WriteUInt128BigEndian(bytes, Value);
        return new UUID { Uuid = bytes };
    }

    public override string ToString()
    {
        Span<byte> bytes = stackalloc byte[16];
        BinaryPrimitives.WriteUInt128BigEndian(bytes, Value);
        return Convert.ToHexStringLower(bytes);
    }
}
