using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Robotics.Messages.Definitions;

namespace Robotics.Messages;

/// <summary>
/// The ROS 2 type hash (REP-2011 "RIHS01"): <c>RIHS01_</c> and the lowercase hex SHA-256 of a canonical JSON
/// form of the type's description, exactly as <c>rosidl_generator_type_description</c> computes it at build time
/// (ros2/rosidl, rosidl_generator_type_description/__init__.py). Jazzy and later put it in every DDS endpoint's
/// USER_DATA (<c>typehash=RIHS01_...;</c>) and ROS 2 peers and tools compare it to decide whether two endpoints
/// use the same type definition, so ours must be byte-for-byte what rosidl would generate.
/// </summary>
/// <remarks>
/// <para>The hashed text is <c>json.dumps(..., separators=(', ', ': '), ensure_ascii=True, sort_keys=False)</c> of
/// <c>{"type_description": T, "referenced_type_descriptions": [R...]}</c>, where each description is
/// <c>{"type_name": "pkg/kind/Name", "fields": [{"name", "type": {"type_id", "capacity", "string_capacity",
/// "nested_type_name"}}]}</c> (the <c>default_value</c> key is deleted before hashing), and R is every type
/// reachable through nested fields, transitively, once each, sorted by name. Key order is insertion order, so it
/// is written by hand here; one byte of difference gives a different hash.</para>
/// <para>The description is of the IDL that rosidl_adapter makes from the .msg file, not of the .msg text, which is
/// why comments, constants and default values never change the hash, <c>char</c> counts as <c>uint8</c>, and a
/// message with no fields gets one (see <see cref="EmptyStructureMember"/>).</para>
/// <para>Targets Jazzy/Kilted rosidl. Other ros2/rosidl revisions differ in details that change the hash (.msg
/// <c>char</c> as IDL <c>char</c>, a <c>boolean</c> stand-in member, capacity 0 for bounded sequences); follow them
/// only once a later distro's generated hashes show it.</para>
/// </remarks>
public static class TypeDescriptionHash
{
    /// <summary>REP-2011 version prefix; a new hashing scheme would bump it.</summary>
    public const string Prefix = "RIHS01_";

    /// <summary>
    /// rosidl_adapter's struct.idl.em gives a struct without fields this member so the IDL is valid; it is then part
    /// of the description and the hash (std_msgs/msg/Empty, std_srvs/srv/Empty_Request, constant-only messages like
    /// rcl_interfaces/msg/ParameterType). Jazzy and Kilted declare it <c>uint8</c> (their generated
    /// *__description.c files say FIELD_TYPE_UINT8).
    /// </summary>
    public const string EmptyStructureMember = "structure_needs_at_least_one_member";

    // service_msgs/msg/ServiceEventInfo (Jazzy+): every service's Event message nests it, so a service hash needs its
    // description. Not one of our message packages; written out here as rosidl sees it (char[16] is uint8[16]).
    private const string ServiceEventInfoName = "service_msgs/msg/ServiceEventInfo";

    private static readonly Lazy<MessageSpec> _serviceEventInfo = new(() => MsgParser.Parse(
        "service_msgs", "msg", "ServiceEventInfo", "uint8 event_type\nbuiltin_interfaces/Time stamp\nchar[16] client_gid\nint64 sequence_number"));

    /// <summary>The hash of a registered message type; nested types are looked up in <see cref="MessageRegistry"/>.</summary>
    public static string Compute(MessageTypeInfo type)
    {
        ArgumentNullException.ThrowIfNull(type);
        return Compute(type.Spec, ResolveRegistered);
    }

    /// <summary>
    /// The hash of a service type itself (<c>pkg/srv/Name</c>), which rosidl describes as a struct of
    /// <c>request_message</c>, <c>response_message</c> and <c>event_message</c>; the <c>_Event</c> message is
    /// <c>info</c> (service_msgs/msg/ServiceEventInfo), <c>request</c> and <c>response</c> as sequences of at most 1
    /// (rosidl_parser definition.py Service, rosidl_generator_type_description add_srv).
    /// </summary>
    public static string Compute(ServiceTypeInfo service)
    {
        ArgumentNullException.ThrowIfNull(service);
        var synthetic = new Dictionary<string, MessageSpec>(StringComparer.Ordinal);
        var root = AddService(service.Name, synthetic);
        return Compute(root, name => synthetic.TryGetValue(name, out var spec) ? spec : ResolveRegistered(name));
    }

