using Robotics.Drivers.Servos;

namespace Robotics.Drivers.Emulator;

/// <summary>Carries out one decoded instruction packet on the emulated servos; replies go to the sink.</summary>
internal abstract class RequestHandler(IReadOnlyList<EmulatedServo> servos, ReplySink sink)
{
    protected IReadOnlyList<EmulatedServo> Servos => servos;

    protected ReplySink Sink => sink;

    public abstract void Handle(in ServoPacketView request);

    /// <summary>The servo whose id is <paramref name="id"/> now (ids can be rewritten), or null.</summary>
    protected EmulatedServo? Find(byte id)
    {
        foreach (var servo in servos)
        {
            lock (servo.Gate)
            {
                if (servo.Read(servo.Behavior.IdRegister) == id)
                {
                    return servo;
                }
            }
        }

        return null;
    }

    /// <summary>Servos in ascending id order: the order in which they answer a broadcast ping.</summary>
    protected IEnumerable<EmulatedServo> ByIdOrder() => servos.OrderBy(s => s.Id);

    /// <summary>Any instruction packet on the bus feeds every servo's bus watchdog.</summary>
    protected void NoteInstruction()
    {
        foreach (var servo in servos)
        {
            lock (servo.Gate)
            {
                servo.SecondsSinceInstruction = 0;
            }
        }
    }

    protected static int StatusReturnLevel(EmulatedServo servo) => (int)servo.Read(servo.Behavior.StatusReturnLevelRegister);

    /// <summary>Reads control-table bytes for a reply; false when the range leaves the table.</summary>
    protected static bool TryReadMemory(EmulatedServo servo, int address, int length, out ReadOnlySpan<byte> bytes)
    {
        if (length < 1 || address + length > ServoBehavior.MemorySize)
        {
            bytes = default;
            return false;
        }

        bytes = servo.Memory.AsSpan(address, length);
        return true;
    }
}
