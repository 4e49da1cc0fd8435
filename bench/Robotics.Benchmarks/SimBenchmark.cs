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
            using var data = model.CreateData();
            var (csharp, _) = Measure.PerOp(data.Step, seconds);
            data.Reset();
            var (c, _) = Measure.PerOp(() => data.Step(100), seconds);
            c /= 100;
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

        return result;
    }

    /// <summary>Wall time of <paramref name="action"/> in seconds.</summary>
    public static double Time(Action action)
    {
        var sw = Stopwatch.StartNew();
        action();
        return sw.Elapsed.TotalSeconds;
    }
}
