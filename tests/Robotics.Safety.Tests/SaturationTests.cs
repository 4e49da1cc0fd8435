namespace Robotics.Safety.Tests;

/// <summary>B10: a source limited on every tick for longer than SaturationToHold (2 s) misbehaves → HOLD.</summary>
public sealed class SaturationTests
{
    private const int TwoSeconds = 200; // ticks of 10 ms

    [Fact]
    public void PushingBeyondASoftLimit_ForMoreThanTwoSeconds_Holds_NamingSourceAndLimits()
    {
        var rig = new Rig();
        rig.ArmAndStart();
        for (var i = 0; i < TwoSeconds; i++)
        {
            rig.Send(CommandSource.Policy, [2.5, 0]); // beyond soft_max 1.9: limited on every tick
            rig.Tick();
        }

        Assert.Equal(SupervisorState.Running, rig.Supervisor.State);
        Decision d;
        do
        {
            rig.Send(CommandSource.Policy, [2.5, 0]);
            d = rig.Tick();
        }
        while (rig.Supervisor.State == SupervisorState.Running && rig.Now < 1_000_000_000 + (3 * TwoSeconds * Rig.Period));

        Assert.True((d.Reasons & SafetyReason.SustainedSaturation) != 0);
        Assert.NotEqual(OutputMode.Track, d.Mode);
        var cause = rig.Supervisor.Transitions.Last(t => t.To == SupervisorState.Stopping).Cause;
        Assert.Contains("sustained saturation", cause, StringComparison.Ordinal);
        Assert.Contains("Policy", cause, StringComparison.Ordinal);
        Assert.Contains("PositionLimited", cause, StringComparison.Ordinal);
    }

    [Fact]
    public void OneTickWithinEveryLimit_RestartsTheCount()
    {
        var rig = new Rig();
        rig.ArmAndStart();
        for (var round = 0; round < 3; round++)
        {
            for (var i = 0; i < 150; i++)
            {
                rig.Send(CommandSource.Policy, [2.5, 0]);
                rig.Tick();
            }

            rig.Send(CommandSource.Policy, [1.9, 0]); // exactly at the soft limit, the arm there: nothing limits it
            Assert.Equal(SafetyReason.None, rig.Tick().Reasons & SupervisorLimiting);
        }

        Assert.Equal(SupervisorState.Running, rig.Supervisor.State);
    }

    [Fact]
    public void ASourceSwitch_RestartsTheCount_AndReportingBitsAreNotSaturation()
    {
        var rig = new Rig();
        rig.ArmAndStart();
        for (var i = 0; i < 150; i++)
        {
            rig.Send(CommandSource.Policy, [2.5, 0]);
            rig.Tick();
        }

        for (var i = 0; i < 150; i++)
        {
            rig.Send(CommandSource.Teleop, [2.5, 0]);
            Assert.Equal(CommandSource.Teleop, rig.Tick().Source);
        }

        Assert.Equal(SupervisorState.Running, rig.Supervisor.State);
        for (var i = 0; i < 2 * TwoSeconds; i++)
        {
            rig.Send(CommandSource.Teleop, [1.9, 0]); // flagged Intervention every tick, limited on none
            rig.Tick();
        }

        Assert.Equal(SupervisorState.Running, rig.Supervisor.State);
    }

    [Fact]
    public void ZeroSaturationToHold_IsAConfigurationError() =>
        Assert.Contains((Rig.Config() with { SaturationToHold = TimeSpan.Zero }).Validate(), e => e.Contains("saturation_to_hold", StringComparison.Ordinal));

    private static SafetyReason SupervisorLimiting => SafetySupervisor.LimitingReasons;
}
