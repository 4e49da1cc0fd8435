using Robotics.Messages.Cdr;
using Robotics.Middleware.Dds.Wire;

namespace Robotics.Middleware.Dds.Tests;

/// <summary>
/// rmw_dds_common/msg/ParticipantEntitiesInfo, hand-encoded because its Gid is 16 bytes from Iron on and 24 on Humble
/// (ROS2_WIRE.md): both sizes round-trip, and the Gid is the DDS GUID's 16 bytes in wire order, zero-padded.
/// </summary>
public sealed class DiscoveryInfoTests
{
    [Theory]
    [InlineData(16)]
    [InlineData(24)]
    public void EncodeDecode_NodesWithAndWithoutEndpoints_RoundTripsEveryField(int gidSize)
    {
        var info = new DiscoveryInfo(
            Guid.NewGuid(),
            [
                new NodeEntities("/", "talker", [Guid.NewGuid()], [Guid.NewGuid(), Guid.NewGuid()]),
                new NodeEntities("/robot/arm", "idle", [], []),
                new NodeEntities("/robot", "x", [], [Guid.NewGuid()]),
            ]);

        var decoded = DiscoveryInfo.Decode(info.Encode(gidSize), gidSize);

        Assert.Equal(info.Participant, decoded.Participant);
        Assert.Equal(info.Nodes.Count, decoded.Nodes.Count);
        for (var i = 0; i < info.Nodes.Count; i++)
        {
            Assert.Equal((info.Nodes[i].Namespace, info.Nodes[i].Name), (decoded.Nodes[i].Namespace, decoded.Nodes[i].Name));
            Assert.Equal(info.Nodes[i].Readers, decoded.Nodes[i].Readers);
            Assert.Equal(info.Nodes[i].Writers, decoded.Nodes[i].Writers);
        }
    }

    [Theory]
    [InlineData(16, "000100000102030405060708090A0B0C0D0E0F1000000000")]
    [InlineData(24, "000100000102030405060708090A0B0C0D0E0F10000000000000000000000000")]
    public void Encode_NoNodes_IsTheGuidInWireOrderZeroPaddedThenAnEmptySequence(int gidSize, string expectedHex)
    {
        // The GUID's bytes as dds_get_guid gives them (prefix then entity id), i.e. big-endian Guid order.
        var participant = Guid.Parse("01020304-0506-0708-090a-0b0c0d0e0f10");

        Assert.Equal(expectedHex, Convert.ToHexString(new DiscoveryInfo(participant, []).Encode(gidSize)));
    }

    [Fact]
    public void Encode_OneNode_PadsTheStringsAndAlignsTheSequenceCounts()
    {
        var gid = Guid.Parse("01020304-0506-0708-090a-0b0c0d0e0f10");
        var bytes = new DiscoveryInfo(gid, [new NodeEntities("/", "ab", [], [gid])]).Encode(16);

        // header | gid | 1 node | "/" (len 2) + 2 pad | "ab" (len 3) + 1 pad | 0 readers | 1 writer | gid
        Assert.Equal(
            "00010000" + "0102030405060708090A0B0C0D0E0F10" + "01000000" + "020000002F000000" + "0300000061620000" + "00000000" + "01000000" + "0102030405060708090A0B0C0D0E0F10",
            Convert.ToHexString(bytes));
    }

    [Fact]
    public void Decode_Truncated_ThrowsADecodeError()
    {
        var bytes = new DiscoveryInfo(Guid.NewGuid(), [new NodeEntities("/", "talker", [], [Guid.NewGuid()])]).Encode(16);

        // Five bytes off always cuts into the last Gid (at most three of them are padding).
        Assert.Throws<MessageDecodeException>(() => DiscoveryInfo.Decode(bytes.AsSpan(0, bytes.Length - 5), 16));
    }
}
