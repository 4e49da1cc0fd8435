using System.Reflection;
using System.Runtime.InteropServices;

namespace Robotics.Sim.MuJoCo.Interop;

/// <summary>
/// Finds libmujoco (Debian's libmujoco-dev installs libmujoco.so; the runtime package alone has libmujoco.so.2.2.2)
/// and our shim beside this assembly, checks that both are the MuJoCo the shim was compiled for, and fails once with
/// an error that says what to install instead of a DllNotFoundException deep inside a call.
/// </summary>
internal static class NativeLibraries
{
    private static readonly Lazy<string?> _problem = new(Load);

    public static void EnsureLoaded()
    {
        if (_problem.Value is { } problem)
        {
            throw new MuJoCoException(problem);
        }
    }

    private static unsafe string? Load()
    {
        var assembly = typeof(NativeLibraries).Assembly;
        NativeLibrary.SetDllImportResolver(assembly, Resolve);
        if (Resolve(MuJoCoNative.Library, assembly, null) == 0)
        {
            return "MuJoCo (libmujoco 2.2.2) is not installed: run scripts/bootstrap (apt package libmujoco-dev)";
        }

        if (Resolve(RoboticsMuJoCoShim.Library, assembly, null) == 0)
        {
            return $"librobotics_mujoco.so was not found beside {Path.GetFileName(assembly.Location)}: build sim/Robotics.Sim.MuJoCo (it compiles native/mujoco with CMake; run scripts/bootstrap first)";
        }

        // The shim reads fields through the headers it was compiled with; another libmujoco could lay them out differently.
        var (library, headers) = (MuJoCoNative.Version(), RoboticsMuJoCoShim.HeaderVersion());
        if (library != headers)
        {
            return $"libmujoco is version {library} but librobotics_mujoco.so was compiled against headers {headers}: rebuild sim/Robotics.Sim.MuJoCo";
        }

        RoboticsMuJoCoShim.SetWarningHandler(&OnWarning);
        return null;
    }

    // MuJoCo prints warnings to stdout and appends them to MUJOCO_LOG.TXT in the working directory; we keep them.
    [UnmanagedCallersOnly]
    private static unsafe void OnWarning(byte* message) => MuJoCoWarnings.Add(Marshal.PtrToStringUTF8((nint)message) ?? string.Empty);

    private static nint Resolve(string name, Assembly assembly, DllImportSearchPath? searchPath)
    {
        string[] candidates = name switch
        {
            MuJoCoNative.Library => ["libmujoco.so", "libmujoco.so.2.2.2"],
            RoboticsMuJoCoShim.Library => [Path.Combine(AppContext.BaseDirectory, "librobotics_mujoco.so"), Path.Combine(Path.GetDirectoryName(assembly.Location) ?? ".", "librobotics_mujoco.so")],
            _ => [],
        };
        foreach (var candidate in candidates)
        {
            if (NativeLibrary.TryLoad(candidate, assembly, searchPath, out var handle))
            {
                return handle;
            }
        }

        return 0;
    }
}
