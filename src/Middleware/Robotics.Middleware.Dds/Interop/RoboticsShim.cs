using System.Runtime.InteropServices;

namespace Robotics.Middleware.Dds.Interop;

/// <summary>native/dds/robotics_dds.h: the raw-CDR sertype that lets C# own all (de)serialization (ROS2_WIRE.md).</summary>
internal static unsafe partial class RoboticsShim
{
    public const string Library = "robotics_dds";

    /// <summary>The shim ABI this assembly was written against.</summary>
    public const uint AbiVersion = 1;

    [LibraryImport(Library, EntryPoint = "rdds_abi_version")]
    public static partial uint GetAbiVersion();

    [LibraryImport(Library, EntryPoint = "rdds_create_topic", StringMarshalling = StringMarshalling.Utf8)]
    public static partial int CreateTopic(int participant, string topicName, string typeName, nint qos);

    [LibraryImport(Library, EntryPoint = "rdds_take")]
    public static partial int Take(int reader, ShimSample* samples, uint max);

    [LibraryImport(Library, EntryPoint = "rdds_release")]
    public static partial void Release(nint serdata);
}
