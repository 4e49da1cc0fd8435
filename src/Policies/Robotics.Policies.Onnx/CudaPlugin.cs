using Microsoft.ML.OnnxRuntime;
using Robotics.Policies.Inference;

namespace Robotics.Policies.Onnx;

/// <summary>
/// The CUDA execution provider as a plugin library (ONNX Runtime ≥ 1.22's RegisterExecutionProviderLibrary /
/// GetEpDevices API): libonnxruntime_providers_cuda.so from the npm GPU package, linked beside libonnxruntime.so by
/// the build. Registered once per process; a failure (library absent, CUDA 13 or the driver missing) is remembered
/// and reported the same way each time.
/// </summary>
internal static class CudaPlugin
{
    public const string LibraryName = "libonnxruntime_providers_cuda.so";
    private const string EpName = "CUDAExecutionProvider";
    private static readonly Lazy<string?> _registration = new(Register);

    /// <summary>The CUDA device <paramref name="deviceId"/> as ONNX Runtime lists it; throws when CUDA cannot be used.</summary>
    public static OrtEpDevice Device(int deviceId)
    {
        if (_registration.Value is { } failure)
        {
            throw new PolicyLoadException(failure);
        }

        var devices = OrtEnv.Instance().GetEpDevices().Where(d => d.EpName == EpName).ToList();
        return deviceId < devices.Count
            ? devices[deviceId]
            : throw new PolicyLoadException($"CUDA device {deviceId} not found: ONNX Runtime sees {devices.Count} CUDA device(s)");
    }

    private static string? Register()
    {
        var path = Path.Combine(AppContext.BaseDirectory, LibraryName);
        if (!File.Exists(path))
        {
            return $"{LibraryName} is not beside the binaries: run scripts/bootstrap (it installs the npm package com.github.asus4.onnxruntime.linux-x64-gpu)";
        }

        try
        {
            OrtEnv.Instance().RegisterExecutionProviderLibrary("cuda", path);
            return null;
        }
        catch (OnnxRuntimeException e)
        {
            return $"{LibraryName} did not load ({e.Message.Split('\n', 2)[0].Trim()}); it needs CUDA 13 (libcudart.so.13, libcublas.so.13, libcublasLt.so.13, libcurand.so.10), cuDNN 9 and an NVIDIA driver (libcuda.so.1)";
        }
    }
}
