using System.ComponentModel;
using System.Diagnostics;
using System.Text.Json.Nodes;

namespace Robotics.Policies.Tests.Text;

/// <summary>
/// Runs Text/oracle.mjs: npm @huggingface/tokenizers (an independent implementation of tokenizer.json) and Node's
/// ICU normalization. Missing node or package fails the test with what to run; it never skips.
/// </summary>
public static class NodeOracle
{
    private const string Package = "@huggingface/tokenizers";

    /// <summary>Sends one request and returns the parsed reply.</summary>
    public static JsonNode Run(JsonObject request)
    {
        var root = TestPaths.Root;
        Assert.True(Directory.Exists(Path.Combine(root, "node_modules", "@huggingface", "tokenizers")),
            $"npm package {Package} missing from {root}/node_modules: run scripts/bootstrap");
        var script = Path.Combine(root, "tests", "Robotics.Policies.Tests", "Text", "oracle.mjs");
        var info = new ProcessStartInfo("node", [script])
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = root,
            StandardInputEncoding = new System.Text.UTF8Encoding(false),
            StandardOutputEncoding = System.Text.Encoding.UTF8,
        };
        Process process;
        try
        {
            process = Process.Start(info)!;
        }
        catch (Win32Exception e)
        {
            Assert.Fail($"node is not installed ({e.Message}): run scripts/bootstrap");
            throw;
        }

        using (process)
        {
            var stderr = process.StandardError.ReadToEndAsync();
            process.StandardInput.Write(request.ToJsonString());
            process.StandardInput.Close();
            var output = process.StandardOutput.ReadToEnd();
            Assert.True(process.WaitForExit(60_000), "the oracle did not finish within 60 s");
            Assert.True(process.ExitCode == 0, $"the oracle failed: {stderr.Result}");
            return JsonNode.Parse(output)!;
        }
    }
}
