using Robotics.Policies.Inference;

using Microsoft.ML.OnnxRuntime;

namespace Robotics.Policies.Onnx;

/// <summary>
/// Opens <see cref="InferenceSession"/>s on the chosen execution provider. The npm core is a CPU build: CUDA comes in
/// as a plugin execution-provider library (<see cref="CudaPlugin"/>), TensorRT only with a GPU build of the core.
/// Loading a provider loads its CUDA dependencies, so a machine without them fails right there, which is how
/// <see cref="ExecutionProvider.Auto"/> finds out and falls back to CPU.
/// </summary>
public static class OnnxSessions
{
    /// <summary>Opens <paramref name="modelPath"/>; an explicit GPU provider that cannot load is an error that says why.</summary>
    public static (InferenceSession Session, ProviderChoice Choice) Open(string modelPath, ExecutionProvider provider, int deviceId = 0, int intraOpThreads = 1)
    {
        if (!File.Exists(modelPath))
        {
            throw new FileNotFoundException($"policy model {modelPath} does not exist", modelPath);
        }

        var attempts = provider switch
        {
            ExecutionProvider.Auto => new[] { ExecutionProvider.TensorRt, ExecutionProvider.Cuda, ExecutionProvider.Cpu },
            _ => [provider],
        };
        var failures = new List<string>();
        foreach (var attempt in attempts)
        {
            var options = new SessionOptions
            {
                // One control loop per process: a single intra-op thread keeps latency steady on small models
                // and leaves the other core to the control loop (2-core machines); raise it for big models.
                IntraOpNumThreads = intraOpThreads,
                InterOpNumThreads = 1,
                GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL,
                ExecutionMode = ExecutionMode.ORT_SEQUENTIAL,
            };
            try
            {
                Append(options, attempt, deviceId);
                var session = OnnxErrors.Guard(modelPath, () => new InferenceSession(modelPath, options));
                var reason = failures.Count == 0 ? $"{attempt.Name()} as asked" : $"{attempt.Name()}: {string.Join("; ", failures)}";
                return (session, new ProviderChoice(attempt, reason));
            }
            catch (Exception e) when (provider == ExecutionProvider.Auto && attempt != ExecutionProvider.Cpu && e is OnnxRuntimeException or PolicyLoadException)
            {
                failures.Add($"{attempt.Name()} unavailable ({FirstLine(e.Message)})");
            }
            catch (Exception e) when (attempt != ExecutionProvider.Cpu && e is OnnxRuntimeException or PolicyLoadException)
            {
                throw new PolicyLoadException($"execution_provider {attempt.Name()} could not be loaded: {FirstLine(e.Message)}. Install the CUDA 13 runtime (and TensorRT for tensorrt) and put it on LD_LIBRARY_PATH, or use execution_provider:=auto or cpu.", e);
            }
            finally
            {
                options.Dispose();
            }
        }

        throw new InvalidOperationException("unreachable: CPU is always the last attempt");
    }

    /// <summary>Provider names this ONNX Runtime build was compiled with (not whether their libraries load).</summary>
    public static IReadOnlyList<string> Compiled() => OrtEnv.Instance().GetAvailableProviders();

    private static void Append(SessionOptions options, ExecutionProvider provider, int deviceId)
    {
        switch (provider)
        {
            case ExecutionProvider.Cuda:
                options.AppendExecutionProvider(OrtEnv.Instance(), [CudaPlugin.Device(deviceId)], new Dictionary<string, string>());
                break;
            case ExecutionProvider.TensorRt:
                // TensorRT ships only as a classic provider (no plugin entry point); a CPU-only core refuses it
                // ("not enabled in this build"), a GPU build of ONNX Runtime (NuGet Microsoft.ML.OnnxRuntime.Gpu) takes it.
                using (var trt = new OrtTensorRTProviderOptions())
                {
                    trt.UpdateOptions(new Dictionary<string, string> { ["device_id"] = deviceId.ToString(System.Globalization.CultureInfo.InvariantCulture) });
                    options.AppendExecutionProvider_Tensorrt(trt);
                }

                break;
            case ExecutionProvider.Cpu:
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(provider), provider, "resolve auto before appending");
        }
    }

    private static string FirstLine(string message) => message.Split('\n', 2)[0].Trim();
}
