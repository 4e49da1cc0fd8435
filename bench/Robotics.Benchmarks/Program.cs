using System.Text.Json;
using System.Text.Json.Nodes;
using Robotics.Benchmarks;

// bench: `dotnet run -c Release --project bench/Robotics.Benchmarks -- [pubsub|cdr|dds|safety|servo|sim|policy|train|all] [--quick]`
// Prints JSON and writes it to .artifacts/bench/results.json. Ratios are against peers measured in the same run.
// `dds-child ...` is the DDS benchmark's far side, started by the bench itself as a second process.
if (args is ["dds-child", .. var childArgs])
{
    return DdsBenchChild.Run(childArgs);
}

if (args is ["load-child"])
{
    return SafetyBenchmark.LoadChild();
}

var quick = args.Contains("--quick");
var which = args.FirstOrDefault(a => !a.StartsWith('-')) ?? "all";
var root = AppContext.BaseDirectory;
while (!File.Exists(Path.Combine(root, "Robotics.sln")))
{
    root = Path.GetDirectoryName(root.TrimEnd('/')) ?? throw new InvalidOperationException("Robotics.sln not found");
}

var results = new JsonObject
{
    ["machine"] = $"{Environment.ProcessorCount} cores, {System.Runtime.InteropServices.RuntimeInformation.OSDescription}, .NET {Environment.Version}",
};
if (which is "pubsub" or "all")
{
    Console.Error.WriteLine("measuring in-process pub/sub vs System.Threading.Channels ...");
    results["pubsub"] = PubSubBenchmark.Run(quick);
}

if (which is "cdr" or "all")
{
    Console.Error.WriteLine("measuring CDR vs @foxglove/rosmsg2-serialization ...");
    results["cdr"] = CdrBenchmark.Run(root, quick);
}

if (which is "dds" or "all")
{
    Console.Error.WriteLine("measuring the DDS transport between processes vs ddsperf (loopback only) ...");
    results["dds"] = DdsBenchmark.Run(root, quick);
}

if (which is "safety" or "all")
{
    Console.Error.WriteLine("measuring the safety supervisor tick and the control loop's period error (SAFETY.md T5, T6) ...");
    results["safety"] = SafetyBenchmark.Run(quick);
}

if (which is "servo" or "all")
{
    Console.Error.WriteLine("measuring a 6-servo sync read + sync write cycle (pty, in memory, 1 Mbps wire) ...");
    results["servo"] = ServoBenchmark.Run(quick);
}

if (which is "sim" or "all")
{
    Console.Error.WriteLine("measuring MuJoCo stepping from C# vs a C loop on the same models ...");
    results["sim"] = SimBenchmark.Run(root, quick);
}

if (which is "policy" or "all")
{
    Console.Error.WriteLine("measuring the policy node's tick vs a bare InferenceSession.Run on the same model, and batched throughput ...");
    results["policy"] = PolicyBenchmark.Run(quick);
}

if (which is "train" or "all")
{
    Console.Error.WriteLine("measuring a TD3-sized critic update (C# training core) vs libtorch 1.13 CPU ...");
    results["train"] = TrainBenchmark.Run(root, quick);
}

// Relaxed escaping keeps XML, quotes and µ readable in the report (it is a file, never embedded in HTML).
var text = results.ToJsonString(new JsonSerializerOptions { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
Console.WriteLine(text);
Directory.CreateDirectory(Path.Combine(root, ".artifacts", "bench"));
File.WriteAllText(Path.Combine(root, ".artifacts", "bench", "results.json"), text);
return 0;
