using System.Runtime.InteropServices;

namespace Robotics.Sim.MuJoCo.Interop;

/// <summary>libmujoco 2.2.2's C API, the part this edge calls directly (mujoco.h).</summary>
internal static partial class MuJoCoNative
{
    public const string Library = "mujoco";

    [LibraryImport(Library, EntryPoint = "mj_loadXML", StringMarshalling = StringMarshalling.Utf8)]
    public static unsafe partial nint LoadXml(string filename, nint vfs, byte* error, int errorSize);

    [LibraryImport(Library, EntryPoint = "mj_deleteModel")]
    public static partial void DeleteModel(nint model);

    [LibraryImport(Library, EntryPoint = "mj_makeData")]
    public static partial nint MakeData(nint model);

    [LibraryImport(Library, EntryPoint = "mj_deleteData")]
    public static partial void DeleteData(nint data);

    [LibraryImport(Library, EntryPoint = "mj_step")]
    public static partial void Step(nint model, nint data);

    [LibraryImport(Library, EntryPoint = "mj_forward")]
    public static partial void Forward(nint model, nint data);

    [LibraryImport(Library, EntryPoint = "mj_resetData")]
    public static partial void ResetData(nint model, nint data);

    [LibraryImport(Library, EntryPoint = "mj_resetDataKeyframe")]
    public static partial void ResetDataKeyframe(nint model, nint data, int key);

    [LibraryImport(Library, EntryPoint = "mj_name2id", StringMarshalling = StringMarshalling.Utf8)]
    public static partial int NameToId(nint model, int type, string name);

    [LibraryImport(Library, EntryPoint = "mj_id2name")]
    public static partial nint IdToName(nint model, int type, int id);

    [LibraryImport(Library, EntryPoint = "mj_version")]
    public static partial int Version();
}