    /// <summary>
    /// The hash of an action type itself (<c>pkg/action/Name</c>): a struct of <c>goal</c>, <c>result</c>,
    /// <c>feedback</c>, <c>send_goal_service</c>, <c>get_result_service</c> and <c>feedback_message</c>, the two
    /// services described as in <see cref="Compute(ServiceTypeInfo)"/> (rosidl_generator_type_description add_action).
    /// </summary>
    public static string Compute(ActionTypeInfo action)
    {
        ArgumentNullException.ThrowIfNull(action);
        var synthetic = new Dictionary<string, MessageSpec>(StringComparer.Ordinal);
        var sendGoal = AddService(action.SendGoal.Name, synthetic);
        var getResult = AddService(action.GetResult.Name, synthetic);
        var root = Synthesize(
            action.Name,
            $"{action.Goal.Name} goal\n{action.Result.Name} result\n{action.Feedback.Name} feedback\n" +
            $"{sendGoal.FullName} send_goal_service\n{getResult.FullName} get_result_service\n{action.FeedbackMessage.Name} feedback_message");
        return Compute(root, name => synthetic.TryGetValue(name, out var spec) ? spec : ResolveRegistered(name));
    }

    /// <summary>The hash of <paramref name="type"/>, with <paramref name="resolve"/> giving each nested type by full name.</summary>
    public static string Compute(MessageSpec type, Func<string, MessageSpec> resolve)
    {
        var json = CanonicalJson(type, resolve);
        var digest = SHA256.HashData(Encoding.UTF8.GetBytes(json));
        return Prefix + Convert.ToHexStringLower(digest);
    }

    /// <summary>The exact text that is hashed (useful to diff against <c>ros2 interface</c> tooling when a hash differs).</summary>
    public static string CanonicalJson(MessageSpec type, Func<string, MessageSpec> resolve)
    {
        ArgumentNullException.ThrowIfNull(type);
        ArgumentNullException.ThrowIfNull(resolve);

        // extract_full_type_description: every type reachable through nested fields, once, in Python sorted()
        // order, which for these ASCII names is ordinal order.
        var referenced = new SortedDictionary<string, MessageSpec>(StringComparer.Ordinal);
        var pending = new Stack<MessageSpec>();
        pending.Push(type);
        while (pending.Count > 0)
        {
            foreach (var field in pending.Pop().Fields)
            {
                if (field.Type.NestedType is { } nested && !referenced.ContainsKey(nested))
                {
                    var spec = resolve(nested);
                    referenced.Add(nested, spec);
                    pending.Push(spec);
                }
            }
        }

        var json = new StringBuilder(256 + (referenced.Count * 256));
        json.Append("{\"type_description\": ");
        AppendDescription(json, type);
        json.Append(", \"referenced_type_descriptions\": [");
        var first = true;
        foreach (var spec in referenced.Values)
        {
            if (!first)
            {
                json.Append(", ");
            }

            first = false;
            AppendDescription(json, spec);
        }

        return json.Append("]}").ToString();
    }

    /// <summary>
    /// The FieldType.type_id rosidl gives a field (type_description_interfaces/msg/FieldType.msg): the element's id
    /// (nested 1, int8..uint64 2..9, float 10, double 11, char 13, boolean 15, octet 16, string 17, wstring 18,
    /// bounded string 21, bounded wstring 22) plus 48 for <c>T[N]</c>, 96 for <c>T[&lt;=N]</c>, 144 for <c>T[]</c>.
    /// </summary>
    public static int TypeId(FieldType type)
    {
        ArgumentNullException.ThrowIfNull(type);
        var element = type.Primitive switch
        {
            PrimitiveKind.None => 1,
            PrimitiveKind.Int8 => 2,
            // .msg char is rosidl_adapter's IDL uint8 in Jazzy and Kilted (MSG_TYPE_TO_IDL), so FIELD_TYPE_UINT8;
            // std_msgs/msg/Char's generated description says so.
            PrimitiveKind.UInt8 or PrimitiveKind.Char => 3,
            PrimitiveKind.Int16 => 4,
            PrimitiveKind.UInt16 => 5,
            PrimitiveKind.Int32 => 6,
            PrimitiveKind.UInt32 => 7,
            PrimitiveKind.Int64 => 8,
            PrimitiveKind.UInt64 => 9,
            PrimitiveKind.Float32 => 10,
            PrimitiveKind.Float64 => 11,
            PrimitiveKind.Bool => 15,
            PrimitiveKind.Byte => 16,
            PrimitiveKind.String => type.StringBound > 0 ? 21 : 17,
            PrimitiveKind.WString => type.StringBound > 0 ? 22 : 18,
            _ => throw new ArgumentOutOfRangeException(nameof(type), type.Primitive, "no FieldType id for this primitive"),
        };
        return element + type.Array switch
        {
            ArrayKind.None => 0,
            ArrayKind.Fixed => 48,
            ArrayKind.Bounded => 96,
            ArrayKind.Unbounded => 144,
            _ => throw new ArgumentOutOfRangeException(nameof(type), type.Array, "unknown array kind"),
        };
    }

