namespace Robotics.Drivers.Emulator;

/// <summary>
/// The emulated servo's physics for one time step (caller holds the servo's gate). Each update is the exact solution
/// of its first-order equation over the step, so any step length is stable; only resolution depends on it.
/// </summary>
internal static class ServoPhysics
{
    public static void Step(EmulatedServo servo, double seconds)
    {
        if (seconds <= 0)
        {
            return;
        }

        var d = servo.Dynamics;
        var behavior = servo.Behavior;
        servo.ElapsedMilliseconds += seconds * 1000;
        servo.SecondsSinceInstruction += seconds;
        if (servo.Read(behavior.TorqueEnableRegister) == 1)
        {
            // Position relaxes toward the goal with the time constant, never faster than the speed limit.
            var goal = behavior.Goal(servo);
            var speed = behavior.SpeedLimit(servo);
            var blocked = servo.IsBlocked;
            var move = (goal - servo.Position) * (1 - Math.Exp(-seconds / d.TimeConstant.TotalSeconds));
            var step = blocked ? 0 : Math.Clamp(move, -speed * seconds, speed * seconds);
            servo.Position += step;
            servo.Velocity = step / seconds;

            // Free: friction only, plus what the outside demands. Blocked: the position loop pushes with the error.
            var demand = blocked ? (goal - servo.Position) / d.FullEffortErrorTicks : d.FrictionEffort * servo.Velocity / speed;
            servo.EffortFraction = Math.Clamp(demand + servo.ExternalLoadFraction, -1, 1);
        }
        else
        {
            servo.Velocity = 0;
            servo.EffortFraction = 0;
        }

        // Copper losses go with effort squared; the motor relaxes toward that steady temperature.
        var steady = d.AmbientCelsius + (d.FullEffortTemperatureRise * servo.EffortFraction * servo.EffortFraction);
        servo.Temperature += (steady - servo.Temperature) * (1 - Math.Exp(-seconds / d.ThermalTimeConstant.TotalSeconds));
        servo.OverloadSeconds = Math.Abs(servo.EffortFraction) >= 1 ? servo.OverloadSeconds + seconds : 0;
        behavior.UpdateConditions(servo, (byte)(servo.InjectedConditions | MeasuredConditions(servo)));
        behavior.Tick(servo, seconds);
        behavior.WritePresents(servo);
    }

    /// <summary>Conditions the physical state shows now: supply out of limits, too hot, full effort too long.</summary>
    public static byte MeasuredConditions(EmulatedServo servo)
    {
        var behavior = servo.Behavior;
        byte bits = 0;
        var (min, max) = behavior.VoltageLimits(servo);
        if (servo.Volts < min || servo.Volts > max)
        {
            bits |= behavior.BitFor(HardwareFault.InputVoltage);
        }

        if (servo.Temperature > behavior.TemperatureLimit(servo))
        {
            bits |= behavior.BitFor(HardwareFault.Overheating);
        }

        if (servo.OverloadSeconds >= servo.Dynamics.OverloadTripTime.TotalSeconds)
        {
            bits |= behavior.BitFor(HardwareFault.Overload);
        }

        return bits;
    }
}
