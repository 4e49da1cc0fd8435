using System.Text.RegularExpressions;
using Robotics.Messages.Definitions;

namespace Robotics.Messages.Tests;

/// <summary>
/// RIHS01 type hashes against the values rosidl generated for Jazzy/Kilted (the <c>*__get_type_hash</c> bytes in
/// generated <c>detail/*__description.c</c> files, e.g. micro-ROS Kilted headers in hpmicro/hpm_sdk
/// middleware/microros/kilted/include). Only types whose definition matches ours are listed.
/// </summary>
public class TypeHashTests
{
    private static readonly Regex _wellFormed = new("^RIHS01_[0-9a-f]{64}$");

    [Theory]
    // Plain fields and nesting.
    [InlineData("builtin_interfaces/msg/Time", "b106235e25a4c5ed35098aa0a61a3ee9c9b18d197f398b0e4206cea9acf9c197")]
    [InlineData("std_msgs/msg/Header", "f49fb3ae2cf070f793645ff749683ac6b06203e41c891e17701b1cb597ce6a01")]
    [InlineData("std_msgs/msg/String", "df668c740482bbd48fb39d76a70dfd4bd59db1288021743503259e948f6b1a18")]
    [InlineData("geometry_msgs/msg/Point", "6963084842a9b04494d6b2941d11444708d892da2f4b09843b9c43f42a7f6881")]
    [InlineData("geometry_msgs/msg/Vector3", "cc12fe83e4c02719f1ce8070bfd14aecd40f75a96696a67a2a1f37f7dbb0765d")]
    // Default values (w 1.0) are not hashed.
    [InlineData("geometry_msgs/msg/Quaternion", "8a765f66778c8ff7c8ab94afcc590a2ed5325a1d9a076ffff38fbce36f458684")]
    // Unbounded sequences of strings and doubles; fixed float64[9] arrays; transitive references.
    [InlineData("sensor_msgs/msg/JointState", "a13ee3a330e346c9d87b5aa18d24e11690752bd33a0350f11c5882bc9179260e")]
    [InlineData("sensor_msgs/msg/Imu", "7d9a00ff131080897a5ec7e26e315954b8eae3353c3f995c55faf71574000b5b")]
    [InlineData("sensor_msgs/msg/Range", "b42b62562e93cbfe9d42b82fe5994dfa3d63d7d5c90a317981703f7388adff3a")]
    // char is uint8; char[16] is a uint8 array.
    [InlineData("std_msgs/msg/Char", "3ad2d04dd29ba19d04b16659afa3ccaedd691914b02a64e82e252f2fa6a586a9")]
    [InlineData("rmw_dds_common/msg/Gid", "ab6f21cfbb0a6dbb837161e1110c2051a2850ed9f9c53944d7115d9bcebedf71")]
    // Bounded strings (string<=256).
    [InlineData("rmw_dds_common/msg/NodeEntitiesInfo", "8ffef65ee2d088c63b1e8fcd31e800ba9fc8dbe0ee15ca60d1676de5218087a7")]
    // Bounded sequences (T[<=1]): capacity 1.
    [InlineData("rcl_interfaces/msg/ParameterDescriptor", "52175dbfda6c51153101d33d2a9da05743f66f02d5ab2ca9ec4709b46b73d704")]
    [InlineData("rcl_interfaces/msg/FloatingPointRange", "e6af23a23c177fee5f3075c8b1e435162a9b63c863d78c06017460b49684262d")]
    [InlineData("rcl_interfaces/msg/IntegerRange", "f7b7fdc0f65f07702e099218e13288c3963bcb9345bde78b560e6cd19800fc5a")]
    // No fields: the uint8 structure_needs_at_least_one_member stand-in (also for constant-only types).
    [InlineData("std_msgs/msg/Empty", "20b625256f32d5dbc0d04fee44f43c41e51c70d3502f84b4a08e7a9c26a96312")]
    [InlineData("rcl_interfaces/msg/ParameterType", "df29ed057a834862187be24dd187d981790ff3ea6502f4cd27b432cbc42c6d46")]
    [InlineData("std_srvs/srv/Empty_Request", "458eaf200a3f63d9cc53d19436edebc0c140ef4c93ca75d5bd4ce19fd7759e35")]
    [InlineData("std_srvs/srv/Empty_Response", "0a2858b3f60df644a61d0fa44cfc923a3d3628e0ad9c8ad8534b1a2c92a413dc")]
    // Service request/response messages.
    [InlineData("action_msgs/msg/GoalInfo", "6398fe763154554353930716b225947f93b672f0fb2e49fdd01bb7a7e37933e9")]
    [InlineData("action_msgs/srv/CancelGoal_Request", "3d3c84653c1f96918086887e1dcb236faec88b81a5b14fd4cf4840065bcdf8af")]
    [InlineData("action_msgs/srv/CancelGoal_Response", "35e682cf3f510e83c70a82a4aac888496dedee56773bf9d8e5e0aa81f9e1c960")]
    [InlineData("unique_identifier_msgs/msg/UUID", "1b8e8aca958cbea28fe6ef60bf6c19b683c97a9ef60bb34752067d0f2f7ab437")]
    // Action messages, including the wrappers rosidl synthesizes.
    [InlineData("example_interfaces/action/Fibonacci_Goal", "226cb437e4355dcd3e914f930382a3b0cc1da81545bd319ed554e95a03255f51")]
    [InlineData("example_interfaces/action/Fibonacci_Result", "fea81394f25aa4502217953f1a021fb750e79c10bbd43f13dd94632da6569649")]
    [InlineData("example_interfaces/action/Fibonacci_Feedback", "2b12e37361da6f408d4c85bc24a18de64333f29082f2ca34b5ee33dc4c8b42a9")]
    [InlineData("example_interfaces/action/Fibonacci_SendGoal_Request", "3d088942b413247db536576f0286768c6be8fcd5d0c9a5d544f359fba090a238")]
    [InlineData("example_interfaces/action/Fibonacci_SendGoal_Response", "d8c07bb3d5b766fe4b43159c9a5222af5214e2fcc29229b991d826166c512be1")]
    [InlineData("example_interfaces/action/Fibonacci_GetResult_Request", "c8a4f5e7d13b81286ee1043e2ecd084281cecf1ff06aaa799464f5f15479f003")]
    [InlineData("example_interfaces/action/Fibonacci_GetResult_Response", "6021dc98ab9b4bbe395e48aa4de81ee5f68eb570f88358affcc648146668b24f")]
    [InlineData("example_interfaces/action/Fibonacci_FeedbackMessage", "c1de71afd52e49a89c53d8262366884185bc0a02f78ce051c4e46b0a7fe59bb2")]
    public void MessageTypeHash_MatchesRosidl(string type, string hex)
    {
        Assert.Equal("RIHS01_" + hex, MessageRegistry.Get(type).TypeHash);
    }

