using Robotics.Sim.MuJoCo.Tasks;
using Robotics.Sim.MuJoCo.Vector;

namespace Robotics.Sim.MuJoCo.Tests;

/// <summary>Vectorized environments: parallel stepping gives exactly the sequential results, ended episodes restart.</summary>
public sealed class VectorEnvTests
{
    [Fact]
    public void Step_InParallel_MatchesEachEnvironmentSteppedAlone()
    {
        const int Count = 4;
        using var vector = new VectorEnv(() => new InsertionTask(), Count, workers: 2);
        var (obs, rewards, done) = (new double[Count * vector.ObservationSize], new double[Count], new bool[Count]);
        var actions = new double[Count * vector.ActionSize];
        vector.Reset(10, obs);
        for (var step = 0; step < 20; step++)
        {
            for (var i = 0; i < actions.Length; i++)
            {
                actions[i] = 0.05 * Math.Sin((step * 0.3) + i);
            }

            vector.Step(actions, obs, rewards, done);
        }

        for (var e = 0; e < Count; e++)
        {
            using var alone = new InsertionTask();
            alone.Reset(10 + e);
            var action = new double[vector.ActionSize];
            for (var step = 0; step < 20; step++)
            {
                for (var a = 0; a < action.Length; a++)
                {
                    action[a] = 0.05 * Math.Sin((step * 0.3) + (e * vector.ActionSize) + a);
                }

                alone.ApplyAction(action);
            }

            var expected = new double[vector.ObservationSize];
            alone.Observe(expected);
            Assert.Equal(expected, obs.AsSpan(e * vector.ObservationSize, vector.ObservationSize).ToArray());
        }
    }

    [Fact]
    public void Step_AnEpisodeThatEnds_IsResetWithTheNextSeed()
    {
        using var vector = new VectorEnv(() => new ReachTask(), 2);
        var (obs, rewards, done) = (new double[2 * vector.ObservationSize], new double[2], new bool[2]);
        var actions = new double[2 * vector.ActionSize];
        vector.Reset(0, obs);
        var limit = vector.Environments[0].MaxControlSteps;
        var ended = 0;
        for (var step = 0; step < limit; step++)
        {
            vector.Step(actions, obs, rewards, done);
            ended += done.Count(d => d);
        }

        Assert.Equal(2, ended); // both hit the time limit doing nothing, on the same step
        Assert.Equal([2, 3], vector.Environments.Select(e => e.Seed));
        Assert.All(vector.Environments, e => Assert.Equal(0, e.ControlStep));
    }

    [Fact]
    public void Step_WrongBatchSize_IsAClearError()
    {
        using var vector = new VectorEnv(() => new ReachTask(), 2);
        var error = Assert.Throws<ArgumentException>(() => vector.Step(new double[3], new double[2 * vector.ObservationSize], new double[2], new bool[2]));
        Assert.Contains("2 × 6", error.Message, StringComparison.Ordinal);
    }
}
