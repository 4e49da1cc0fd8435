using System.Diagnostics;
using System.Text.Json.Nodes;
using Robotics.Sim.MuJoCo;

namespace Robotics.Benchmarks;

/// <summary>
/// MuJoCo from C# (issue #5): one mj_step per P/Invoke call against the same steps in a C loop inside the shim
/// (rmj_step_n), on the same model and state, in the same run; the goal is ≥ 0.95× the C loop's rate.
/// </summary>
internal static class SimBenchmark
{
    public static JsonObject Run(string root, bool quick)
    {
        var seconds = quick ? 0.5 : 2;
        var result = new JsonObject();
        foreach (var file in new[] { "so_arm.xml", "insertion.xml", "pick_lift.xml" })
        {
            var path = Path.Combine(root, "sim", "models", file);
            if (!File.Exists(path))
            {
                continue;
            }

            using var model = MjModel.Load(path);
            var (csharp, c) = SameTrajectory(model, quick ? 5 : 15);
            result[Path.GetFileNameWithoutExtension(file)] = new JsonObject
            {
                ["timestep_ms"] = model.Timestep * 1000,
                ["csharp_step_us"] = Math.Round(csharp / 1000, 3),
                ["c_loop_step_us"] = Math.Round(c / 1000, 3),
                ["ratio_vs_c_loop"] = Math.Round(c / csharp, 3),
                ["goal"] = "≥ 0.95×",
                ["steps_per_second"] = Math.Round(1e9 / csharp),
                ["real_time_factor_physics_only"] = Math.Round(model.Timestep * 1e9 / csharp, 1),
            };
        }

        result["vectorized_insertion"] = Vectorized(quick);
        return result;
    }

    /// <summary>
    /// ns per step from C# and from the C loop over the very same trajectory: both start from the model's reset state
    /// and step the same count (MuJoCo is deterministic), alternating, so contact phases cost both the same. Median of rounds.
    /// </summary>
    private static (double CSharpNs, double CLoopNs) SameTrajectory(MjModel model, int rounds)
    {
        const int Steps = 1000;
        using var data = model.CreateData();
        var (csharp, c) = (new List<double>(), new List<double>());
        for (var round = 0; round < rounds + 1; round++)
        {
            // Alternate which goes first, so neither gains from the other's warm caches.
            double managed, native;
            if (round % 2 == 0)
            {
                (managed, native) = (Managed(data, Steps), Native(data, Steps));
            }
            else
            {
                (native, managed) = (Native(data, Steps), Managed(data, Steps));
            }

            if (round > 0) // the first round warms up the JIT and the caches
            {
                csharp.Add(managed);
                c.Add(native);
            }
        }

        return (Measure.Median(csharp), Measure.Median(c));
    }

    private static double Managed(MjData data, int steps)
    {
        data.Reset();
        var sw = Stopwatch.StartNew();
        for (var i = 0; i < steps; i++)
        {
            data.Step();
        }

        return sw.Elapsed.TotalNanoseconds / steps;
    }

    private static double Native(MjData data, int steps)
    {
        data.Reset();
        var sw = Stopwatch.StartNew();
        data.Step(steps);
        return sw.Elapsed.TotalNanoseconds / steps;
    }

    /// <summary>Control steps per second of 1, 2 and 8 insertion environments on this machine (one control period = 25 physics steps).</summary>
    private static JsonObject Vectorized(bool quick)
    {
        var result = new JsonObject { ["cores"] = Environment.ProcessorCount };
        foreach (var count in new[] { 1, 2, 8 })
        {
            using var env = new Robotics.Sim.MuJoCo.Vector.VectorEnv(() => new Robotics.Sim.MuJoCo.Tasks.InsertionTask(), count);
            var (obs, actions, rewards, done) = (new double[count * env.ObservationSize], new double[count * env.ActionSize], new double[count], new bool[count]);
            env.Reset(0, obs);
            var (perStep, _) = Measure.PerOp(() => env.Step(actions, obs, rewards, done), quick ? 0.5 : 2);
            result[$"envs_{count}"] = new JsonObject
            {
                ["env_steps_per_second"] = Math.Round(count * 1e9 / perStep),
                ["physics_steps_per_second"] = Math.Round(count * env.Environments[0].StepsPerControl * 1e9 / perStep),
            };
        }

        return result;
    }
}
