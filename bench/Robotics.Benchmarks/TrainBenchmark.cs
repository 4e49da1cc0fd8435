using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using Robotics.Policies.Learning;

namespace Robotics.Benchmarks;

/// <summary>
/// The C# training core against libtorch 1.13 (CPU) on a TD3-sized critic update (LEARNING.md §3): 26 → 256 → 256 → 1,
/// ReLU, MSE, Adam, batch 256; zero-grad + forward + loss + backward + step, timed one update at a time (median, p90).
/// The peer, bench/peers/td3_libtorch, is built with cmake into .artifacts on first use and runs at 1 and 2 torch
/// threads; ours runs on one thread. Rounds alternate ours and the peer so load from other processes hits both alike.
/// The ratio is ours/libtorch speed (libtorch ms ÷ our ms); the goal is ≥ 1.0×.
/// </summary>
internal static class TrainBenchmark
{
    private const int Batch = 256;
    private const int Inputs = 26;
    private const int Sets = 16; // batches in rotation, as the peer: one batch is memorised and gradients go denormal

    public static JsonObject Run(string root, bool quick)
    {
        var (rounds, iterations) = quick ? (1, 300) : (3, 1000);
        var peer = BuildPeer(root);
        var ours = new List<(double Median, double P90, double Allocated)>();
        var torch = new Dictionary<int, List<Dictionary<string, string>>> { [1] = [], [2] = [] };
        for (var round = 0; round < rounds; round++)
        {
            ours.Add(Ours(iterations));
            foreach (var threads in torch.Keys)
            {
                if (peer.Path is not null)
                {
                    torch[threads].Add(RunPeer(peer.Path, threads, iterations));
                }
            }
        }

        var ourMedian = Median(ours.Select(o => o.Median));
        var result = new JsonObject
        {
            ["update"] = "critic 26→256→256→1 ReLU, batch 256: zero_grad + forward + MSE + backward + Adam step",
            ["rounds"] = rounds,
            ["iterations_per_round"] = iterations,
            ["ours_ms"] = new JsonObject
            {
                ["median"] = Math.Round(ourMedian, 3),
                ["p90"] = Math.Round(Median(ours.Select(o => o.P90)), 3),
                ["threads"] = 1,
                ["bytes_allocated_per_update"] = Math.Round(ours.Max(o => o.Allocated)),
            },
        };
        if (peer.Path is null)
        {
            result["libtorch"] = new JsonObject { ["error"] = peer.Error };
            return result;
        }

        foreach (var (threads, runs) in torch)
        {
            var median = Median(runs.Select(r => Number(r, "median_ms")));
            var name = threads == 1 ? "1_thread" : $"{threads}_threads";
            result[$"libtorch_{name}_ms"] = new JsonObject
            {
                ["median"] = Math.Round(median, 3),
                ["p90"] = Math.Round(Median(runs.Select(r => Number(r, "p90_ms"))), 3),
                ["mm_256x256x256"] = Math.Round(Median(runs.Select(r => Number(r, "mm256_ms"))), 3),
            };
            result[$"ratio_ours_vs_libtorch_{name}"] = Math.Round(median / ourMedian, 2);
        }

        var first = torch[1][0];
        result["libtorch"] = $"{first.GetValueOrDefault("torch", "?")}, BLAS {first.GetValueOrDefault("blas", "?")}";
        result["goal"] = "ours/libtorch speed ≥ 1.0× (same thread count)";
        if (first.GetValueOrDefault("blas", "").Contains("/blas/", StringComparison.Ordinal))
        {
            result["warning"] = "libtorch ran on the reference BLAS (libblas3), ~20× slower than an optimised one: install one (sudo apt-get install -y libopenblas0-openmp) for a meaningful ratio";
        }

        return result;
    }

