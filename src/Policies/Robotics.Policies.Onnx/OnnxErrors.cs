using Robotics.Policies.Inference;

using Microsoft.ML.OnnxRuntime;

namespace Robotics.Policies.Onnx;

/// <summary>
/// Where ONNX Runtime's exceptions become ours (ARCHITECTURE.md: errors translated at exactly one place): a model
/// that will not load is a <see cref="PolicyLoadException"/> naming the file; a failed run is a
/// <see cref="PolicyRunException"/> (the node turns it into an event, nothing moves).
/// </summary>
internal static class OnnxErrors
{
    public static T Guard<T>(string modelPath, Func<T> load)
    {
        try
        {
            return load();
        }
        catch (OnnxRuntimeException e)
        {
            throw new PolicyLoadException($"{modelPath} is not a model ONNX Runtime can load: {e.Message.Split('\n', 2)[0]}", e);
        }
    }

    /// <summary>The exception a failed run becomes (callers catch <see cref="OnnxRuntimeException"/> themselves so a
    /// run needs no closure).</summary>
    public static PolicyRunException RunFailed(string modelPath, OnnxRuntimeException e) =>
        new($"{Path.GetFileName(modelPath)} failed to run: {e.Message.Split('\n', 2)[0]}", e);
}
