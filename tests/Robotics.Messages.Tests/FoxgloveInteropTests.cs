using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Robotics.Messages.Cdr;
using Robotics.Messages.Dynamic;

namespace Robotics.Messages.Tests;

/// <summary>
/// Byte compatibility with an independent CDR implementation, npm @foxglove/rosmsg2-serialization (installed by
/// scripts/bootstrap): it decodes what we encode, and we decode what it encodes, from our ros2msg schema text.
/// </summary>
public class FoxgloveInteropTests
{
    private const int CasesPerType = 15;

    private static readonly string[] _types =
    [
        "sensor_msgs/msg/JointState", "sensor_msgs/msg/Image", "sensor_msgs/msg/Imu", "trajectory_msgs/msg/JointTrajectory",
        "diagnostic_msgs/msg/DiagnosticArray", "robotics_msgs/msg/InteropProbe", "sensor_msgs/msg/CameraInfo",
        "control_msgs/action/FollowJointTrajectory_Goal", "rcl_interfaces/msg/ParameterEvent", "std_msgs/msg/Empty",
    ];

    [Fact]
    public void Foxglove_DecodesWhatWeEncode()
    {
        var random = new Random(42);
        var cases = new List<(string Id, DynamicMessage Value)>();
        foreach (var name in _types)
        {
            var type = MessageRegistry.Get(name);
            for (var i = 0; i < CasesPerType; i++)
            {
                cases.Add(($"{name}#{i}", RandomMessages.Create(type, random)));
            }
        }

        var results = RunPeer(cases.Select(c => (JsonNode)new JsonObject
        {
            ["id"] = c.Id,
            ["mode"] = "decode",
            ["type"] = c.Value.Type.Name,
            ["schema"] = c.Value.Type.Ros2MsgSchema,
            ["hex"] = Convert.ToHexString(CdrSerializer.Serialize(CdrSerializer.Deserialize(c.Value.Type, DynamicCdr.Encode(c.Value)))),
        }));
        foreach (var (id, value) in cases)
        {
            var result = results[id];
            Assert.True(result["ok"]!.GetValue<bool>(), $"{id}: {result["error"]}");
            AssertJsonEqual(ToPeerJson(PlainValues.ToPlain(value)), result["value"], id);
        }
    }

    [Fact]
    public void WeDecodeWhatFoxgloveEncodes()
    {
        var random = new Random(43);
        var cases = new List<(string Id, DynamicMessage Value)>();
        foreach (var name in _types)
        {
            var type = MessageRegistry.Get(name);
            for (var i = 0; i < CasesPerType; i++)
            {
                // foxglove 3.1.0 writes string lengths in UTF-16 units, so its encoder only gets ASCII text.
                cases.Add(($"{name}#{i}", RandomMessages.Create(type, random, asciiOnly: true)));
            }
        }

        var results = RunPeer(cases.Select(c => (JsonNode)new JsonObject
        {
            ["id"] = c.Id,
            ["mode"] = "encode",
            ["type"] = c.Value.Type.Name,
            ["schema"] = c.Value.Type.Ros2MsgSchema,
            ["value"] = ToPeerJson(PlainValues.ToPlain(c.Value)),
        }));
        foreach (var (id, value) in cases)
        {
            var result = results[id];
            Assert.True(result["ok"]!.GetValue<bool>(), $"{id}: {result["error"]}");
            var theirs = CdrSerializer.Deserialize(value.Type, Convert.FromHexString(result["hex"]!.GetValue<string>()));
            var ours = CdrSerializer.Deserialize(value.Type, DynamicCdr.Encode(value));
            Assert.Equal(ours, theirs);
        }
    }

