using System.Runtime.InteropServices;

namespace Robotics.Middleware.Dds.Interop;

/// <summary>
/// The parts of Cyclone DDS 0.10's C API (dds/dds.h) this transport uses. Entities are <c>int</c> handles; negative
/// return values are <c>DDS_RETCODE_*</c> errors, turned into exceptions by <see cref="DdsResult"/> only.
/// </summary>
internal static unsafe partial class Ddsc
{
    public const string Library = "ddsc";

    // dds.h: DDS_MIN_PSEUDO_HANDLE (0x7fff0000) + 1/3/4.
    public const int BuiltinParticipantTopic = 0x7fff0001;
    public const int BuiltinPublicationTopic = 0x7fff0003;
    public const int BuiltinSubscriptionTopic = 0x7fff0004;

    public const uint DataAvailableStatus = 1u << 8;
    public const uint InstanceAlive = 16; // DDS_IST_ALIVE
    public const long Infinity = long.MaxValue;

    [LibraryImport(Library, EntryPoint = "dds_create_domain", StringMarshalling = StringMarshalling.Utf8)]
    public static partial int CreateDomain(uint domain, string? config);

    [LibraryImport(Library, EntryPoint = "dds_create_participant")]
    public static partial int CreateParticipant(uint domain, nint qos, nint listener);

    [LibraryImport(Library, EntryPoint = "dds_create_publisher")]
    public static partial int CreatePublisher(int participant, nint qos, nint listener);

    [LibraryImport(Library, EntryPoint = "dds_create_subscriber")]
    public static partial int CreateSubscriber(int participant, nint qos, nint listener);

    [LibraryImport(Library, EntryPoint = "dds_create_writer")]
    public static partial int CreateWriter(int publisher, int topic, nint qos, nint listener);

    [LibraryImport(Library, EntryPoint = "dds_create_reader")]
    public static partial int CreateReader(int subscriber, int topic, nint qos, nint listener);

    [LibraryImport(Library, EntryPoint = "dds_delete")]
    public static partial int Delete(int entity);

    [LibraryImport(Library, EntryPoint = "dds_strretcode")]
    public static partial nint StrRetCode(int code);

    [LibraryImport(Library, EntryPoint = "dds_get_guid")]
    public static partial int GetGuid(int entity, out DdsGuid guid);

    [LibraryImport(Library, EntryPoint = "dds_write")]
    public static partial int Write(int writer, void* sample);

    [LibraryImport(Library, EntryPoint = "dds_write_set_batch")]
    public static partial void WriteSetBatch([MarshalAs(UnmanagedType.U1)] bool enable);

    [LibraryImport(Library, EntryPoint = "dds_write_flush")]
    public static partial int WriteFlush(int writer);

    [LibraryImport(Library, EntryPoint = "dds_get_publication_matched_status")]
    public static partial int GetPublicationMatchedStatus(int writer, out MatchedStatus status);

    [LibraryImport(Library, EntryPoint = "dds_get_subscription_matched_status")]
    public static partial int GetSubscriptionMatchedStatus(int reader, out MatchedStatus status);

    [LibraryImport(Library, EntryPoint = "dds_get_matched_publication_data")]
    public static partial BuiltinEndpoint* GetMatchedPublicationData(int reader, ulong publicationHandle);

    [LibraryImport(Library, EntryPoint = "dds_builtintopic_free_endpoint")]
    public static partial void FreeEndpoint(BuiltinEndpoint* endpoint);

    [LibraryImport(Library, EntryPoint = "dds_take")]
    public static partial int Take(int reader, void** buffer, SampleInfo* infos, nuint bufferSize, uint maxSamples);

    [LibraryImport(Library, EntryPoint = "dds_return_loan")]
    public static partial int ReturnLoan(int reader, void** buffer, int count);

    // Listeners: callbacks run on Cyclone's threads (or the writer's, for local delivery).
    [LibraryImport(Library, EntryPoint = "dds_create_listener")]
    public static partial nint CreateListener(nint argument);

    [LibraryImport(Library, EntryPoint = "dds_delete_listener")]
    public static partial void DeleteListener(nint listener);

    [LibraryImport(Library, EntryPoint = "dds_lset_data_available")]
    public static partial void SetDataAvailable(nint listener, delegate* unmanaged<int, nint, void> callback);

    // QoS.
    [LibraryImport(Library, EntryPoint = "dds_create_qos")]
    public static partial nint CreateQos();

    [LibraryImport(Library, EntryPoint = "dds_delete_qos")]
    public static partial void DeleteQos(nint qos);

    [LibraryImport(Library, EntryPoint = "dds_qset_reliability")]
    public static partial void SetReliability(nint qos, int kind, long maxBlockingTime);

    [LibraryImport(Library, EntryPoint = "dds_qset_durability")]
    public static partial void SetDurability(nint qos, int kind);

    [LibraryImport(Library, EntryPoint = "dds_qset_history")]
    public static partial void SetHistory(nint qos, int kind, int depth);

    [LibraryImport(Library, EntryPoint = "dds_qset_resource_limits")]
    public static partial void SetResourceLimits(nint qos, int maxSamples, int maxInstances, int maxSamplesPerInstance);

    [LibraryImport(Library, EntryPoint = "dds_qset_deadline")]
    public static partial void SetDeadline(nint qos, long deadline);

    [LibraryImport(Library, EntryPoint = "dds_qset_lifespan")]
    public static partial void SetLifespan(nint qos, long lifespan);

    [LibraryImport(Library, EntryPoint = "dds_qset_liveliness")]
    public static partial void SetLiveliness(nint qos, int kind, long leaseDuration);

    [LibraryImport(Library, EntryPoint = "dds_qset_writer_data_lifecycle")]
    public static partial void SetWriterDataLifecycle(nint qos, [MarshalAs(UnmanagedType.U1)] bool autodispose);

    [LibraryImport(Library, EntryPoint = "dds_qset_durability_service")]
    public static partial void SetDurabilityService(nint qos, long cleanupDelay, int historyKind, int historyDepth, int maxSamples, int maxInstances, int maxSamplesPerInstance);

    [LibraryImport(Library, EntryPoint = "dds_qset_userdata")]
    public static partial void SetUserData(nint qos, byte* value, nuint size);

    /// <summary>kind: 0 none, 1 same participant, 2 same process (DDS_IGNORELOCAL_*).</summary>
    [LibraryImport(Library, EntryPoint = "dds_qset_ignorelocal")]
    public static partial void SetIgnoreLocal(nint qos, int kind);

    [LibraryImport(Library, EntryPoint = "dds_qget_reliability")]
    [return: MarshalAs(UnmanagedType.U1)]
    public static partial bool GetReliability(nint qos, out int kind, out long maxBlockingTime);

    [LibraryImport(Library, EntryPoint = "dds_qget_durability")]
    [return: MarshalAs(UnmanagedType.U1)]
    public static partial bool GetDurability(nint qos, out int kind);

    [LibraryImport(Library, EntryPoint = "dds_qget_history")]
    [return: MarshalAs(UnmanagedType.U1)]
    public static partial bool GetHistory(nint qos, out int kind, out int depth);

    [LibraryImport(Library, EntryPoint = "dds_qget_userdata")]
    [return: MarshalAs(UnmanagedType.U1)]
    public static partial bool GetUserData(nint qos, out nint value, out nuint size);

    [LibraryImport(Library, EntryPoint = "dds_free")]
    public static partial void Free(nint pointer);
}
