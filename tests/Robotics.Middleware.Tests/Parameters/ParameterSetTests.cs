using Robotics.Middleware.Parameters;
using Robotics.Middleware.Tests.TestSupport;

namespace Robotics.Middleware.Tests.Parameters;

/// <summary>Setting parameters: every rejection says which parameter and why, and a rejected set changes nothing.</summary>
public sealed class ParameterSetTests : IDisposable
{
    private readonly RosTestEnvironment _env = new();
    private readonly Node _node;

    public ParameterSetTests()
    {
        _node = _env.CreateNode("controller");
    }

    [Fact]
    public void Set_ValueOfTheDeclaredType_Succeeds()
    {
        _node.Parameters.Declare("rate_hz", 50.0);

        var result = _node.Parameters.Set("rate_hz", 100.0);

        Assert.True(result.Successful, result.Reason);
        Assert.Equal(100.0, _node.Parameters.Get("rate_hz").AsDouble());
    }

    [Theory]
    [InlineData("fast")]
    [InlineData(true)]
    [InlineData(100)]
    public void Set_TypeMismatch_IsRejectedNamingTheParameterAndKeepsTheValue(object value)
    {
        _node.Parameters.Declare("rate_hz", 50.0);

        var result = _node.Parameters.Set("rate_hz", value);

        Assert.False(result.Successful);
        Assert.Contains("rate_hz", result.Reason, StringComparison.Ordinal);
        Assert.Contains("type", result.Reason, StringComparison.Ordinal);
        Assert.Equal(50.0, _node.Parameters.Get("rate_hz").AsDouble());
    }

    [Fact]
    public void Set_DynamicallyTypedParameter_AcceptsAnotherType()
    {
        _node.Parameters.Declare("anything", 1, new ParameterDescriptor { DynamicTyping = true });

        Assert.True(_node.Parameters.Set("anything", "text").Successful);
        Assert.Equal("text", _node.Parameters.Get("anything").AsString());
    }

    [Fact]
    public void Set_ReadOnlyParameter_IsRejectedNamingIt()
    {
        _node.Parameters.Declare("robot_model", "so100", new ParameterDescriptor { ReadOnly = true });

        var result = _node.Parameters.Set("robot_model", "koch");

        Assert.False(result.Successful);
        Assert.Contains("robot_model", result.Reason, StringComparison.Ordinal);
        Assert.Contains("read-only", result.Reason, StringComparison.Ordinal);
        Assert.Equal("so100", _node.Parameters.Get("robot_model").AsString());
    }

    [Fact]
    public void Set_UndeclaredParameter_IsRejectedNamingIt()
    {
        var result = _node.Parameters.Set("ghost", 1);

        Assert.False(result.Successful);
        Assert.Contains("ghost", result.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(50L, true)]
    [InlineData(0L, true)]
    [InlineData(100L, true)]
    [InlineData(55L, false)]
    [InlineData(110L, false)]
    [InlineData(-10L, false)]
    public void Set_IntegerRangeWithStep_AcceptsOnlyValuesOnTheGrid(long value, bool accepted)
    {
        _node.Parameters.Declare("torque_limit", 50L, new ParameterDescriptor { IntegerRange = new IntegerRange(0, 100, 10) });

        var result = _node.Parameters.Set("torque_limit", value);

        Assert.Equal(accepted, result.Successful);
        Assert.Equal(accepted ? value : 50L, _node.Parameters.Get("torque_limit").AsInteger());
        if (!accepted)
        {
            Assert.Contains("torque_limit", result.Reason, StringComparison.Ordinal);
            Assert.Contains("[0, 100] in steps of 10", result.Reason, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData(0.5, true)]
    [InlineData(0.0, true)]
    [InlineData(1.0, true)]
    [InlineData(0.3, false)]
    [InlineData(1.5, false)]
    [InlineData(-0.25, false)]
    [InlineData(double.NaN, false)]
    [InlineData(double.PositiveInfinity, false)]
    public void Set_FloatingPointRangeWithStep_AcceptsOnlyValuesOnTheGrid(double value, bool accepted)
    {
        _node.Parameters.Declare("blend", 0.25, new ParameterDescriptor { FloatingPointRange = new FloatingPointRange(0, 1, 0.25) });

        var result = _node.Parameters.Set("blend", value);

        Assert.Equal(accepted, result.Successful);
        if (!accepted)
        {
            Assert.Contains("blend", result.Reason, StringComparison.Ordinal);
            Assert.Equal(0.25, _node.Parameters.Get("blend").AsDouble());
        }
    }

    [Fact]
    public void OnSetCallback_Rejecting_KeepsTheOldValueUntilTheCallbackIsRemoved()
    {
        _node.Parameters.Declare("speed", 1L);
        var registration = _node.Parameters.AddOnSetCallback(changes =>
            changes.Any(c => c.Name == "speed" && c.Value.AsInteger() > 10)
                ? SetParametersResult.Reject("speed: above the 10 the gearbox allows")
                : SetParametersResult.Success);

        var rejected = _node.Parameters.Set("speed", 20L);
        var accepted = _node.Parameters.Set("speed", 5L);

        Assert.False(rejected.Successful);
        Assert.Contains("speed", rejected.Reason, StringComparison.Ordinal);
        Assert.True(accepted.Successful);
        Assert.Equal(5L, _node.Parameters.Get("speed").AsInteger());

        registration.Dispose();
        Assert.True(_node.Parameters.Set("speed", 20L).Successful);
    }

    [Fact]
    public void SetAtomically_OneInvalidChange_ChangesNothing()
    {
        _node.Parameters.Declare("kp", 1.0);
        _node.Parameters.Declare("frame", "base");

        var result = _node.Parameters.SetAtomically([("kp", ParameterValue.From(2.0)), ("frame", ParameterValue.From(3))]);

        Assert.False(result.Successful);
        Assert.Contains("frame", result.Reason, StringComparison.Ordinal);
        Assert.Equal(1.0, _node.Parameters.Get("kp").AsDouble());
        Assert.Equal("base", _node.Parameters.Get("frame").AsString());
    }

    [Fact]
    public void SetAtomically_AllValid_ChangesAll()
    {
        _node.Parameters.Declare("kp", 1.0);
        _node.Parameters.Declare("frame", "base");

        var result = _node.Parameters.SetAtomically([("kp", ParameterValue.From(2.0)), ("frame", ParameterValue.From("tool"))]);

        Assert.True(result.Successful, result.Reason);
        Assert.Equal((2.0, "tool"), (_node.Parameters.Get("kp").AsDouble(), _node.Parameters.Get("frame").AsString()));
    }

    [Fact]
    public void Undeclare_ReadOnlyParameter_ThrowsAndKeepsIt()
    {
        _node.Parameters.Declare("robot_model", "so100", new ParameterDescriptor { ReadOnly = true });

        Assert.Throws<ParameterException>(() => _node.Parameters.Undeclare("robot_model"));
        Assert.True(_node.Parameters.IsDeclared("robot_model"));
    }

    public void Dispose()
    {
        _env.Dispose();
        _env.AssertClean();
    }
}