    [Theory]
    // A service's own hash covers Request, Response and the synthesized _Event with service_msgs/ServiceEventInfo.
    [InlineData("std_srvs/srv/Empty", "5888399dedec5ccc85ea6451949fd2c9f97bfdf963f9a588821639fcd31b5d19")]
    [InlineData("action_msgs/srv/CancelGoal", "573d8b0a534451d7bc2ac8c5ffde8ac14b8593b7001175d0cd6516dcbeb8689a")]
    [InlineData("example_interfaces/action/Fibonacci_SendGoal", "d1a57fb2a4afe8c21e34fb10db206f16ce6729b28531141472df92277c55b557")]
    [InlineData("example_interfaces/action/Fibonacci_GetResult", "1b0de0d5d29dc955d92f546706568428632771db13ec84c15ec1c1a59f424a57")]
    public void ServiceTypeHash_MatchesRosidl(string service, string hex)
    {
        Assert.True(MessageRegistry.TryGetService(service, out var type));
        Assert.Equal("RIHS01_" + hex, type.TypeHash);
    }

    [Fact]
    public void ActionTypeHash_MatchesRosidl()
    {
        Assert.True(MessageRegistry.TryGetAction("example_interfaces/action/Fibonacci", out var fibonacci));
        Assert.Equal("RIHS01_9508051da1ea4658de144b09bd0690ff3de52104683d847aed764d2915906f51", fibonacci.TypeHash);
    }

