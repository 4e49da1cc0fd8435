using System.Runtime.InteropServices;

namespace Robotics.Middleware.Dds.Interop;

/// <summary><c>dds_guid_t</c>: the 16-byte DDS GUID (12-byte participant prefix + 4-byte entity id).</summary>
[StructLayout(LayoutKind.Sequential)]
internal unsafe struct DdsGuid
{
    public fixed byte Bytes[16];

    public readonly Guid ToGuid()
    {
        fixed (byte* bytes = Bytes)
        {
            // Big-endian keeps the wire byte order when the Guid is printed or compared as text.
            return new Guid(new ReadOnlySpan<byte>(bytes, 16), bigEndian: true);
        }
    }
}

/// <summary><c>dds_publication_matched_status_t</c> / <c>dds_subscription_matched_status_t</c> (same layout, 24 bytes).</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct MatchedStatus
{
    public uint TotalCount;
    public int TotalCountChange;
    public uint CurrentCount;
    public int CurrentCountChange;
    public ulong LastHandle;
}

/// <summary><c>dds_sample_info_t</c> (64 bytes on x86-64/arm64; checked against the headers by the shim's self-test build).</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct SampleInfo
{
    public uint SampleState;
    public uint ViewState;
    public uint InstanceState;
    [MarshalAs(UnmanagedType.U1)]
    public bool ValidData;
    public long SourceTimestamp;
    public ulong InstanceHandle;
    public ulong PublicationHandle;
    public uint DisposedGenerationCount;
    public uint NoWritersGenerationCount;
    public uint SampleRank;
    public uint GenerationRank;
    public uint AbsoluteGenerationRank;
}

/// <summary><c>dds_builtintopic_endpoint_t</c>: one publication or subscription seen by discovery.</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct BuiltinEndpoint
{
    public DdsGuid Key;
    public DdsGuid ParticipantKey;
    public ulong ParticipantInstanceHandle;
    public nint TopicName;
    public nint TypeName;
    public nint Qos;
}

/// <summary><c>rdds_raw_t</c> (native/dds): a whole CDR message, the sample type of our raw-CDR topics.</summary>
[StructLayout(LayoutKind.Sequential)]
internal unsafe struct RawSample
{
    public byte* Data;
    public uint Size;
}

/// <summary><c>rdds_sample_t</c> (native/dds): one taken sample, valid until released.</summary>
[StructLayout(LayoutKind.Sequential)]
internal unsafe struct ShimSample
{
    public nint Serdata;
    public byte* Data;
    public uint Size;
    public uint Flags;
    public long SourceTimestamp;
    public ulong PublicationHandle;
}
