// Shared with the source generator (netstandard2.0).
using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Robotics.Messages.Definitions;

/// <summary>
/// Parses the ROS 2 interface languages (.msg, .srv, .action) as rosidl_adapter reads them: one field or constant per
/// line, <c>#</c> comments, <c>---</c> between service/action parts. Errors carry the line number.
/// </summary>
public static class MsgParser
{
    // rosidl: field names are lowercase snake case, constants upper snake case; package-relative type names are
    // PascalCase (rosidl_adapter/parser.py VALID_FIELD_NAME_PATTERN, VALID_CONSTANT_NAME_PATTERN).
    private static readonly Regex _fieldName = new("^[a-z][a-z0-9_]*$");
    private static readonly Regex _constantName = new("^[A-Z][A-Z0-9_]*$");
    private static readonly Regex _typeName = new("^[A-Z][A-Za-z0-9]*$");
    private static readonly Regex _packageName = new("^[a-z][a-z0-9_]*$");

    /// <summary>Parses one interface file into its message types (1 for .msg, 2 for .srv, 7 for .action).</summary>
    public static IReadOnlyList<MessageSpec> ParseFile(string package, string kind, string name, string text)
    {
        var sections = SplitSections(text);
        switch (kind)
        {
            case "msg":
                Expect(sections, 1, name, kind);
                return [Parse(package, kind, name, sections[0].Text, sections[0].FirstLine)];
            case "srv":
                Expect(sections, 2, name, kind);
                return
                [
                    Parse(package, kind, name + "_Request", sections[0].Text, sections[0].FirstLine),
                    Parse(package, kind, name + "_Response", sections[1].Text, sections[1].FirstLine),
                ];
            case "action":
                Expect(sections, 3, name, kind);
                return ParseAction(package, name, sections);
            default:
                throw new MsgParseException(0, $"unknown interface kind '{kind}' (expected msg, srv or action)");
        }
    }

    /// <summary>Parses the text of one message type.</summary>
    public static MessageSpec Parse(string package, string kind, string name, string text, int firstLine = 1)
    {
        if (!_packageName.IsMatch(package))
        {
            throw new MsgParseException(0, $"package name '{package}' must be lowercase snake_case");
        }

        var fields = new List<FieldSpec>();
        var constants = new List<ConstantSpec>();
        var names = new HashSet<string>(StringComparer.Ordinal);
        var lines = text.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var lineNumber = firstLine + i;
            var line = lines[i].TrimEnd('\r');
            var trimmed = line.Trim();
            if (trimmed.Length == 0 || trimmed[0] == '#')
            {
                continue;
            }

            var split = IndexOfWhitespace(trimmed);
            if (split < 0)
            {
                throw new MsgParseException(lineNumber, $"'{trimmed}' needs a type and a name");
            }

            var typeText = trimmed.Substring(0, split);
            var rest = trimmed.Substring(split).Trim();
            var type = ParseType(typeText, package, lineNumber);
            var equals = rest.IndexOf('=');
            var hash = rest.IndexOf('#');
            if (equals > 0 && (hash < 0 || equals < hash))
            {
                var constant = ParseConstant(type, rest, equals, lineNumber);
                if (!names.Add(constant.Name))
                {
                    throw new MsgParseException(lineNumber, $"'{constant.Name}' is defined twice");
                }

                constants.Add(constant);
                continue;
            }

            var field = ParseField(type, rest, lineNumber);
            if (!names.Add(field.Name))
            {
                throw new MsgParseException(lineNumber, $"'{field.Name}' is defined twice");
            }

            fields.Add(field);
        }

