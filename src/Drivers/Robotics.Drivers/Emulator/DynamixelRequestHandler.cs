using System.Buffers.Binary;
using Robotics.Drivers.Dynamixel;
using Robotics.Drivers.Servos;

namespace Robotics.Drivers.Emulator;

/// <summary>
/// Protocol 2.0 instructions as an X-series servo carries them out (e-manual "Instruction Details"): replies per Status
/// Return Level (ping always, reads from level 1, everything at level 2), none to broadcasts except ping and the
/// sync/bulk reads, sync/bulk read replies in the order the request lists the ids. Instructions the emulator does not
/// implement (Clear, unknown codes) and malformed parameter layouts are answered with Instruction Error.
/// </summary>
internal sealed class DynamixelRequestHandler(IReadOnlyList<EmulatedServo> servos, ReplySink sink) : RequestHandler(servos, sink)
{
    private const byte NoError = 0;

    public override void Handle(in ServoPacketView request)
    {
        if (request.HasStatusByte)
        {
            return; // another device's status packet
        }

        NoteInstruction();
        var p = request.Parameters;
        switch ((DynamixelInstruction)request.Instruction)
        {
            case DynamixelInstruction.Ping when request.Id == ServoIds.Broadcast:
                foreach (var servo in ByIdOrder())
                {
                    Ping(servo);
                }

                break;
            case DynamixelInstruction.Ping:
                if (Find(request.Id) is { } pinged)
                {
                    Ping(pinged);
                }

                break;
            case DynamixelInstruction.Read when p.Length == 4:
                Read(Find(request.Id), BinaryPrimitives.ReadUInt16LittleEndian(p), BinaryPrimitives.ReadUInt16LittleEndian(p[2..]));
                break;
            case DynamixelInstruction.Write when p.Length >= 3:
                ForTargets(request.Id, p, static (servo, p) => servo.Behavior.Write(servo, BinaryPrimitives.ReadUInt16LittleEndian(p), p[2..]));
                break;
            case DynamixelInstruction.RegWrite when p.Length >= 3:
                ForTargets(request.Id, p, static (servo, p) =>
                {
                    servo.Registered = (BinaryPrimitives.ReadUInt16LittleEndian(p), p[2..].ToArray());
                    servo.Store(XSeriesControlTable.RegisteredInstruction, 1);
                    return NoError;
                });
                break;
            case DynamixelInstruction.Action:
                ForTargets(request.Id, p, static (servo, _) => Action(servo));
                break;
            case DynamixelInstruction.Reboot:
                Reply(request.Id, NoError);
                ForEachTarget(request.Id, static servo => servo.Behavior.Reboot(servo));
                break;
            case DynamixelInstruction.FactoryReset when p.Length == 1:
                FactoryReset(request.Id, (DynamixelResetScope)p[0]);
                break;
            case DynamixelInstruction.SyncRead when request.Id == ServoIds.Broadcast && p.Length > 4:
                var address = BinaryPrimitives.ReadUInt16LittleEndian(p);
                var length = BinaryPrimitives.ReadUInt16LittleEndian(p[2..]);
                foreach (var id in p[4..])
                {
                    Read(Find(id), address, length);
                }

                break;
            case DynamixelInstruction.SyncWrite when request.Id == ServoIds.Broadcast:
                SyncWrite(p);
                break;
            case DynamixelInstruction.BulkRead when request.Id == ServoIds.Broadcast && p.Length % 5 == 0:
                for (var i = 0; i < p.Length; i += 5)
                {
                    Read(Find(p[i]), BinaryPrimitives.ReadUInt16LittleEndian(p[(i + 1)..]), BinaryPrimitives.ReadUInt16LittleEndian(p[(i + 3)..]));
                }

                break;
            case DynamixelInstruction.BulkWrite when request.Id == ServoIds.Broadcast:
                BulkWrite(p);
                break;
            default:
                Reply(request.Id, (byte)DynamixelErrorNumber.InstructionError);
                break;
        }
    }

    private delegate byte ServoWrite(EmulatedServo servo, ReadOnlySpan<byte> parameters);

    private void Ping(EmulatedServo servo)
    {
        lock (servo.Gate)
        {
            // Ping is answered whatever the Status Return Level.
            Span<byte> info = stackalloc byte[3];
            servo.Memory.AsSpan(XSeriesControlTable.ModelNumber.Address, 2).CopyTo(info);
            info[2] = servo.Memory[XSeriesControlTable.FirmwareVersion.Address];
            Sink.Emit(servo, servo.Behavior.StatusBits(servo), info);
        }
    }

