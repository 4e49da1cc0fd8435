using Robotics.Middleware.Logging;
using Robotics.Middleware.Qos;
using Robotics.Middleware.Tests.TestSupport;
using Log = Robotics.Messages.RclInterfaces.Log;

namespace Robotics.Middleware.Tests.Logging;

/// <summary>A node's logger: the level gate, the sink, and /rosout with the rcl logger name.</summary>
public sealed class NodeLoggerTests : IDisposable
{
    private readonly RosTestEnvironment _env = new(logLevel: LogLevel.Info);
    private readonly List<Log> _rosout = [];

    public NodeLoggerTests()
    {
        _env.CreateNode("log_reader").CreateSubscription<Log>("/rosout", _rosout.Add, QosProfile.Rosout);
    }

    [Fact]
    public void Info_AtTheLevel_ReachesTheSinkAndRosoutWithTheLoggerName()
    {
        var node = _env.CreateNode("talker", new NodeOptions { Namespace = "/robot" });

        node.Logger.Info("arm homed");

        var record = Assert.Single(_env.Log.Records, r => r.Message == "arm homed");
        Assert.Equal((LogLevel.Info, "robot.talker"), (record.Level, record.Logger));
        _env.SpinUntil(() => _rosout.Any(l => l.Msg == "arm homed"), "the record reached /rosout");
        var published = _rosout.Single(l => l.Msg == "arm homed");
        Assert.Equal((Log.INFO, "robot.talker"), (published.Level, published.Name));
    }

    [Theory]
    [InlineData(LogLevel.Warn)]
    [InlineData(LogLevel.Fatal)]
    public void AboveTheLevel_ReachesTheSinkAndRosout(LogLevel level)
    {
        _env.ExpectErrors();
        var node = _env.CreateNode("talker");

        node.Logger.Write(level, "above");

        Assert.Contains(_env.Log.Records, r => r.Message == "above" && r.Level == level);
        _env.SpinUntil(() => _rosout.Any(l => l.Msg == "above" && l.Level == (byte)level), "the record reached /rosout");
    }

    [Fact]
    public void Debug_BelowTheLevel_ReachesNeitherSinkNorRosout()
    {
        var node = _env.CreateNode("talker");

        node.Logger.Debug("noise");
        node.Logger.Info("marker");

        _env.SpinUntil(() => _rosout.Any(l => l.Msg == "marker"), "the later marker reached /rosout");
        Assert.DoesNotContain(_env.Log.Records, r => r.Message == "noise");
        Assert.DoesNotContain(_rosout, l => l.Msg == "noise");
        Assert.False(node.Logger.IsEnabled(LogLevel.Debug));
    }

    [Fact]
    public void NodeOptionsLogLevel_OverridesTheContextLevelForThatNodeOnly()
    {
        var quiet = _env.CreateNode("quiet", new NodeOptions { LogLevel = LogLevel.Warn });
        var chatty = _env.CreateNode("chatty", new NodeOptions { LogLevel = LogLevel.Debug });

        quiet.Logger.Info("quiet info");
        quiet.Logger.Warn("quiet warn");
        chatty.Logger.Debug("chatty debug");

        var messages = _env.Log.Records.Select(r => r.Message).ToList();
        Assert.DoesNotContain("quiet info", messages);
        Assert.Contains("quiet warn", messages);
        Assert.Contains("chatty debug", messages);
    }

    [Fact]
    public void Level_ChangedAtRunTime_TakesEffect()
    {
        var node = _env.CreateNode("talker");

        node.Logger.Level = LogLevel.Debug;
        node.Logger.Debug("now visible");

        Assert.Contains(_env.Log.Records, r => r.Message == "now visible" && r.Level == LogLevel.Debug);
    }

    [Fact]
    public void Rosout_LateSubscriberWithTransientLocal_GetsEarlierRecords()
    {
        var node = _env.CreateNode("early_bird");
        node.Logger.Info("before anyone listened");
        var late = new List<Log>();

        _env.CreateNode("late_reader").CreateSubscription<Log>("/rosout", late.Add, QosProfile.Rosout);

        _env.SpinUntil(() => late.Any(l => l.Msg == "before anyone listened"), "the latched record reached the late reader");
    }

    /// <summary>A logger can outlive its node (captured by a callback or a component); logging then must not throw.</summary>
    [Fact]
    public void Logging_AfterTheNodeIsDisposed_DoesNotThrowAndStillReachesTheSink()
    {
        var node = _env.CreateNode("short_lived");
        var logger = node.Logger;

        node.Dispose();
        var error = Record.Exception(() => logger.Info("after dispose"));

        Assert.Null(error);
        Assert.Contains(_env.Log.Records, r => r.Message == "after dispose");
    }

    public void Dispose()
    {
        _env.Dispose();
        _env.AssertClean();
    }
}
