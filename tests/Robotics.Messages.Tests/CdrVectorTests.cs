using Robotics.Messages.Cdr;
using Robotics.Messages.SensorMsgs;
using Robotics.Messages.StdMsgs;

namespace Robotics.Messages.Tests;

public class CdrVectorTests
{
    // FORMATS.md: JointState {stamp 1 s 2 ns, frame "base", name ["a","bc"], position [1.5, -2], velocity [0.25]}.
    private const string JointStateHex =
        "00010000 01000000 02000000 05000000 62617365 00000000 02000000 02000000 61000000 03000000 62630000 02000000 " +
        "00000000 000000000000f83f 00000000000000c0 01000000 00000000 000000000000d03f 00000000";

    public static JointState SampleJointState() => new()
    {
        Header = new Header { Stamp = new BuiltinInterfaces.Time { Sec = 1, Nanosec = 2 }, FrameId = "base" },
        Name = ["a", "bc"],
        Position = [1.5, -2],
        Velocity = [0.25],
        Effort = [],
    };

    public static byte[] Hex(string text) => Convert.FromHexString(text.Replace(" ", string.Empty));

    [Fact]
    public void JointState_EncodesToThe88ByteReferenceVector()
    {
        var bytes = CdrSerializer.Serialize(SampleJointState());
        Assert.Equal(88, bytes.Length);
        Assert.Equal(Hex(JointStateHex), bytes);
    }

    [Fact]
    public void JointState_DecodesTheReferenceVector()
    {
        var decoded = CdrSerializer.Deserialize<JointState>(Hex(JointStateHex));
        Assert.Equal(SampleJointState(), decoded);
        Assert.Equal("base", decoded.Header.FrameId);
        Assert.Equal([1.5, -2.0], decoded.Position);
    }

    [Fact]
    public void EmptyMessage_IsOneByteBodyPaddedToFour()
    {
        var bytes = CdrSerializer.Serialize(new Empty());
        Assert.Equal(Hex("00010003 00000000"), bytes);
        Assert.IsType<Empty>(CdrSerializer.Deserialize<Empty>(bytes));
    }

    [Fact]
    public void String_PadsToFourAndRecordsPadCountInOptions()
    {
        // "hi" → length 3 incl. NUL: body 4 + 3 = 7 bytes, one pad byte, options = 1 (as Cyclone writes).
        var bytes = CdrSerializer.Serialize(new StdMsgs.String { Data = "hi" });
        Assert.Equal(Hex("00010001 03000000 68690000"), bytes);
    }

    [Fact]
    public void Decoder_IgnoresOptionsAndTrailingPadding()
    {
        var bytes = Hex("000100ff 03000000 68690000 00000000");
        Assert.Equal("hi", CdrSerializer.Deserialize<StdMsgs.String>(bytes).Data);
    }

    [Fact]
    public void Decoder_ReadsBigEndian()
    {
        // CDR_BE: Time {sec = 1, nanosec = 2}.
        var bytes = Hex("00000000 00000001 00000002");
        var time = CdrSerializer.Deserialize<BuiltinInterfaces.Time>(bytes);
        Assert.Equal(1, time.Sec);
        Assert.Equal(2u, time.Nanosec);
    }

    [Fact]
    public void Decoder_ReadsBigEndianPrimitiveArrays()
    {
        // layout.dim = [], layout.data_offset = 0, data = [1.5, -2]: count at 8, 4 pad bytes, doubles at 16.
        var bytes = Hex("00000000 00000000 00000000 00000002 00000000 3ff8000000000000 c000000000000000");
        Assert.Equal([1.5, -2.0], CdrSerializer.Deserialize<Float64MultiArray>(bytes).Data);
    }

    [Theory]
    [InlineData("00060000 00000000", "XCDR2")]
    [InlineData("0001", "shorter than the 4-byte")]
    [InlineData("00010000 05000000 68690000", "exceeds")]
    [InlineData("00010000 03000000 686969", "not NUL-terminated")]
    [InlineData("00010000 03000000 ffff00", "not valid UTF-8")]
    public void Decoder_RejectsBadInputWithAReason(string hex, string reason)
    {
        var error = Assert.Throws<MessageDecodeException>(() => CdrSerializer.Deserialize<StdMsgs.String>(Hex(hex)));
        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Encoder_RejectsFixedArrayOfWrongLength()
    {
        var imu = new Imu { OrientationCovariance = [1, 2, 3] };
        var error = Assert.Throws<MessageEncodeException>(() => CdrSerializer.Serialize(imu));
        Assert.Contains("sensor_msgs/msg/Imu.orientation_covariance", error.Message, StringComparison.Ordinal);
        Assert.Contains("exactly 9", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Encoder_RejectsBoundedSequenceOverItsBound()
    {
        var descriptor = new RclInterfaces.ParameterDescriptor { IntegerRange = [new RclInterfaces.IntegerRange(), new RclInterfaces.IntegerRange()] };
        var error = Assert.Throws<MessageEncodeException>(() => CdrSerializer.Serialize(descriptor));
        Assert.Contains("at most 1", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Defaults_FromTheDefinitionAreApplied()
    {
        Assert.Equal(1.0, new GeometryMsgs.Quaternion().W);
        Assert.Equal(9, new Imu().OrientationCovariance.Length);
    }

    [Fact]
    public void Constants_AreGenerated()
    {
        Assert.Equal(2, DiagnosticMsgs.DiagnosticStatus.ERROR);
        Assert.Equal(6, RoboticsMsgs.SupervisorStatus.STATE_ESTOP);
    }
}
