using Robotics.Messages.TrajectoryMsgs;
using Robotics.Middleware.Time;
using Robotics.Nodes.Control;

namespace Robotics.Nodes.Tests.Control;

public sealed class TrajectorySamplerTests
{
    [Fact]
    public void PositionsOnly_InterpolatesLinearlyFromTheStartAndHoldsTheLastPoint()
    {
        var sampler = Create([0.0, 1.0], Point(1.0, [1.0, -1.0]), Point(3.0, [3.0, -1.0]));

        Assert.Equal([0.5, 0.0], Sample(sampler, 0.5).Position);
        Assert.Equal([1.0, -1.0], Sample(sampler, 1.0).Position);
        Assert.Equal([2.0, -1.0], Sample(sampler, 2.0).Position);
        Assert.Equal([1.0, 0.0], Sample(sampler, 2.0).Velocity);
        Assert.Equal([3.0, -1.0], Sample(sampler, 99).Position);
        Assert.Equal([0.0, 0.0], Sample(sampler, 99).Velocity);
        Assert.Equal(3.0, sampler.Duration);
    }

    [Fact]
    public void WithVelocities_IsCubicHermite_MatchingPositionsAndVelocitiesAtEveryPoint()
    {
        var sampler = Create([0.0], Point(1.0, [1.0], [0.5]), Point(2.0, [0.0], [0.0]));

        Assert.Equal(0.0, Sample(sampler, 0).Position[0], 12);
        Assert.Equal(0.0, Sample(sampler, 0).Velocity[0], 12);
        Assert.Equal(1.0, Sample(sampler, 1 - 1e-9).Position[0], 6);
        Assert.Equal(0.5, Sample(sampler, 1 - 1e-9).Velocity[0], 6);
        Assert.Equal(0.5, Sample(sampler, 1).Velocity[0], 6);
        // Hermite midpoint of (p0=0, m0=0, p1=1, m1=0.5): 0.5 - 0.5/8.
        Assert.Equal(0.4375, Sample(sampler, 0.5).Position[0], 12);
    }

    [Fact]
    public void FirstPointAtTimeZero_ReplacesTheStartState()
    {
        var sampler = Create([5.0], Point(0, [1.0]), Point(1.0, [2.0]));

        Assert.Equal(1.0, Sample(sampler, 0).Position[0], 12);
        Assert.Equal(1.5, Sample(sampler, 0.5).Position[0], 12);
    }

    [Theory]
    [InlineData("no points")]
    [InlineData("wrong size")]
    [InlineData("not increasing")]
    [InlineData("NaN")]
    [InlineData("velocity size")]
    public void InvalidTrajectories_AreRefusedWithTheProblemNamed(string problem)
    {
        JointTrajectoryPoint[] points = problem switch
        {
            "no points" => [],
            "wrong size" => [Point(1, [1.0])],
            "not increasing" => [Point(1, [1.0, 1.0]), Point(1, [2.0, 2.0])],
            "NaN" => [Point(1, [double.NaN, 1.0])],
            _ => [Point(1, [1.0, 1.0], [1.0])],
        };

        Assert.Null(TrajectorySampler.TryCreate([0.0, 0.0], points, out var error));
        var expected = problem switch
        {
            "no points" => "no points",
            "wrong size" => "1 positions for 2 joints",
            "not increasing" => "must be greater",
            "NaN" => "finite",
            _ => "1 velocities for 2 joints",
        };
        Assert.Contains(expected, error, StringComparison.Ordinal);
    }

    internal static JointTrajectoryPoint Point(double seconds, double[] positions, double[]? velocities = null) => new()
    {
        Positions = positions,
        Velocities = velocities ?? [],
        TimeFromStart = RosTime.ToDuration(TimeSpan.FromSeconds(seconds)),
    };

    private static TrajectorySampler Create(double[] start, params JointTrajectoryPoint[] points) =>
        TrajectorySampler.TryCreate(start, points, out var error) ?? throw new InvalidOperationException(error);

    private static (double[] Position, double[] Velocity) Sample(TrajectorySampler sampler, double t)
    {
        var (position, velocity) = (new double[sampler.JointCount], new double[sampler.JointCount]);
        sampler.Sample(t, position, velocity);
        return (position, velocity);
    }
}
