using Robotics.Messages.Cdr;

namespace Robotics.Middleware.Dds.Wire;

/// <summary>One node of a <see cref="DiscoveryInfo"/>: its name and the GUIDs of its readers and writers.</summary>
public sealed record NodeEntities(string Namespace, string Name, IReadOnlyList<Guid> Readers, IReadOnlyList<Guid> Writers);

/// <summary>
/// <c>rmw_dds_common/msg/ParticipantEntitiesInfo</c>, what every ROS process publishes on <c>ros_discovery_info</c> so
/// that others can map DDS endpoints to node names (`ros2 node list`). Encoded by hand rather than with the generated
/// type because the Gid's size depends on the distro (16 bytes, or 24 on Humble: the GUID and 8 zeros).
/// </summary>
public sealed record DiscoveryInfo(Guid Participant, IReadOnlyList<NodeEntities> Nodes)
{
    public const string Topic = "ros_discovery_info";

    public const string DdsTypeName = "rmw_dds_common::msg::dds_::ParticipantEntitiesInfo_";

    /// <summary>node_namespace and node_name are <c>string&lt;=256</c>.</summary>
    private const int NameBound = 256;

    public byte[] Encode(int gidSize)
    {
        var sizer = default(CdrSizer);
        Write(ref sizer, gidSize);
        var bytes = new byte[CdrSerializer.HeaderSize + ((sizer.Size + 3) & ~3)];
        bytes[1] = 0x01; // CDR_LE
        var writer = new CdrWriter(bytes.AsSpan(CdrSerializer.HeaderSize));
        Write(ref writer, gidSize);
        bytes[3] = (byte)(bytes.Length - CdrSerializer.HeaderSize - writer.Position);
        return bytes;
    }

    public static DiscoveryInfo Decode(ReadOnlySpan<byte> data, int gidSize)
    {
        var reader = CdrSerializer.OpenBody(data);
        var participant = ReadGid(ref reader, gidSize);
        var count = reader.ReadSequenceLength(8);
        var nodes = new List<NodeEntities>(count);
        for (var i = 0; i < count; i++)
        {
            var ns = reader.ReadString(NameBound);
            var name = reader.ReadString(NameBound);
            nodes.Add(new NodeEntities(ns, name, ReadGids(ref reader, gidSize), ReadGids(ref reader, gidSize)));
        }

        return new DiscoveryInfo(participant, nodes);
    }

    private void Write<TWriter>(ref TWriter writer, int gidSize)
        where TWriter : ICdrWriter, allows ref struct
    {
        WriteGid(ref writer, Participant, gidSize);
        writer.WriteSequenceLength(Nodes.Count);
        foreach (var node in Nodes)
        {
            writer.WriteString(node.Namespace);
            writer.WriteString(node.Name);
            WriteGids(ref writer, node.Readers, gidSize);
            WriteGids(ref writer, node.Writers, gidSize);
        }
    }

    private static void WriteGids<TWriter>(ref TWriter writer, IReadOnlyList<Guid> gids, int gidSize)
        where TWriter : ICdrWriter, allows ref struct
    {
        writer.WriteSequenceLength(gids.Count);
        foreach (var gid in gids)
        {
            WriteGid(ref writer, gid, gidSize);
        }
    }

    private static void WriteGid<TWriter>(ref TWriter writer, Guid gid, int gidSize)
        where TWriter : ICdrWriter, allows ref struct
    {
        Span<byte> bytes = stackalloc byte[gidSize];
        bytes.Clear();
        gid.TryWriteBytes(bytes, bigEndian: true, out _);
        foreach (var b in bytes)
        {
            writer.WriteUInt8(b); // char[N]: N single bytes, no alignment
        }
    }

    private static Guid[] ReadGids(ref CdrReader reader, int gidSize)
    {
        var gids = new Guid[reader.ReadSequenceLength(gidSize)];
        for (var i = 0; i < gids.Length; i++)
        {
            gids[i] = ReadGid(ref reader, gidSize);
        }

        return gids;
    }

    private static Guid ReadGid(ref CdrReader reader, int gidSize) => new(reader.ReadArray<byte>(gidSize).AsSpan(0, 16), bigEndian: true);
}
