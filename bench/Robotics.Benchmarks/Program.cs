using System.Text.Json;
using System.Text.Json.Nodes;
using Robotics.Benchmarks;

// bench: `dotnet run -c Release --project bench/Robotics.Benchmarks -- [pubsub|cdr|all] [--quick]`
// Prints JSON and writes it to .artifacts/bench/results.json. Ratios are against peers measured in the same run.
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

var text = results.ToJsonString(new JsonSerializerOptions { WriteIndented = true });
Console.WriteLine(text);
Directory.CreateDirectory(Path.Combine(root, ".artifacts", "bench"));
File.WriteAllText(Path.Combine(root, ".artifacts", "bench", "results.json"), text);
