using Robotics.Cli;
using Robotics.Cli.Commands;
using Robotics.Launch;
using Robotics.Messages.Cdr;
using Robotics.Middleware;
using Robotics.Middleware.Parameters;

// The `robotics` executable. Every user error becomes one line on stderr with exit code 2 (never a stack trace);
// set ROBOTICS_DEBUG=1 to see traces of unexpected errors.
using var stop = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    stop.Cancel();
};

const string Help = """
    usage: robotics <command> [arguments]

    commands:
      demo                          run the demo launch file and print a summary (README's first command)
      launch FILE [name:=value]     start a ROS 2 launch file (XML or YAML)
      run [robotics] EXEC [--ros-args ...]   run one node
      topic list|info|echo|hz|pub   inspect and publish topics (ros2 topic arguments)
      node list|info                list nodes
      param list|get|set|dump       read and change node parameters
      service list|type|find|call   inspect and call services (ros2 service arguments)
      action list|info|send_goal    inspect actions and send goals (ros2 action arguments)
      interface list|show TYPE      message, service and action definitions
      motors scan|status|setup-id|setup-ids|calibrate --port P --protocol dynamixel|feetech   servo setup (lerobot-* tools)
      bus emulate --port P --protocol dynamixel|feetech   emulated servos on a serial port (socat pty)
      train bc --task T [-o DIR]    behaviour cloning from the simulated expert → policy.onnx + policy.json + learning curve
      train reward --task T --base P   reward model (B3): demos + base rollouts → VOC, rollout ρ, AUROC table + reward.onnx
      policy eval --policy P --task T   success rate of a policy in simulation (batched environments)

    options:
      --transport inprocess|dds|hybrid   how nodes talk (default: inprocess for demo/launch/run, dds for
                                         topic/node/param/service/action; env ROBOTICS_TRANSPORT). DDS follows ROS_DOMAIN_ID,
                                         ROS_AUTOMATIC_DISCOVERY_RANGE, ROS_STATIC_PEERS and CYCLONEDDS_URI.
    """;

if (args.Length == 0 || args[0] is "-h" or "--help" or "help")
{
    Console.WriteLine(Help);
    return args.Length == 0 ? 2 : 0;
}

ServoHardware.Register();
SimHardware.Register();
Robotics.Nodes.NodeCatalog.PolicyModels = (path, provider) => Robotics.Policies.Onnx.OnnxPolicyModel.Load(path, Robotics.Policies.Onnx.ExecutionProviders.Parse(provider));
try
{
    var (transport, rest) = TransportChoice.Take(args.Skip(1).ToList(), args[0]);
    using var context = new RosContext(new ContextOptions { Transport = args[0] is "interface" or "motors" or "bus" or "train" or "policy" ? null : TransportChoice.Create(transport) });
    var env = new CliEnvironment(context, Console.Out, Console.Error, stop.Token, Console.In);
    if (transport != "inprocess" && args[0] is "topic" or "node" or "param" or "service" or "action")
    {
        DiscoveryWait.Settle(context.Transport.Graph, stop.Token);
    }

    return args[0] switch
    {
        "demo" => DemoCommand.Run(rest, env),
        "launch" => LaunchCommand.Run(rest, env),
        "run" => RunCommand.Run(rest, env),
        "topic" => TopicCommand.Run(rest, env),
        "node" => NodeCommand.Run(rest, env),
        "param" => ParamCommand.Run(rest, env),
        "service" => ServiceCommand.Run(rest, env),
        "action" => ActionCommand.Run(rest, env),
        "interface" => InterfaceCommand.Run(rest, env),
        "motors" => MotorsCommand.Run(rest, env),
        "bus" => BusCommand.Run(rest, env),
        "train" => TrainCommand.Run(rest, env),
        "policy" => PolicyCommand.Run(rest, env),
        _ => throw new CliException($"unknown command '{args[0]}'. Run `robotics --help` for the list."),
    };
}
catch (Exception e) when (e is CliException or Robotics.Middleware.Dds.DdsException or LaunchException or FormatException or KeyNotFoundException or ArgumentException or ParameterException or MessageEncodeException or MessageDecodeException or InvalidOperationException or Robotics.Drivers.Serial.SerialPortException or Robotics.Drivers.Servos.ServoProtocolException or Robotics.Policies.Inference.PolicyLoadException)
{
    Console.Error.WriteLine($"robotics: error: {e.Message}");
    if (Environment.GetEnvironmentVariable("ROBOTICS_DEBUG") == "1")
    {
        Console.Error.WriteLine(e);
    }

    return 2;
}