    private void Read(EmulatedServo? servo, int address, int length)
    {
        if (servo is null)
        {
            return;
        }

        lock (servo.Gate)
        {
            if (StatusReturnLevel(servo) < 1)
            {
                return;
            }

            var alert = servo.Behavior.StatusBits(servo);
            if (TryReadMemory(servo, address, length, out var bytes))
            {
                Sink.Emit(servo, alert, bytes);
            }
            else
            {
                Sink.Emit(servo, (byte)(alert | (byte)DynamixelErrorNumber.AccessError), []);
            }
        }
    }

    /// <summary>Runs <paramref name="write"/> on the addressed servo (or all, broadcast) and answers at level 2.</summary>
    private void ForTargets(byte id, ReadOnlySpan<byte> parameters, ServoWrite write)
    {
        foreach (var servo in Servos)
        {
            lock (servo.Gate)
            {
                if (id != ServoIds.Broadcast && servo.Read(servo.Behavior.IdRegister) != id)
                {
                    continue;
                }

                // The reply follows the level in force when the instruction arrived, under the id it was sent to.
                var answers = id != ServoIds.Broadcast && StatusReturnLevel(servo) >= 2;
                var error = write(servo, parameters);
                if (answers)
                {
                    Sink.Emit(servo, id, (byte)(servo.Behavior.StatusBits(servo) | error), []);
                }

                if (id != ServoIds.Broadcast)
                {
                    return; // the id may just have changed: stop at the servo that was addressed
                }
            }
        }
    }

    private void ForEachTarget(byte id, Action<EmulatedServo> action)
    {
        foreach (var servo in Servos)
        {
            lock (servo.Gate)
            {
                if (id == ServoIds.Broadcast || servo.Read(servo.Behavior.IdRegister) == id)
                {
                    action(servo);
                }
            }
        }
    }

    /// <summary>A status packet without parameters from the addressed servo, if it answers such instructions.</summary>
    private void Reply(byte id, byte error)
    {
        if (id == ServoIds.Broadcast || Find(id) is not { } servo)
        {
            return;
        }

        lock (servo.Gate)
        {
            if (StatusReturnLevel(servo) >= 2)
            {
                Sink.Emit(servo, (byte)(servo.Behavior.StatusBits(servo) | error), []);
            }
        }
    }

    private static byte Action(EmulatedServo servo)
    {
        if (servo.Registered is not { } registered)
        {
            return (byte)DynamixelErrorNumber.InstructionError; // Action without Reg Write (e-manual)
        }

        servo.Registered = null;
        servo.Store(XSeriesControlTable.RegisteredInstruction, 0);
        return servo.Behavior.Write(servo, registered.Address, registered.Data);
    }

    private void FactoryReset(byte id, DynamixelResetScope scope)
    {
        if (scope is not (DynamixelResetScope.All or DynamixelResetScope.AllExceptId or DynamixelResetScope.AllExceptIdAndBaudRate))
        {
            Reply(id, (byte)DynamixelErrorNumber.DataRangeError);
            return;
        }

        if (id == ServoIds.Broadcast && scope == DynamixelResetScope.All)
        {
            return; // ignored by firmware 42 and later: a broadcast must not give every servo id 1
        }

        Reply(id, 0);
        ForEachTarget(id, servo =>
        {
            servo.Behavior.Initialize(servo, 1, keepId: scope != DynamixelResetScope.All, keepBaudRate: scope == DynamixelResetScope.AllExceptIdAndBaudRate);
            servo.Behavior.WritePresents(servo);
            servo.SetGoalToPresent();
        });
    }

    private void SyncWrite(ReadOnlySpan<byte> p)
    {
        if (p.Length < 4)
        {
            return;
        }

        var address = BinaryPrimitives.ReadUInt16LittleEndian(p);
        var length = BinaryPrimitives.ReadUInt16LittleEndian(p[2..]);
        var blocks = p[4..];
        if (length == 0 || blocks.Length % (1 + length) != 0)
        {
            return; // malformed: a servo cannot tell where its block is
        }

        for (var i = 0; i < blocks.Length; i += 1 + length)
        {
            if (Find(blocks[i]) is { } servo)
            {
                lock (servo.Gate)
                {
                    servo.Behavior.Write(servo, address, blocks.Slice(i + 1, length));
                }
            }
        }
    }

    private void BulkWrite(ReadOnlySpan<byte> p)
    {
        for (var i = 0; i + 5 <= p.Length;)
        {
            var address = BinaryPrimitives.ReadUInt16LittleEndian(p[(i + 1)..]);
            var length = BinaryPrimitives.ReadUInt16LittleEndian(p[(i + 3)..]);
            if (length == 0 || i + 5 + length > p.Length)
            {
                return;
            }

            if (Find(p[i]) is { } servo)
            {
                lock (servo.Gate)
                {
                    servo.Behavior.Write(servo, address, p.Slice(i + 5, length));
                }
            }

            i += 5 + length;
        }
    }
}
