using System.Reflection;
using System.Runtime.InteropServices;

namespace Robotics.Middleware.Dds.Interop;

/// <summary>
/// Finds libddsc (Debian's cyclonedds-dev installs libddsc.so; the runtime package alone has only libddsc.so.0) and
/// our shim beside this assembly, and fails once with an error that says what to install instead of a
/// DllNotFoundException deep inside a call.
/// </summary>
internal static class NativeLibraries
{
    private static readonly Lazy<string?> _problem = new(Load);

    public static void EnsureLoaded()
    {
        if (_problem.Value is { } problem)
        {
            throw new DdsException(problem);
        }
    }

    private static string? Load()
    {
        var assembly = typeof(NativeLibraries).Assembly;
        NativeLibrary.SetDllImportResolver(assembly, Resolve);
        if (Resolve(Ddsc.Library, assembly, null) == 0)
        {
            return "Cyclone DDS (libddsc 0.10) is not installed: run scripts/bootstrap (apt package cyclonedds-dev)";
        }

        if (Resolve(RoboticsShim.Library, assembly, null) == 0)
        {
            return $"librobotics_dds.so was not found beside {Path.GetFileName(assembly.Location)}: build src/Middleware/Robotics.Middleware.Dds (it compiles native/dds with CMake; run scripts/bootstrap first)";
        }

        var abi = RoboticsShim.GetAbiVersion();
        return abi == RoboticsShim.AbiVersion ? null : $"librobotics_dds.so has ABI {abi}, this assembly needs {RoboticsShim.AbiVersion}: rebuild the solution";
    }

    private static nint Resolve(string name, Assembly assembly, DllImportSearchPath? searchPath)
    {
        string[] candidates = name switch
        {
            Ddsc.Library => ["ddsc", "libddsc.so.0debian", "libddsc.so.0"],
            RoboticsShim.Library => [Path.Combine(AppContext.BaseDirectory, "librobotics_dds.so"), Path.Combine(Path.GetDirectoryName(assembly.Location) ?? ".", "librobotics_dds.so"), "robotics_dds"],
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
