using Robotics.Messages.RclInterfaces;
using Robotics.Messages.RosgraphMsgs;
using Robotics.Middleware.Qos;
using Robotics.Middleware.Tests.TestSupport;
using Robotics.Middleware.Time;
using FloatingPointRange = Robotics.Middleware.Parameters.FloatingPointRange;
using ParameterDescriptor = Robotics.Middleware.Parameters.ParameterDescriptor;
using ParameterValueMessage = Robotics.Messages.RclInterfaces.ParameterValue;

namespace Robotics.Middleware.Tests.Parameters;

/// <summary>What other nodes see of a node's parameters: /parameter_events, the ~/ parameter services, use_sim_time.</summary>
public sealed class ParameterInterfaceTests : IDisposable
{
    private readonly RosTestEnvironment _env = new();

    [Fact]
    public void ParameterEvents_AnnounceNewChangedAndDeletedParameters()
    {
        var events = new List<ParameterEvent>();
        _env.CreateNode("observer").CreateSubscription<ParameterEvent>("/parameter_events", e => events.Add(e), QosProfile.ParameterEvents);
        var node = _env.CreateNode("arm", new NodeOptions { Namespace = "/robot" });
        var mine = () => events.Where(e => e.Node == "/robot/arm").ToList();

        node.Parameters.Declare("speed", 1.0);
        node.Parameters.Set("speed", 2.0);
        node.Parameters.Undeclare("speed");

        _env.SpinUntil(() => mine().Any(e => e.DeletedParameters.Length > 0), "the deletion was announced");
        var announced = mine().Where(e => e.NewParameters.Concat(e.ChangedParameters).Concat(e.DeletedParameters).Any(p => p.Name == "speed")).ToList();
        Assert.Equal(3, announced.Count);
        Assert.Equal(1.0, Assert.Single(announced[0].NewParameters).Value.DoubleValue);
        Assert.Equal(2.0, Assert.Single(announced[1].ChangedParameters).Value.DoubleValue);
        Assert.Equal("speed", Assert.Single(announced[2].DeletedParameters).Name);
    }

    [Fact]
    public void ParameterEvents_RejectedSet_AnnouncesNothing()
    {
        var events = new List<ParameterEvent>();
        _env.CreateNode("observer").CreateSubscription<ParameterEvent>("/parameter_events", e => events.Add(e), QosProfile.ParameterEvents);
        var node = _env.CreateNode("arm");
        node.Parameters.Declare("speed", 1.0);

        node.Parameters.Set("speed", "fast");
        node.Parameters.Declare("marker", true);

        _env.SpinUntil(() => events.Any(e => e.NewParameters.Any(p => p.Name == "marker")), "the later marker was announced");
        Assert.DoesNotContain(events, e => e.ChangedParameters.Length > 0);
    }

    [Fact]
    public async Task ListParametersService_FromAnotherNode_ListsNamesAndPrefixes()
    {
        DeclareArmParameters();
        var client = _env.CreateNode("tool").CreateClient<ListParametersRequest, ListParametersResponse>("/robot/arm/list_parameters");

        var response = await _env.CallAsync(client, new ListParametersRequest());

        Assert.Superset(new HashSet<string>(["speed", "model", "gains.kp", "use_sim_time"]), new HashSet<string>(response.Result.Names));
        Assert.Contains("gains", response.Result.Prefixes);
    }

    /// <summary>rclcpp counts depth below the prefix: prefix "gains" with depth 1 lists "gains.kp" but not "gains.inner.kd".</summary>
    [Fact]
    public async Task ListParametersService_PrefixWithDepth_CountsLevelsBelowThePrefix()
    {
        var arm = DeclareArmParameters();
        arm.Parameters.Declare("gains.inner.kd", 0.1);
        var client = _env.CreateNode("tool").CreateClient<ListParametersRequest, ListParametersResponse>("/robot/arm/list_parameters");

        var response = await _env.CallAsync(client, new ListParametersRequest { Prefixes = ["gains"], Depth = 1 });

        Assert.Equal(["gains.kp"], response.Result.Names);
    }

    [Fact]
    public async Task GetParametersService_FromAnotherNode_ReturnsValuesAndNotSetForUnknown()
    {
        DeclareArmParameters();
        var client = _env.CreateNode("tool").CreateClient<GetParametersRequest, GetParametersResponse>("/robot/arm/get_parameters");

        var response = await _env.CallAsync(client, new GetParametersRequest { Names = ["speed", "model", "missing"] });

        Assert.Equal(3, response.Values.Length);
        Assert.Equal((ParameterType.PARAMETER_DOUBLE, 1.5), (response.Values[0].Type, response.Values[0].DoubleValue));
        Assert.Equal((ParameterType.PARAMETER_STRING, "so100"), (response.Values[1].Type, response.Values[1].StringValue));
        Assert.Equal(ParameterType.PARAMETER_NOT_SET, response.Values[2].Type);
    }