    private static MessageSpec ResolveRegistered(string name) => MessageRegistry.Get(name).Spec;

    // Adds pkg/kind/Name (a service) and pkg/kind/Name_Event to synthetic; returns the service's description.
    private static MessageSpec AddService(string name, Dictionary<string, MessageSpec> synthetic)
    {
        var service = Synthesize(
            name, $"{name}_Request request_message\n{name}_Response response_message\n{name}_Event event_message");
        var serviceEvent = Synthesize(
            name + "_Event", $"{ServiceEventInfoName} info\n{name}_Request[<=1] request\n{name}_Response[<=1] response");
        synthetic[service.FullName] = service;
        synthetic[serviceEvent.FullName] = serviceEvent;
        synthetic[ServiceEventInfoName] = _serviceEventInfo.Value;
        return service;
    }

    private static MessageSpec Synthesize(string fullName, string text)
    {
        var parts = fullName.Split('/');
        return MsgParser.Parse(parts[0], parts[1], parts[2], text);
    }

    private static void AppendDescription(StringBuilder json, MessageSpec spec)
    {
        json.Append("{\"type_name\": ");
        AppendString(json, spec.FullName);
        json.Append(", \"fields\": [");
        if (spec.Fields.Count == 0)
        {
            AppendField(json, EmptyStructureMember, new FieldType(PrimitiveKind.UInt8, null, 0, ArrayKind.None, 0));
        }

        for (var i = 0; i < spec.Fields.Count; i++)
        {
            if (i > 0)
            {
                json.Append(", ");
            }

            AppendField(json, spec.Fields[i].Name, spec.Fields[i].Type);
        }

        json.Append("]}");
    }

    private static void AppendField(StringBuilder json, string name, FieldType type)
    {
        // capacity: N of T[N] and of T[<=N], 0 otherwise (Jazzy/Kilted field_type_capacity returns maximum_size, or
        // size for fixed arrays; the generated ParameterDescriptor and *_Event descriptions carry 1 for [<=1]).
        // string_capacity: N of string<=N, also for arrays of bounded strings (it describes the element).
        json.Append("{\"name\": ");
        AppendString(json, name);
        json.Append(", \"type\": {\"type_id\": ").Append(TypeId(type).ToString(CultureInfo.InvariantCulture))
            .Append(", \"capacity\": ").Append(type.IsArray ? type.ArrayBound.ToString(CultureInfo.InvariantCulture) : "0")
            .Append(", \"string_capacity\": ").Append(type.StringBound.ToString(CultureInfo.InvariantCulture))
            .Append(", \"nested_type_name\": ");
        AppendString(json, type.NestedType ?? string.Empty);
        json.Append("}}");
    }

    // A JSON string as Python's json.dumps(ensure_ascii=True) writes it: the two-character escapes for " \ and
    // \b \f \n \r \t, every other character outside ' '..'~' as \u followed by 4 lowercase hex digits (UTF-16 code
    // units, so astral characters come out as surrogate pairs, as in Python). Our names are plain ASCII
    // identifiers, but the encoding should not be the reason a hash is wrong.
    private static void AppendString(StringBuilder json, string text)
    {
        json.Append('"');
        foreach (var c in text)
        {
            switch (c)
            {
                case '"':
                    json.Append("\\\"");
                    break;
                case '\\':
                    json.Append("\\\\");
                    break;
                case '\b':
                    json.Append("\\b");
                    break;
                case '\f':
                    json.Append("\\f");
                    break;
                case '\n':
                    json.Append("\\n");
                    break;
                case '\r':
                    json.Append("\\r");
                    break;
                case '\t':
                    json.Append("\\t");
                    break;
                default:
                    if (c is >= ' ' and <= '~')
                    {
                        json.Append(c);
                    }
                    else
                    {
                        json.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    }

                    break;
            }
        }

        json.Append('"');
    }
}
