using Robotics.Middleware.Parameters;
using Robotics.Middleware.Tests.TestSupport;

namespace Robotics.Middleware.Tests.Parameters;

/// <summary>Declaring parameters: defaults, overrides from NodeOptions, and overrides a node must refuse to start with.</summary>
public sealed class ParameterDeclarationTests : IDisposable
{
    private readonly RosTestEnvironment _env = new();

    [Fact]
    public void Declare_WithoutOverride_ReturnsTheDefault()
    {
        var node = _env.CreateNode("driver");

        Assert.Equal(50.0, node.Parameters.Declare("rate_hz", 50.0));
        Assert.Equal("so100", node.Parameters.Declare("model", "so100"));
        Assert.Equal(ParameterType.Double, node.Parameters.Get("rate_hz").Type);
        Assert.Equal(50.0, node.Parameters.Get("rate_hz").AsDouble());
    }

    [Fact]
    public void Declare_WithOverride_TheOverrideWins()
    {
        var node = _env.CreateNode("driver", WithOverrides(("rate_hz", 200.0), ("port", "/dev/ttyUSB1")));

        Assert.Equal(200.0, node.Parameters.Declare("rate_hz", 50.0));
        Assert.Equal("/dev/ttyUSB1", node.Parameters.Declare("port", "/dev/ttyACM0"));
        Assert.Equal(200.0, node.Parameters.Get("rate_hz").AsDouble());
    }

    [Fact]
    public void Declare_IntegerOverrideForADoubleParameter_IsTakenAsThatDouble()
    {
        var node = _env.CreateNode("driver", WithOverrides(("gain", 2)));

        Assert.Equal(2.0, node.Parameters.Declare("gain", 1.5));
        Assert.Equal(ParameterType.Double, node.Parameters.Get("gain").Type);
    }

    [Fact]
    public void Declare_OverrideOfTheWrongType_ThrowsParameterExceptionNamingTheParameter()
    {
        var node = _env.CreateNode("driver", WithOverrides(("rate_hz", "fast")));

        var error = Assert.Throws<ParameterException>(() => node.Parameters.Declare("rate_hz", 50.0));

        Assert.Contains("rate_hz", error.Message, StringComparison.Ordinal);
        Assert.False(node.Parameters.IsDeclared("rate_hz"));
    }

    [Fact]
    public void Declare_OverrideOutOfRange_ThrowsParameterExceptionNamingTheParameter()
    {
        var node = _env.CreateNode("driver", WithOverrides(("rate_hz", 5000.0)));
        var descriptor = new ParameterDescriptor { FloatingPointRange = new FloatingPointRange(1, 1000) };

        var error = Assert.Throws<ParameterException>(() => node.Parameters.Declare("rate_hz", 50.0, descriptor));

        Assert.Contains("rate_hz", error.Message, StringComparison.Ordinal);
        Assert.Contains("override", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Declare_ReadOnlyWithOverride_TakesTheOverrideButRefusesLaterSets()
    {
        var node = _env.CreateNode("driver", WithOverrides(("model", "koch")));

        Assert.Equal("koch", node.Parameters.Declare("model", "so100", new ParameterDescriptor { ReadOnly = true }));
        Assert.False(node.Parameters.Set("model", "aloha").Successful);
    }

    [Fact]
    public void Declare_Twice_ThrowsParameterException()
    {
        var node = _env.CreateNode("driver");
        node.Parameters.Declare("rate_hz", 50.0);

        var error = Assert.Throws<ParameterException>(() => node.Parameters.Declare("rate_hz", 60.0));

        Assert.Contains("rate_hz", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Get_UndeclaredParameter_ThrowsParameterExceptionNamingIt()
    {
        var node = _env.CreateNode("driver");

        var error = Assert.Throws<ParameterException>(() => node.Parameters.Get("missing"));

        Assert.Contains("missing", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Declare_TypedIntegerArray_ReturnsTheArray()
    {
        var node = _env.CreateNode("driver");

        var ids = node.Parameters.Declare("servo_ids", new[] { 1, 2, 3 });

        Assert.Equal([1, 2, 3], ids);
        Assert.Equal([1L, 2L, 3L], node.Parameters.Get("servo_ids").AsIntegerArray());
    }

    [Fact]
    public void UseSimTime_InvalidOverride_ThrowsAndLeavesNothingInTheGraph()
    {
        var options = WithOverrides(("use_sim_time", "yes"));

        var error = Assert.Throws<ParameterException>(() => _env.Context.CreateNode("sim_node", options));

        Assert.Contains("use_sim_time", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(_env.Context.Transport.Graph.Endpoints, e => e.NodeName == "sim_node");
        Assert.DoesNotContain(_env.Context.Transport.Graph.Services, s => s.NodeName == "sim_node");
        Assert.DoesNotContain(_env.Context.Nodes, n => n.Name == "sim_node");
    }

    public void Dispose()
    {
        _env.Dispose();
        _env.AssertClean();
    }

    private static NodeOptions WithOverrides(params (string Name, object Value)[] overrides) =>
        new() { ParameterOverrides = overrides.ToDictionary(o => o.Name, o => (object?)o.Value, StringComparer.Ordinal) };
}