    [Fact]
    public async Task SetParametersService_FromAnotherNode_SetsValidAndReportsInvalidPerParameter()
    {
        var arm = DeclareArmParameters();
        var client = _env.CreateNode("tool").CreateClient<SetParametersRequest, SetParametersResponse>("/robot/arm/set_parameters");

        var response = await _env.CallAsync(client, new SetParametersRequest
        {
            Parameters =
            [
                new Parameter { Name = "speed", Value = new ParameterValueMessage { Type = ParameterType.PARAMETER_DOUBLE, DoubleValue = 2.5 } },
                new Parameter { Name = "model", Value = new ParameterValueMessage { Type = ParameterType.PARAMETER_INTEGER, IntegerValue = 5 } },
            ],
        });

        Assert.Equal(2, response.Results.Length);
        Assert.True(response.Results[0].Successful, response.Results[0].Reason);
        Assert.False(response.Results[1].Successful);
        Assert.Contains("model", response.Results[1].Reason, StringComparison.Ordinal);
        Assert.Equal(2.5, arm.Parameters.Get("speed").AsDouble());
        Assert.Equal("so100", arm.Parameters.Get("model").AsString());
    }

    [Fact]
    public async Task DescribeParametersService_FromAnotherNode_ReturnsTypeRangeAndReadOnly()
    {
        DeclareArmParameters();
        var client = _env.CreateNode("tool").CreateClient<DescribeParametersRequest, DescribeParametersResponse>("/robot/arm/describe_parameters");

        var response = await _env.CallAsync(client, new DescribeParametersRequest { Names = ["speed", "model"] });

        Assert.Equal(2, response.Descriptors.Length);
        var speed = response.Descriptors[0];
        Assert.Equal(("speed", ParameterType.PARAMETER_DOUBLE, "joint speed limit"), (speed.Name, speed.Type, speed.Description));
        var range = Assert.Single(speed.FloatingPointRange);
        Assert.Equal((0.0, 10.0), (range.FromValue, range.ToValue));
        Assert.True(response.Descriptors[1].ReadOnly);
    }

    [Fact]
    public void UseSimTime_True_MakesTheNodeClockFollowClockMessages()
    {
        var simNode = _env.CreateNode("sim_follower", new NodeOptions { ParameterOverrides = new Dictionary<string, object?> { ["use_sim_time"] = true } });
        var wallNode = _env.CreateNode("wall_follower");
        var clock = _env.CreateNode("simulator").CreatePublisher<Clock>("/clock");
        Assert.Equal(DateTimeOffset.UnixEpoch, simNode.Clock.GetUtcNow());
        var simulated = DateTimeOffset.UnixEpoch.AddSeconds(42.5);

        clock.Publish(new Clock { ClockValue = RosTime.ToMessage(simulated) });

        Eventually.True(() => simNode.Clock.GetUtcNow() == simulated, "the node's clock reads the /clock time");
        Assert.Equal(42, simNode.Now().Sec);
        Assert.Equal(500_000_000u, simNode.Now().Nanosec);
        Assert.True(simNode.Parameters.Get("use_sim_time").AsBool());
        Assert.NotEqual(simulated, wallNode.Clock.GetUtcNow());
    }

    [Fact]
    public void UseSimTime_True_TimersFollowClockMessages()
    {
        var simNode = _env.CreateNode("sim_timer", new NodeOptions { ParameterOverrides = new Dictionary<string, object?> { ["use_sim_time"] = true } });
        var clock = _env.CreateNode("simulator").CreatePublisher<Clock>("/clock");
        var timer = simNode.CreateTimer(TimeSpan.FromSeconds(1), () => { });

        clock.Publish(new Clock { ClockValue = RosTime.ToMessage(DateTimeOffset.UnixEpoch.AddSeconds(0.5)) });
        _env.Executor.SpinOnce(TimeSpan.Zero);
        Assert.Equal(0, timer.CallCount);

        clock.Publish(new Clock { ClockValue = RosTime.ToMessage(DateTimeOffset.UnixEpoch.AddSeconds(1.0)) });
        _env.SpinUntil(() => timer.CallCount == 1, "the timer fired at simulated second 1");
    }

    public void Dispose()
    {
        _env.Dispose();
        _env.AssertClean();
    }

    private Node DeclareArmParameters()
    {
        var arm = _env.CreateNode("arm", new NodeOptions { Namespace = "/robot" });
        arm.Parameters.Declare("speed", 1.5, new ParameterDescriptor { Description = "joint speed limit", FloatingPointRange = new FloatingPointRange(0, 10) });
        arm.Parameters.Declare("model", "so100", new ParameterDescriptor { ReadOnly = true });
        arm.Parameters.Declare("gains.kp", 2.0);
        return arm;
    }
}
