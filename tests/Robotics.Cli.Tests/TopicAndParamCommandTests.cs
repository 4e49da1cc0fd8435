using Robotics.Cli.Commands;
using Robotics.Middleware.Execution;
using Robotics.Nodes.Demo;

namespace Robotics.Cli.Tests;

public class TopicAndParamCommandTests
{
    [Fact]
    public void TopicPub_DeliversYamlValuesToASubscriber()
    {
        using var test = new CliTestContext();
        using var listener = new Listener(test.Context, "listener");
        using var executor = new SingleThreadedExecutor();
        executor.Add(listener);
        Assert.Equal(0, TopicCommand.Run(["pub", "/chatter", "std_msgs/msg/String", "{data: hello robot}", "-t", "3", "-r", "100"], test.Env));
        Assert.True(executor.SpinUntil(() => listener.Heard == 3, TimeSpan.FromSeconds(5)));
        Assert.Contains(test.Logs, l => l.Message == "I heard: [hello robot]");
    }

    [Fact]
    public async Task TopicPub_DashOne_PublishesExactlyOnce()
    {
        // "-1" also parses as a number: it must still be the flag (it once published forever at 1 Hz).
        using var test = new CliTestContext();
        using var listener = new Listener(test.Context, "listener");
        using var executor = new SingleThreadedExecutor();
        executor.Add(listener);
        var pub = Task.Run(() => TopicCommand.Run(["pub", "/chatter", "std_msgs/msg/String", "{data: once}", "-1"], test.Env));

        Assert.Equal(0, await pub.WaitAsync(TimeSpan.FromSeconds(10)));
        executor.SpinUntil(() => listener.Heard == 1, TimeSpan.FromSeconds(2));
        executor.SpinOnce(TimeSpan.FromMilliseconds(50));
        Assert.Equal(1, listener.Heard);
    }

    [Fact]
    public void TopicPub_UnknownTypeListsWhatExists()
    {
        using var test = new CliTestContext();
        var error = Assert.Throws<CliException>(() => TopicCommand.Run(["pub", "/x", "std_msgs/msg/Strng", "{data: a}"], test.Env));
        Assert.Contains("Did you mean std_msgs/msg/String", error.Message, StringComparison.Ordinal);
        Assert.Contains("Known packages", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TopicPub_BadFieldNamesTheField()
    {
        using var test = new CliTestContext();
        var error = Assert.Throws<FormatException>(() => TopicCommand.Run(["pub", "/x", "sensor_msgs/msg/JointState", "{position: [1, abc]}", "-1"], test.Env));
        Assert.Contains("position[1]", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TopicEcho_PrintsYamlLikeRos2()
    {
        using var test = new CliTestContext();
        var echo = Task.Run(() => TopicCommand.Run(["echo", "/chatter", "std_msgs/msg/String", "--once"], test.Env));
        using var talker = new Talker(test.Context, "talker", new Middleware.NodeOptions { ParameterOverrides = new Dictionary<string, object?> { ["rate_hz"] = 50.0 } });
        using var executor = new SingleThreadedExecutor();
        executor.Add(talker);
        Assert.True(executor.SpinUntil(() => echo.IsCompleted, TimeSpan.FromSeconds(10)));
        Assert.Equal(0, await echo);
        Assert.Matches(@"^data: 'Hello World: \d+'\r?\n---", test.Out.ToString());
    }

    [Fact]
    public void TopicListAndNodeList_ShowTheGraph()
    {
        using var test = new CliTestContext();
        using var talker = new Talker(test.Context, "talker");
        TopicCommand.Run(["list", "-t"], test.Env);
        NodeCommand.Run(["list"], test.Env);
        var output = test.Out.ToString();
        Assert.Contains("/chatter [std_msgs/msg/String]", output, StringComparison.Ordinal);
        Assert.Contains("/parameter_events [rcl_interfaces/msg/ParameterEvent]", output, StringComparison.Ordinal);
        Assert.Contains("/talker\n", output.Replace("\r", string.Empty, StringComparison.Ordinal), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Param_ListGetSetAndRejectThroughParameterServices()
    {
        using var test = new CliTestContext();
        using var talker = new Talker(test.Context, "talker");
        using var executor = new SingleThreadedExecutor();
        executor.Add(talker);
        using var stop = new CancellationTokenSource();
        var spinning = Task.Run(() => executor.Spin(stop.Token));
        try
        {
            Assert.Contains("rate_hz", ParamCommand.List(test.Env, "/talker"));
            Assert.Equal(0, ParamCommand.Run(["set", "/talker", "text", "Hi"], test.Env));
            Assert.Equal("Hi", ParamCommand.Get(test.Env, "/talker", "text").AsString());
            Assert.Equal(1, ParamCommand.Run(["set", "/talker", "rate_hz", "-3.0"], test.Env));
            Assert.Contains("Set parameter failed: parameter 'rate_hz'", test.Out.ToString(), StringComparison.Ordinal);
            Assert.Contains("text: Hi", ParamCommand.Dump(test.Env, "/talker"), StringComparison.Ordinal);
        }
        finally
        {
            stop.Cancel();
            await spinning;
        }
    }

    [Fact]
    public void InterfaceShow_ExpandsNestedTypes()
    {
        using var test = new CliTestContext();
        InterfaceCommand.Run(["show", "sensor_msgs/msg/JointState"], test.Env);
        Assert.Contains("std_msgs/Header header\n\tbuiltin_interfaces/Time stamp\n\t\tint32 sec", test.Out.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Run_AcceptsRosArgumentsInAChildProcess()
    {
        var result = RoboticsProcess.Run("run", "robotics", "talker", "--duration", "1.5", "--ros-args", "-p", "rate_hz:=20.0", "-p", "text:=Yo", "-r", "__node:=my_talker", "-r", "__ns:=/lab");
        Assert.Equal(0, result.ExitCode);
        Assert.Contains("[lab.my_talker]: Publishing: 'Yo: 1'", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_RejectsAnInvalidParameterWithItsName()
    {
        var result = RoboticsProcess.Run("run", "talker", "--ros-args", "-p", "rate_hz:=-1.0");
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("parameter 'rate_hz'", result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.Error, StringComparison.Ordinal);
    }
}