    /// <summary>One round of our update: warm up 1.5 s (tiered JIT settles), then time each update.</summary>
    private static (double Median, double P90, double Allocated) Ours(int iterations)
    {
        var rng = new Rng(1);
        var critic = Mlp.Create(Inputs, [256, 256], 1, rng);
        var adam = new Adam(critic.Parameters, new AdamOptions { LearningRate = 1e-4f });
        var xs = new float[Sets][];
        var ys = new float[Sets][];
        for (var s = 0; s < Sets; s++)
        {
            (xs[s], ys[s]) = (new float[Batch * Inputs], new float[Batch]);
            rng.FillNormal(xs[s], 0, 1);
            rng.FillNormal(ys[s], 0, 1);
        }

        var gradient = new float[Batch];
        var step = 0;
        void Update()
        {
            var set = step++ % Sets;
            adam.ZeroGrad();
            Losses.MeanSquaredError(critic.Forward(xs[set], Batch), ys[set], gradient);
            critic.Backward(gradient);
            adam.Step();
        }

        var warm = Stopwatch.StartNew();
        while (warm.Elapsed.TotalSeconds < 1.5)
        {
            Update();
        }

        var samples = new List<double>(iterations);
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < iterations; i++)
        {
            var start = Stopwatch.GetTimestamp();
            Update();
            samples.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
        }

        var allocated = (GC.GetAllocatedBytesForCurrentThread() - before) / (double)iterations;
        samples.Sort();
        return (Measure.Percentile(samples, 0.5), Measure.Percentile(samples, 0.9), allocated);
    }

    private static Dictionary<string, string> RunPeer(string path, int threads, int iterations)
    {
        var (code, output, error) = Run(path, [threads.ToString(CultureInfo.InvariantCulture), iterations.ToString(CultureInfo.InvariantCulture), "300"], null, TimeSpan.FromMinutes(5));
        if (code != 0)
        {
            throw new InvalidOperationException($"{path} exited with {code}: {error}");
        }

        return output.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => line.Split(' ', 2))
            .Where(parts => parts.Length == 2)
            .ToDictionary(parts => parts[0], parts => parts[1].Trim());
    }

    /// <summary>cmake-configures (once) and builds the peer into .artifacts/bench/td3_libtorch; says how to install what is missing.</summary>
    private static (string? Path, string Error) BuildPeer(string root)
    {
        var source = Path.Combine(root, "bench", "peers", "td3_libtorch");
        var build = Path.Combine(root, ".artifacts", "bench", "td3_libtorch");
        try
        {
            if (!File.Exists(Path.Combine(build, "CMakeCache.txt")))
            {
                Console.Error.WriteLine("building the libtorch peer (first run only, about a minute) ...");
                var (code, output, error) = Run("cmake", ["-S", source, "-B", build, "-DCMAKE_BUILD_TYPE=Release"], root, TimeSpan.FromMinutes(5));
                if (code != 0)
                {
                    if (Directory.Exists(build))
                    {
                        Directory.Delete(build, recursive: true); // configure again next time, once libtorch is there
                    }

                    var missing = (output + error).Contains("Torch", StringComparison.Ordinal)
                        ? "libtorch is not installed: run scripts/bootstrap --bench (apt: libtorch-dev libopenblas0-openmp)"
                        : $"cmake configure failed: {error}";
                    Console.Error.WriteLine(missing);
                    return (null, missing);
                }
            }

            var (buildCode, buildOutput, buildError) = Run("cmake", ["--build", build, "-j", "2"], root, TimeSpan.FromMinutes(10));
            return buildCode == 0 ? (Path.Combine(build, "td3_libtorch"), "") : (null, $"building the peer failed: {buildOutput}{buildError}");
        }
        catch (System.ComponentModel.Win32Exception)
        {
            const string Missing = "cmake is not installed: run scripts/bootstrap --bench";
            Console.Error.WriteLine(Missing);
            return (null, Missing);
        }
    }

    private static (int Code, string Output, string Error) Run(string file, IEnumerable<string> arguments, string? directory, TimeSpan timeout)
    {
        var info = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = directory ?? "" };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        using var process = Process.Start(info) ?? throw new InvalidOperationException($"could not start {file}");
        var error = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEndAsync();
        if (!process.WaitForExit(timeout))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{file} ran past {timeout}");
        }

        return (process.ExitCode, output.Result, error.Result);
    }

    private static double Number(Dictionary<string, string> values, string key) =>
        double.Parse(values[key], CultureInfo.InvariantCulture);

    private static double Median(IEnumerable<double> values)
    {
        var list = values.ToList();
        return Measure.Median(list);
    }
}
