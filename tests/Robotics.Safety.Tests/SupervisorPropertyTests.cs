using FsCheck;
using FsCheck.Fluent;

namespace Robotics.Safety.Tests;

/// <summary>T7 and the state machine's invariants as FsCheck properties over whole supervisors.</summary>
public sealed class SupervisorPropertyTests
{
    private static readonly double[] _nasty = [double.NaN, double.PositiveInfinity, double.NegativeInfinity, 5e-324, -5e-324, 1e308, -1e308, 0, 1.5, -1.5, 3.0];

    /// <summary>T7: 1,000 supervisors × 1,000 random commands = 10⁶; every output is finite and within every limit.</summary>
    [Fact]
    public void RandomAndHostileCommands_NeverProduceAnOutputOutsideTheLimits()
    {
        var value = Gen.OneOf(Gen.Elements(_nasty), Gen.Choose(-300, 300).Select(v => v / 100.0));
        var command = from length in Gen.Frequency((8, Gen.Constant(2)), (1, Gen.Choose(0, 4)))
                      from values in value.ArrayOf(length)
                      from residual in Gen.Frequency((3, Gen.Constant(Array.Empty<double>())), (1, value.ArrayOf(length)))
                      from source in Gen.Elements(CommandSource.Policy, CommandSource.Teleop, CommandSource.Scripted)
                      from age in Gen.Elements(0L, 5_000_000L, 300_000_000L, -100_000_000L)
                      select (values, residual, source, age);
        var batch = command.ArrayOf(1000);

        Prop.ForAll(batch.ToArbitrary(), commands =>
        {
            var rig = new Rig();
            rig.ArmAndStart();
            foreach (var (values, residual, source, age) in commands)
            {
                rig.Supervisor.Submit(source, ++rig.Sequence, rig.Now - age, Rig.Names.AsSpan(0, Math.Min(values.Length, 2)), values, residual, false, rig.Now);
                var d = rig.Tick();
                for (var i = 0; i < 2; i++)
                {
                    var j = rig.Supervisor.Joints[i];
                    if (!double.IsFinite(d.Sent[i]) || d.Sent[i] < j.SoftMin - 1e-9 || d.Sent[i] > j.SoftMax + 1e-9 || Math.Abs(d.SentVelocity[i]) > j.MaxVelocity + 1e-9)
                    {
                        return false.Label($"joint {i}: sent {d.Sent[i]} v={d.SentVelocity[i]} in {d.State} after {string.Join(",", values)}");
                    }
                }

                if (rig.Supervisor.State is SupervisorState.Hold or SupervisorState.Fault)
                {
                    rig.Operator(SupervisorEvent.Reset);
                    rig.Operator(SupervisorEvent.Start);
                }
            }

            return true.ToProperty();
        }).Check(Config.QuickThrowOnFailure.WithMaxTest(1000));
    }

    private enum Step
    {
        Arm,
        Start,
        Stop,
        EStop,
        Reset,
        Disable,
        Command,
        Tick,
    }

    /// <summary>
    /// Random event sequences from random principals: nothing moves after ESTOP until RESET and START; RESET never
    /// reaches RUNNING; only the operator changes state except to stop; every change is recorded.
    /// </summary>
    [Fact]
    public void RandomEventSequences_KeepTheStateMachinesPromises()
    {
        var step = from s in Gen.Elements(Enum.GetValues<Step>())
                   from who in Gen.Elements(Enum.GetValues<Principal>())
                   select (s, who);

        Prop.ForAll(step.ArrayOf().ToArbitrary(), steps =>
        {
            var rig = new Rig();
            rig.Tick();
            var sawEStop = false;
            var changes = 0;
            foreach (var (s, who) in steps)
            {
                var before = rig.Supervisor.State;
                var e = s switch
                {
                    Step.Arm => SupervisorEvent.Arm,
                    Step.Start => SupervisorEvent.Start,
                    Step.Stop => SupervisorEvent.Stop,
                    Step.EStop => SupervisorEvent.EmergencyStop,
                    Step.Reset => SupervisorEvent.Reset,
                    _ => SupervisorEvent.Disable,
                };
                if (s == Step.Command)
                {
                    rig.Send(CommandSource.Policy, [0.05, -0.05]);
                }
                else if (s == Step.Tick)
                {
                    var d = rig.Tick();
                    if (sawEStop && d.Mode == OutputMode.Track)
                    {
                        return false.Label("moved after ESTOP without RESET + START");
                    }
                }
                else
                {
                    rig.Supervisor.Request(e, who, rig.Now);
                    var after = rig.Supervisor.State;
                    if (e == SupervisorEvent.EmergencyStop)
                    {
                        sawEStop = true;
                    }

                    if (e == SupervisorEvent.Reset && before != SupervisorState.Running && after == SupervisorState.Running)
                    {
                        return false.Label("RESET reached RUNNING");
                    }

                    if (who != Principal.Operator && after != before && after is not (SupervisorState.Stopping or SupervisorState.Hold or SupervisorState.EStop))
                    {
                        return false.Label($"{who} changed {before} → {after} with {e}");
                    }

                    if (e == SupervisorEvent.Start && after == SupervisorState.Running)
                    {
                        sawEStop = false;
                    }
                }

                changes += rig.Supervisor.State != before ? 1 : 0;
            }

            var recorded = rig.Supervisor.Transitions;
            var chained = recorded.Zip(recorded.Skip(1)).All(p => p.First.To == p.Second.From);
            return (chained && recorded.Count >= changes && (recorded.Count == 0 || recorded[^1].To == rig.Supervisor.State)).Label("every transition recorded, in order");
        }).Check(Config.QuickThrowOnFailure.WithMaxTest(2000));
    }
}