    [Fact]
    public void EveryRegisteredType_HasAWellFormedDistinctHash()
    {
        var messages = MessageRegistry.Messages.ToList();
        Assert.NotEmpty(messages);
        Assert.All(messages, m => Assert.Matches(_wellFormed, m.TypeHash));
        Assert.All(MessageRegistry.Services, s => Assert.Matches(_wellFormed, s.TypeHash));
        Assert.All(MessageRegistry.Actions, a => Assert.Matches(_wellFormed, a.TypeHash));

        // The type name is part of what is hashed, so two types never share a hash.
        var hashes = messages.Select(m => m.TypeHash).Concat(MessageRegistry.Services.Select(s => s.TypeHash))
            .Concat(MessageRegistry.Actions.Select(a => a.TypeHash)).ToList();
        Assert.Equal(hashes.Count, hashes.Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public void TypeHash_IsComputedOnceAndCached()
    {
        var header = MessageRegistry.Get("std_msgs/msg/Header");
        Assert.Same(header.TypeHash, header.TypeHash);
    }

    [Fact]
    public void CanonicalJson_IsPythonJsonDumpsWithDefaultValuesRemoved()
    {
        var json = TypeDescriptionHash.CanonicalJson(MessageRegistry.Get("std_msgs/msg/Header").Spec, n => MessageRegistry.Get(n).Spec);
        Assert.Equal(
            "{\"type_description\": {\"type_name\": \"std_msgs/msg/Header\", \"fields\": ["
            + "{\"name\": \"stamp\", \"type\": {\"type_id\": 1, \"capacity\": 0, \"string_capacity\": 0, \"nested_type_name\": \"builtin_interfaces/msg/Time\"}}, "
            + "{\"name\": \"frame_id\", \"type\": {\"type_id\": 17, \"capacity\": 0, \"string_capacity\": 0, \"nested_type_name\": \"\"}}]}, "
            + "\"referenced_type_descriptions\": [{\"type_name\": \"builtin_interfaces/msg/Time\", \"fields\": ["
            + "{\"name\": \"sec\", \"type\": {\"type_id\": 6, \"capacity\": 0, \"string_capacity\": 0, \"nested_type_name\": \"\"}}, "
            + "{\"name\": \"nanosec\", \"type\": {\"type_id\": 7, \"capacity\": 0, \"string_capacity\": 0, \"nested_type_name\": \"\"}}]}]}",
            json);
    }

    [Fact]
    public void CanonicalJson_EncodesBoundsAndArrayKindsInTheFieldType()
    {
        var spec = MsgParser.Parse("pkg", "msg", "T", "string<=5[<=3] names\nfloat64[4] f\nbyte[] b\nchar c\nbool t");
        var json = TypeDescriptionHash.CanonicalJson(spec, _ => throw new InvalidOperationException("no nested types"));
        Assert.Contains("\"name\": \"names\", \"type\": {\"type_id\": 117, \"capacity\": 3, \"string_capacity\": 5,", json, StringComparison.Ordinal);
        Assert.Contains("\"name\": \"f\", \"type\": {\"type_id\": 59, \"capacity\": 4, \"string_capacity\": 0,", json, StringComparison.Ordinal);
        Assert.Contains("\"name\": \"b\", \"type\": {\"type_id\": 160, \"capacity\": 0,", json, StringComparison.Ordinal);
        Assert.Contains("\"name\": \"c\", \"type\": {\"type_id\": 3,", json, StringComparison.Ordinal);
        Assert.Contains("\"name\": \"t\", \"type\": {\"type_id\": 15,", json, StringComparison.Ordinal);
    }

    [Fact]
    public void TypeHash_IgnoresCommentsConstantsAndDefaults()
    {
        static string Hash(string text) =>
            TypeDescriptionHash.Compute(MsgParser.Parse("pkg", "msg", "T", text), _ => throw new InvalidOperationException());

        Assert.Equal(Hash("int32 a\nstring b"), Hash("# doc\nint32 K=3\nint32 a 7  # seven\nstring b \"x\""));
        Assert.NotEqual(Hash("int32 a\nstring b"), Hash("string b\nint32 a"));
    }

    [Fact]
    public void CanonicalJson_EscapesStringsLikePythonEnsureAscii()
    {
        var spec = new MessageSpec("pkg", "msg", "Caf\u00e9\"\\\u007f\U0001F600", string.Empty, [], []);
        var json = TypeDescriptionHash.CanonicalJson(spec, _ => throw new InvalidOperationException());
        Assert.StartsWith("{\"type_description\": {\"type_name\": \"pkg/msg/Caf\\u00e9\\\"\\\\\\u007f\\ud83d\\ude00\", \"fields\": [{\"name\": \"structure_needs_at_least_one_member\"", json, StringComparison.Ordinal);
    }
}