        return new MessageSpec(package, kind, name, text.TrimEnd('\n', '\r', ' '), fields, constants);
    }

    /// <summary>
    /// Parses a type token: a primitive, <c>string&lt;=N</c>, <c>Type</c> (same package), <c>pkg/Type</c> or
    /// <c>pkg/kind/Type</c>, optionally followed by <c>[]</c>, <c>[N]</c> or <c>[&lt;=N]</c>.
    /// </summary>
    public static FieldType ParseType(string text, string currentPackage, int line)
    {
        var array = ArrayKind.None;
        var arrayBound = 0;
        var baseText = text;
        var open = text.IndexOf('[');
        if (open >= 0)
        {
            if (text[text.Length - 1] != ']')
            {
                throw new MsgParseException(line, $"type '{text}' has an unclosed '['");
            }

            var inner = text.Substring(open + 1, text.Length - open - 2);
            baseText = text.Substring(0, open);
            if (inner.Length == 0)
            {
                array = ArrayKind.Unbounded;
            }
            else if (inner.StartsWith("<=", StringComparison.Ordinal))
            {
                array = ArrayKind.Bounded;
                arrayBound = ParseBound(inner.Substring(2), text, line);
            }
            else
            {
                array = ArrayKind.Fixed;
                arrayBound = ParseBound(inner, text, line);
            }
        }

        var stringBound = 0;
        var bounded = baseText.IndexOf("<=", StringComparison.Ordinal);
        if (bounded >= 0)
        {
            var head = baseText.Substring(0, bounded);
            if (head != "string" && head != "wstring")
            {
                throw new MsgParseException(line, $"only strings can be bounded with '<=', not '{head}'");
            }

            stringBound = ParseBound(baseText.Substring(bounded + 2), text, line);
            baseText = head;
        }

        if (PrimitiveNames.TryParse(baseText, out var primitive))
        {
            return new FieldType(primitive, null, stringBound, array, arrayBound);
        }

        return new FieldType(PrimitiveKind.None, ResolveNested(baseText, currentPackage, line), 0, array, arrayBound);
    }

    private static string ResolveNested(string text, string currentPackage, int line)
    {
        var parts = text.Split('/');
        string package, kind, name;
        switch (parts.Length)
        {
            case 1:
                // ROS 1 habit kept by rosidl: a bare Header means std_msgs/Header.
                package = text == "Header" ? "std_msgs" : currentPackage;
                kind = "msg";
                name = parts[0];
                break;
            case 2:
                package = parts[0];
                kind = "msg";
                name = parts[1];
                break;
            case 3:
                package = parts[0];
                kind = parts[1];
                name = parts[2];
                break;
            default:
                throw new MsgParseException(line, $"type '{text}' is not 'Type', 'pkg/Type' or 'pkg/msg/Type'");
        }

        if (!_packageName.IsMatch(package) || !IsTypeName(name))
        {
            throw new MsgParseException(line, $"unknown type '{text}' (not a primitive, and not a valid 'pkg/Type' name)");
        }

        return package + "/" + kind + "/" + name;
    }

    // Synthesized action types (Name_Goal, Name_SendGoal_Request, ...) contain underscores; user types do not.
    private static bool IsTypeName(string name)
    {
        foreach (var part in name.Split('_'))
        {
            if (!_typeName.IsMatch(part))
            {
                return false;
            }
        }

        return true;
    }

    private static FieldSpec ParseField(FieldType type, string rest, int line)
    {
        var split = IndexOfWhitespace(rest);
        var name = split < 0 ? StripComment(rest) : rest.Substring(0, split);
        var defaultText = split < 0 ? null : StripComment(rest.Substring(split).Trim());
        if (!_fieldName.IsMatch(name) || name[name.Length - 1] == '_' || name.Contains("__"))
        {
            throw new MsgParseException(line, $"field name '{name}' must be lowercase snake_case (letters, digits, single '_')");
        }

        if (type.Primitive == PrimitiveKind.WString)
        {
            throw new MsgParseException(line, $"field '{name}': wstring is not supported (its CDR form is implementation-defined, ROS2_WIRE.md)");
        }

        if (defaultText != null && defaultText.Length == 0)
        {
            defaultText = null;
        }

        if (defaultText != null && type.IsNested)
        {
            throw new MsgParseException(line, $"field '{name}': nested message fields cannot have a default value");
        }

        return new FieldSpec(type, name, defaultText, line);
    }

    private static ConstantSpec ParseConstant(FieldType type, string rest, int equals, int line)
    {
        var name = rest.Substring(0, equals).Trim();
        var value = rest.Substring(equals + 1).Trim();
        if (type.IsArray || type.IsNested)
        {
            throw new MsgParseException(line, $"constant '{name}' must have a primitive, non-array type");
        }

        if (!_constantName.IsMatch(name))
        {
            throw new MsgParseException(line, $"constant name '{name}' must be UPPER_SNAKE_CASE");
        }

        if (type.Primitive != PrimitiveKind.String)
        {
            value = StripComment(value);
        }

        if (value.Length == 0)
        {
            throw new MsgParseException(line, $"constant '{name}' has no value");
        }

        ValidateLiteral(type.Primitive, value, name, line);
        return new ConstantSpec(type.Primitive, name, value, line);
    }

    /// <summary>Checks that a constant or default literal fits its type; throws naming the field otherwise.</summary>
    public static void ValidateLiteral(PrimitiveKind kind, string value, string name, int line)
    {
        var ok = kind switch
        {
            PrimitiveKind.Bool => value is "true" or "false" or "True" or "False" or "1" or "0",
            PrimitiveKind.Float32 or PrimitiveKind.Float64 => double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out _),
            PrimitiveKind.String or PrimitiveKind.WString => true,
            PrimitiveKind.Int8 => sbyte.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out _),
            PrimitiveKind.Byte or PrimitiveKind.Char or PrimitiveKind.UInt8 => byte.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out _),
            PrimitiveKind.Int16 => short.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out _),
            PrimitiveKind.UInt16 => ushort.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out _),
            PrimitiveKind.Int32 => int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out _),
            PrimitiveKind.UInt32 => uint.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out _),
            PrimitiveKind.Int64 => long.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out _),
            PrimitiveKind.UInt64 => ulong.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out _),
            _ => false,
        };
        if (!ok)
        {
            throw new MsgParseException(line, $"'{name}': '{value}' is not a valid {PrimitiveNames.ToText(kind)}");
        }
    }

    private static IReadOnlyList<MessageSpec> ParseAction(string package, string name, List<Section> sections)
    {
        var goal = name + "_Goal";
        var result = name + "_Result";
        var feedback = name + "_Feedback";
        var prefix = package + "/action/";

        // The wrapper types rosidl generates for every action (rosidl_parser/definition.py Action).
        return
        [
            Parse(package, "action", goal, sections[0].Text, sections[0].FirstLine),
            Parse(package, "action", result, sections[1].Text, sections[1].FirstLine),
            Parse(package, "action", feedback, sections[2].Text, sections[2].FirstLine),
            Parse(package, "action", name + "_SendGoal_Request", "unique_identifier_msgs/UUID goal_id\n" + prefix + goal + " goal"),
            Parse(package, "action", name + "_SendGoal_Response", "bool accepted\nbuiltin_interfaces/Time stamp"),
            Parse(package, "action", name + "_GetResult_Request", "unique_identifier_msgs/UUID goal_id"),
            Parse(package, "action", name + "_GetResult_Response", "int8 status\n" + prefix + result + " result"),
            Parse(package, "action", name + "_FeedbackMessage", "unique_identifier_msgs/UUID goal_id\n" + prefix + feedback + " feedback"),
        ];
    }

    private static void Expect(List<Section> sections, int count, string name, string kind)
    {
        if (sections.Count != count)
        {
            var line = sections.Count > count ? sections[count].FirstLine - 1 : 0;
            throw new MsgParseException(line, $"{name}.{kind} needs {count} part(s) separated by '---', found {sections.Count}");
        }
    }

    private static List<Section> SplitSections(string text)
    {
        var sections = new List<Section>();
        var current = new StringBuilder();
        var first = 1;
        var lines = text.Replace("\r\n", "\n").Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            if (lines[i].Trim() == "---")
            {
                sections.Add(new Section(current.ToString(), first));
                current.Clear();
                first = i + 2;
                continue;
            }

            current.Append(lines[i]).Append('\n');
        }

        sections.Add(new Section(current.ToString(), first));
        return sections;
    }

    private static int ParseBound(string text, string type, int line)
    {
        if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var bound) || bound <= 0)
        {
            throw new MsgParseException(line, $"type '{type}': bound '{text}' must be a positive integer");
        }

        return bound;
    }

    private static string StripComment(string text)
    {
        var inQuote = '\0';
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (inQuote != '\0')
            {
                if (c == inQuote)
                {
                    inQuote = '\0';
                }
            }
            else if (c is '"' or '\'')
            {
                inQuote = c;
            }
            else if (c == '#')
            {
                return text.Substring(0, i).Trim();
            }
        }

        return text.Trim();
    }

    private static int IndexOfWhitespace(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsWhiteSpace(text[i]))
            {
                return i;
            }
        }

        return -1;
    }

    private readonly struct Section
    {
        public Section(string text, int firstLine)
        {
            Text = text;
            FirstLine = firstLine;
        }

        public string Text { get; }

        public int FirstLine { get; }
    }
}
