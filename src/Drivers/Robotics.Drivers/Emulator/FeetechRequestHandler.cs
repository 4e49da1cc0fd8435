using Robotics.Drivers.Feetech;
using Robotics.Drivers.Servos;

namespace Robotics.Drivers.Emulator;

/// <summary>
/// Feetech instructions as an STS servo carries them out: ping and read always answered, other instructions only at
/// response level 1, nothing answered to a broadcast except ping (every servo, in id order, as LeRobot's broadcast
/// ping expects) and sync read (each listed servo in the listed order). Unknown instructions, malformed parameters and
/// reads past the table get no reply (what the firmware does with them is not documented). Writes are answered at the
/// response level in force when they arrived, under the id they were addressed to.
/// </summary>
internal sealed class FeetechRequestHandler(IReadOnlyList<EmulatedServo> servos, ReplySink sink) : RequestHandler(servos, sink)
{
    public override void Handle(in ServoPacketView request)
    {
        NoteInstruction();
        var p = request.Parameters;
        switch ((FeetechInstruction)request.Instruction)
        {
            case FeetechInstruction.Ping when request.Id == ServoIds.Broadcast:
                foreach (var servo in ByIdOrder())
                {
                    Answer(servo, []);
                }

                break;
            case FeetechInstruction.Ping:
                if (Find(request.Id) is { } pinged)
                {
                    Answer(pinged, []);
                }

                break;
            case FeetechInstruction.Read when p.Length == 2:
                Read(Find(request.Id), p[0], p[1]);
                break;
            case FeetechInstruction.Write when p.Length >= 2:
                Write(request.Id, p[0], p[1..], registerOnly: false);
                break;
            case FeetechInstruction.RegWrite when p.Length >= 2:
                Write(request.Id, p[0], p[1..], registerOnly: true);
                break;
            case FeetechInstruction.Action:
                Action(request.Id);
                break;
            case FeetechInstruction.SyncRead when request.Id == ServoIds.Broadcast && p.Length > 2:
                foreach (var id in p[2..])
                {
                    Read(Find(id), p[0], p[1]);
                }

                break;
            case FeetechInstruction.SyncWrite when request.Id == ServoIds.Broadcast && p.Length > 2:
                SyncWrite(p[0], p[1], p[2..]);
                break;
        }
    }

    private void Answer(EmulatedServo servo, ReadOnlySpan<byte> parameters)
    {
        lock (servo.Gate)
        {
            Sink.Emit(servo, servo.Behavior.StatusBits(servo), parameters);
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
            if (TryReadMemory(servo, address, length, out var bytes))
            {
                Sink.Emit(servo, servo.Behavior.StatusBits(servo), bytes);
            }
        }
    }

    private void Write(byte id, byte address, ReadOnlySpan<byte> data, bool registerOnly)
    {
        foreach (var servo in Servos)
        {
            lock (servo.Gate)
            {
                if (id != ServoIds.Broadcast && servo.Read(servo.Behavior.IdRegister) != id)
                {
                    continue;
                }

                var answers = id != ServoIds.Broadcast && StatusReturnLevel(servo) >= 1;
                if (registerOnly)
                {
                    servo.Registered = (address, data.ToArray());
                }
                else
                {
                    servo.Behavior.Write(servo, address, data);
                }

                if (answers)
                {
                    Sink.Emit(servo, id, servo.Behavior.StatusBits(servo), []);
                }

                if (id != ServoIds.Broadcast)
                {
                    return;
                }
            }
        }
    }

    private void Action(byte id)
    {
        foreach (var servo in Servos)
        {
            lock (servo.Gate)
            {
                if (id != ServoIds.Broadcast && servo.Read(servo.Behavior.IdRegister) != id)
                {
                    continue;
                }

                if (servo.Registered is { } registered)
                {
                    servo.Registered = null;
                    servo.Behavior.Write(servo, registered.Address, registered.Data);
                }

                if (id != ServoIds.Broadcast)
                {
                    AnswerIfLevel1(servo);
                    return;
                }
            }
        }
    }

    private void SyncWrite(byte address, byte length, ReadOnlySpan<byte> blocks)
    {
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

    private void AnswerIfLevel1(EmulatedServo servo)
    {
        if (StatusReturnLevel(servo) >= 1)
        {
            Sink.Emit(servo, servo.Behavior.StatusBits(servo), []);
        }
    }
}
