using System.Runtime.InteropServices;

namespace Robotics.Sim.MuJoCo.Interop;

/// <summary>librobotics_mujoco.so (native/mujoco): mjModel/mjData fields by name, from the installed headers.</summary>
internal static partial class RoboticsMuJoCoShim
{
    public const string Library = "robotics_mujoco";

    [LibraryImport(Library, EntryPoint = "rmj_header_version")]
    public static partial int HeaderVersion();

    [LibraryImport(Library, EntryPoint = "rmj_model_int", StringMarshalling = StringMarshalling.Utf8)]
    public static partial int ModelInt(nint model, string name, out int value);

    [LibraryImport(Library, EntryPoint = "rmj_model_array", StringMarshalling = StringMarshalling.Utf8)]
    public static partial nint ModelArray(nint model, string name, out FieldType type, out int rows, out int cols);

    [LibraryImport(Library, EntryPoint = "rmj_data_array", StringMarshalling = StringMarshalling.Utf8)]
    public static partial nint DataArray(nint model, nint data, string name, out FieldType type, out int rows, out int cols);

    [LibraryImport(Library, EntryPoint = "rmj_data_scalar", StringMarshalling = StringMarshalling.Utf8)]
    public static partial nint DataScalar(nint data, string name, out FieldType type);

    [LibraryImport(Library, EntryPoint = "rmj_option", StringMarshalling = StringMarshalling.Utf8)]
    public static partial nint Option(nint model, string name, out FieldType type, out int length);

    [LibraryImport(Library, EntryPoint = "rmj_contact")]
    public static unsafe partial int Contact(nint data, int index, out int geom1, out int geom2, out double dist, double* position);

    [LibraryImport(Library, EntryPoint = "rmj_warning_count")]
    public static partial int WarningCount(nint data, int warning);

    [LibraryImport(Library, EntryPoint = "rmj_step_n")]
    public static partial void StepN(nint model, nint data, int steps);

    [LibraryImport(Library, EntryPoint = "rmj_set_warning_handler")]
    public static unsafe partial void SetWarningHandler(delegate* unmanaged<byte*, void> handler);

    [LibraryImport(Library, EntryPoint = "rmj_renderer_create")]
    public static unsafe partial nint RendererCreate(nint model, int width, int height, byte* error, int errorSize);

    // The SafeHandle parameter holds a reference for the call, so a concurrent Dispose cannot free the renderer under it.
    [LibraryImport(Library, EntryPoint = "rmj_renderer_render")]
    public static unsafe partial int RendererRender(RendererHandle renderer, nint data, int camera, byte* rgb, byte* error, int errorSize);

    [LibraryImport(Library, EntryPoint = "rmj_renderer_destroy")]
    public static partial void RendererDestroy(nint renderer);
}

/// <summary>Element type of a field (enum rmj_type in robotics_mujoco.h).</summary>
internal enum FieldType
{
    None = 0,
    Double = 1,
    Int = 2,
    Float = 3,
    Byte = 4,
    Char = 5,
    Other = 6,
}
