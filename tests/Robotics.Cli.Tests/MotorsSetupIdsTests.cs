using Robotics.Cli.Commands;
using Robotics.Drivers.Dynamixel;
using Robotics.Drivers.Emulator;
using Robotics.Drivers.Feetech;
using Robotics.Drivers.Serial;
using Robotics.Drivers.Serial.Tests.Support;
using Robotics.Drivers.Servos;

namespace Robotics.Cli.Tests;

/// <summary>
/// `robotics motors setup-ids` against factory-fresh emulated servos over a socat pty and the real termios driver:
/// in process, where each Enter "plugs in" the next motor, and as a process with --yes.
/// </summary>
[Collection(ServoBusOverPty.Collection)]
public sealed class MotorsSetupIdsTests
{
    [Theory]
    [InlineData("dynamixel")]
    [InlineData("feetech")]
    public void SetupIds_WalksTheArm_OneFactoryMotorAtATime(string protocol)
    {
        using var pty = SocatPtyPair.Start();
        var dynamixel = protocol == "dynamixel";
        var motors = Enumerable.Range(0, 3).Select(_ => dynamixel ? EmulatedServo.Dynamixel(1, DynamixelModel.XL330M288) : EmulatedServo.Sts3215(1)).ToList();
        using var bench = new MotorBench(pty.PathA, dynamixel ? EmulatedProtocol.Dynamixel2 : EmulatedProtocol.FeetechSts, motors);
        using var cli = new CliTestContext();

        var code = MotorsCommand.Run(["setup-ids", "--protocol", protocol, "--port", pty.PathB, "--ids", "4,5,6", "--joints", "wrist_flex,wrist_roll,gripper", "--latency-ms", "100"], cli.Env with { In = bench });

        Assert.True(code == 0, cli.Out.ToString() + cli.Error);
        Assert.Equal(3, bench.Plugged);
        Assert.Contains("connect only the 'wrist_roll' motor (it becomes id 5), then press Enter", cli.Out.ToString(), StringComparison.Ordinal);
        Assert.Contains("'gripper': servo id 1 → 6 at 1000000 baud, return delay 0, position mode (verified)", cli.Out.ToString(), StringComparison.Ordinal);
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(4 + i, motors[i].Id);
            Assert.Equal(0, motors[i].ReadRegister(dynamixel ? XSeriesControlTable.ReturnDelayTime : StsControlTable.ReturnDelayTime));
            Assert.Equal(dynamixel ? 3 : 0, motors[i].ReadRegister(dynamixel ? XSeriesControlTable.BaudRate : StsControlTable.BaudRate)); // 1 Mbps
            Assert.Equal(dynamixel ? 3 : 0, motors[i].ReadRegister(dynamixel ? XSeriesControlTable.OperatingMode : StsControlTable.OperatingMode)); // position
        }

        if (!dynamixel)
        {
            Assert.All(motors, m => Assert.Equal(1, m.ReadRegister(StsControlTable.Lock))); // EEPROM locked again
        }
    }

    [Fact]
    public void SetupIds_StdinEnds_StopsWithAClearError()
    {
        using var cli = new CliTestContext();

        var error = Assert.Throws<CliException>(() => MotorsCommand.Run(["setup-ids", "--protocol", "dynamixel", "--port", "/dev/null", "--ids", "1,2"], cli.Env with { In = new StringReader(string.Empty) }));

        Assert.Contains("standard input ended", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void SetupIds_WithYes_SetsUpTheOneConnectedMotor_ThroughTheProcess()
    {
        using var pty = SocatPtyPair.Start();
        using var emulator = RoboticsProcess.Start(null, "bus", "emulate", "--protocol", "dynamixel", "--port", pty.PathA, "--ids", "1", "--duration", "60");
        try
        {
            Assert.Contains("emulating 1", emulator.StandardOutput.ReadLine() ?? string.Empty, StringComparison.Ordinal);

            var setup = RoboticsProcess.Run("motors", "setup-ids", "--protocol", "dynamixel", "--port", pty.PathB, "--ids", "7", "--yes", "--latency-ms", "50");
            Assert.True(setup.ExitCode == 0, setup.Output + setup.Error);
            Assert.Contains("'joint 1': servo id 1 → 7 at 1000000 baud", setup.Output, StringComparison.Ordinal);

            var status = RoboticsProcess.Run("motors", "status", "--protocol", "dynamixel", "--port", pty.PathB, "--ids", "7", "--latency-ms", "50");
            Assert.True(status.ExitCode == 0, status.Output + status.Error);
            Assert.Contains("id=7  torque=0", status.Output, StringComparison.Ordinal);

            var again = RoboticsProcess.Run("motors", "setup-ids", "--protocol", "dynamixel", "--port", pty.PathB, "--ids", "7", "--yes", "--latency-ms", "50");
            Assert.True(again.ExitCode == 0, again.Output + again.Error);
            Assert.Contains("id 7 (already set up)", again.Output, StringComparison.Ordinal);

            var none = RoboticsProcess.Run("motors", "setup-ids", "--protocol", "dynamixel", "--port", pty.PathB, "--ids", "8", "--yes", "--latency-ms", "50");
            Assert.Equal(2, none.ExitCode);
            Assert.Contains("no servo answers at the factory id 1 at 57600 baud, nor at id 8 at 1000000 baud", none.Error, StringComparison.Ordinal);
        }
        finally
        {
            emulator.Kill(entireProcessTree: true);
            emulator.WaitForExit(TimeSpan.FromSeconds(10));
        }
    }

    /// <summary>
    /// The user's hands: each line read from it (Enter) unplugs the motor on the bus and plugs in the next one, alone,
    /// on the servo end of the pty.
    /// </summary>
    private sealed class MotorBench(string path, EmulatedProtocol protocol, IReadOnlyList<EmulatedServo> motors) : TextReader
    {
        private readonly TermiosSerialPort _port = TermiosSerialPort.Open(path, 1_000_000);
        private EmulatorAttachment? _attached;

        public int Plugged { get; private set; }

        public override string? ReadLine()
        {
            _attached?.Dispose();
            _attached = Plugged < motors.Count ? new ServoBusEmulator(protocol, [motors[Plugged++]]).Attach(_port) : null;
            return string.Empty;
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                _attached?.Dispose();
                _port.Dispose();
            }

            base.Dispose(disposing);
        }
    }
}
