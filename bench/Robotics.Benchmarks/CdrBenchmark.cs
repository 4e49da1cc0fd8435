using System.Diagnostics;
using System.Text.Json.Nodes;
using Robotics.Messages.Cdr;
using Robotics.Messages.SensorMsgs;
using Robotics.Messages.StdMsgs;

namespace Robotics.Benchmarks;

/// <summary>
/// CDR serialize/deserialize of JointState (6 joints) and a 640×480 rgb8 Image, against npm
/// @foxglove/rosmsg2-serialization run by bench/js/cdr-bench.mjs on the same machine in the same run.
/// Serialize writes into a reused buffer (what the DDS transport does); foxglove's includes its own allocation.
/// </summary>
internal static class CdrBenchmark
{
    public static JsonObject Run(string root, bool quick)
    {
        var seconds = quick ? 0.3 : 1.5;
        var joints = new JointState
        {
            Header = new Header { Stamp = new Messages.BuiltinInterfaces.Time { Sec = 1, Nanosec = 2 }, FrameId = "base" },
            Name = ["joint_1", "joint_2", "joint_3", "joint_4", "joint_5", "joint_6"],
            Position = [0.1, 0.2, 0.3, 0.4, 0.5, 0.6],
            Velocity = [1, 2, 3, 4, 5, 6],
            Effort = [0.01, 0.02, 0.03, 0.04, 0.05, 0.06],
        };
        var image = new Image { Header = joints.Header, Height = 480, Width = 640, Encoding = "rgb8", Step = 1920, Data = new byte[640 * 480 * 3] };
        Random.Shared.NextBytes(image.Data);

        var ours = new JsonObject();
        Add(ours, "jointstate6", joints, seconds);
        Add(ours, "image640x480", image, seconds);

        // The floor for serializing an image: copying its pixels once. Serialize cannot beat this, whatever the peer does.
        var pixels = new byte[image.Data.Length + 64];
        var (copyNs, _) = Measure.PerOp(() => image.Data.CopyTo(pixels, 0), seconds);
        ours["image640x480.pixel_copy_floor"] = new JsonObject { ["ns_per_op"] = Math.Round(copyNs, 1), ["size"] = image.Data.Length };

        var peer = RunPeer(root, quick);
        var result = new JsonObject { ["ours"] = ours, ["peer"] = peer };
        if (peer?["cases"] is JsonObject cases)
        {
            var ratios = new JsonObject();
            foreach (var (name, value) in ours)
            {
                var theirs = cases[name]?["ns_per_op"]?.GetValue<double>();
                if (theirs is { } t)
                {
                    ratios[name] = Math.Round(t / value!["ns_per_op"]!.GetValue<double>(), 1);
                }
            }

            result["speedup_vs_foxglove"] = ratios;
        }

        return result;
    }

    private static void Add<T>(JsonObject results, string name, T message, double seconds)
        where T : class, Messages.IRosMessage<T>
    {
        var buffer = new byte[CdrSerializer.GetSerializedSize(message)];
        var (serNs, serBytes) = Measure.PerOp(() => CdrSerializer.Serialize(message, buffer), seconds);
        var (deNs, deBytes) = Measure.PerOp(() => CdrSerializer.Deserialize<T>(buffer), seconds);
        results[name + ".serialize"] = new JsonObject { ["ns_per_op"] = Math.Round(serNs, 1), ["bytes_allocated"] = Math.Round(serBytes), ["size"] = buffer.Length };
        results[name + ".deserialize"] = new JsonObject { ["ns_per_op"] = Math.Round(deNs, 1), ["bytes_allocated"] = Math.Round(deBytes), ["size"] = buffer.Length };
    }

    private static JsonNode? RunPeer(string root, bool quick)
    {
        var info = new ProcessStartInfo("node") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = root };
        info.ArgumentList.Add(Path.Combine(root, "bench", "js", "cdr-bench.mjs"));
        if (quick)
        {
            info.ArgumentList.Add("--quick");
        }

        try
        {
            using var process = Process.Start(info)!;
            var output = process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            return process.ExitCode == 0 ? JsonNode.Parse(output) : new JsonObject { ["error"] = process.StandardError.ReadToEnd() };
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            return new JsonObject { ["error"] = "node not found (run scripts/bootstrap): " + e.Message };
        }
    }
}