    [Fact]
    public void Foxglove_EncodesTheReferenceJointStateToTheSame88Bytes()
    {
        var message = CdrVectorTests.SampleJointState();
        var type = message.MessageType;
        var value = ToPeerJson(PlainValues.ToPlain(DynamicCdr.Decode(type, CdrSerializer.Serialize(message))));
        var results = RunPeer([new JsonObject { ["id"] = "js", ["mode"] = "encode", ["type"] = type.Name, ["schema"] = type.Ros2MsgSchema, ["value"] = value }]);
        Assert.Equal(Convert.ToHexString(CdrSerializer.Serialize(message)), results["js"]["hex"]!.GetValue<string>().ToUpperInvariant());
    }

    /// <summary>The peer's JSON mapping (tests/interop/cdr-peer.mjs): 64-bit integers and special floats as strings.</summary>
    private static JsonNode? ToPeerJson(object? value) => value switch
    {
        null => null,
        OrderedPlainMap map => new JsonObject(map.Select(p => new KeyValuePair<string, JsonNode?>(p.Key, ToPeerJson(p.Value)))),
        List<object?> list => new JsonArray([.. list.Select(ToPeerJson)]),
        long or ulong => JsonValue.Create(Convert.ToString(value, CultureInfo.InvariantCulture)),
        double d => Special(d) is { } s ? JsonValue.Create(s) : JsonValue.Create(d),
        float f => Special(f) is { } s ? JsonValue.Create(s) : JsonValue.Create((double)f),
        bool b => JsonValue.Create(b),
        string s => JsonValue.Create(s),
        _ => JsonValue.Create(Convert.ToDouble(value, CultureInfo.InvariantCulture)),
    };

    private static string? Special(double d) =>
        double.IsNaN(d) ? "NaN" : double.IsPositiveInfinity(d) ? "Infinity" : double.IsNegativeInfinity(d) ? "-Infinity" : d == 0 && double.IsNegative(d) ? "-0" : null;

    private static void AssertJsonEqual(JsonNode? expected, JsonNode? actual, string path)
    {
        switch (expected)
        {
            case JsonObject obj:
                var other = Assert.IsType<JsonObject>(actual);
                Assert.Equal(obj.Select(p => p.Key), other.Select(p => p.Key));
                foreach (var (key, child) in obj)
                {
                    AssertJsonEqual(child, other[key], path + "." + key);
                }

                break;
            case JsonArray array:
                var otherArray = Assert.IsType<JsonArray>(actual);
                Assert.True(array.Count == otherArray.Count, $"{path}: {array.Count} elements expected, peer has {otherArray.Count}");
                for (var i = 0; i < array.Count; i++)
                {
                    AssertJsonEqual(array[i], otherArray[i], $"{path}[{i}]");
                }

                break;
            default:
                var e = expected!.AsValue();
                var a = actual!.AsValue();
                if (e.TryGetValue<double>(out var number))
                {
                    Assert.True(a.TryGetValue<double>(out var theirs) && theirs.Equals(number), $"{path}: expected {number}, peer decoded {a}");
                }
                else
                {
                    Assert.True(e.ToJsonString() == a.ToJsonString(), $"{path}: expected {e.ToJsonString()}, peer decoded {a.ToJsonString()}");
                }

                break;
        }
    }

    private static Dictionary<string, JsonNode> RunPeer(IEnumerable<JsonNode> cases)
    {
        var root = Repository.Root;
        var peer = Path.Combine(root, "tests", "interop", "cdr-peer.mjs");
        Assert.True(Directory.Exists(Path.Combine(root, "node_modules", "@foxglove", "rosmsg2-serialization")), "npm peer missing: run scripts/bootstrap");
        var info = new ProcessStartInfo("node", [peer]) { RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = root };
        using var process = Process.Start(info)!;
        var stderr = process.StandardError.ReadToEndAsync();
        process.StandardInput.Write(new JsonObject { ["cases"] = new JsonArray([.. cases]) }.ToJsonString());
        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, $"peer failed: {stderr.Result}");
        return JsonNode.Parse(output)!["results"]!.AsArray().ToDictionary(r => r!["id"]!.GetValue<string>(), r => r!);
    }
}
