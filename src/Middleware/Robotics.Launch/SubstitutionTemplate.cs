using System.Text;

namespace Robotics.Launch;

/// <summary>
/// Attribute text with <c>$(name arg ...)</c> substitutions, parsed with the rules of launch's frontend grammar
/// (launch/frontend/grammar.lark): arguments are separated by spaces, may be single- or double-quoted, and may nest
/// substitutions; <c>\$</c> is a literal dollar. Evaluated lazily, so a substitution in a skipped branch never runs.
/// </summary>
internal sealed class SubstitutionTemplate
{
    private const string Supported = "var, env, optenv, find-pkg-share, dirname, filename";

    private readonly List<object> _parts; // string (literal text) or Call

    private SubstitutionTemplate(List<object> parts)
    {
        _parts = parts;
    }

    public static SubstitutionTemplate Parse(string text, SourceLocation location) => new Reader(text, location).ReadTemplate();

    public string Evaluate(LaunchContext context, SourceLocation location)
    {
        var builder = new StringBuilder();
        foreach (var part in _parts)
        {
            builder.Append(part is Call call ? Evaluate(call, context, location) : (string)part);
        }

        return builder.ToString();
    }

    private static string Evaluate(Call call, LaunchContext context, SourceLocation location)
    {
        var (min, max) = call.Name switch
        {
            "var" or "find-pkg-share" => (1, 1),
            "env" or "optenv" => (1, 2),
            "dirname" or "filename" => (0, 0),
            _ => throw new LaunchException(location, $"unsupported substitution '{call.Name}' (supported: {Supported})"),
        };
        if (call.Arguments.Count < min || call.Arguments.Count > max)
        {
            var expected = min == max ? $"{min}" : $"{min} or {max}";
            throw new LaunchException(location, $"$({call.Name}) takes {expected} argument(s), got {call.Arguments.Count}");
        }

        var args = call.Arguments.Select(a => a.Evaluate(context, location)).ToList();
        return call.Name switch
        {
            "var" => context.GetConfiguration(args[0]) ?? throw new LaunchException(location,
                $"launch argument '{args[0]}' is not set: declare it with an 'arg' that has a default, or pass {args[0]}:=<value>"),
            "env" => context.GetEnvironmentVariable(args[0]) ?? (args.Count == 2 ? args[1] : throw new LaunchException(location,
                $"environment variable '{args[0]}' is not set (give a default: $(env {args[0]} <default>), or use $(optenv {args[0]}))")),
            "optenv" => context.GetEnvironmentVariable(args[0]) ?? (args.Count == 2 ? args[1] : string.Empty),
            "find-pkg-share" => context.Packages.TryGetShareDirectory(args[0], out var directory) ? directory : throw new LaunchException(location,
                $"unknown package '{args[0]}' in $(find-pkg-share) (known packages: {KnownPackages(context.Packages)})"),
            "dirname" => Path.GetDirectoryName(context.CurrentFile) ?? "/",
            _ => context.CurrentFile,
        };
    }

    private static string KnownPackages(PackageResolver packages) =>
        packages.KnownPackages.Count == 0 ? "none; no Robotics.sln above the launch file" : string.Join(", ", packages.KnownPackages.Order(StringComparer.Ordinal));

    private sealed record Call(string Name, IReadOnlyList<SubstitutionTemplate> Arguments);

    private sealed class Reader(string text, SourceLocation location)
    {
        private int _position;

        public SubstitutionTemplate ReadTemplate()
        {
            var parts = new List<object>();
            var literal = new StringBuilder();
            while (_position < text.Length)
            {
                if (At('\\') && Next() == '$')
                {
                    literal.Append('$');
                    _position += 2;
                }
                else if (AtCall())
                {
                    Flush(literal, parts);
                    parts.Add(ReadCall());
                }
                else
                {
                    literal.Append(text[_position++]);
                }
            }

            Flush(literal, parts);
            return new SubstitutionTemplate(parts);
        }

        private Call ReadCall()
        {
            _position += 2; // "$("
            var start = _position;
            while (_position < text.Length && (char.IsAsciiLetterOrDigit(text[_position]) || text[_position] is '_' or '-'))
            {
                _position++;
            }

            var name = text[start.._position];
            if (name.Length == 0 || !char.IsAsciiLetter(name[0]))
            {
                throw Fail($"expected a substitution name after '$(' in '{text}'");
            }

            var arguments = new List<SubstitutionTemplate>();
            while (true)
            {
                if (_position >= text.Length)
                {
                    throw Fail($"unterminated substitution '$({name}' in '{text}': missing ')'");
                }

                if (At(')'))
                {
                    _position++;
                    return new Call(name, arguments);
                }

                if (!At(' '))
                {
                    throw Fail($"unexpected '{text[_position]}' after '$({name}' in '{text}'");
                }

                while (At(' '))
                {
                    _position++;
                }

                if (_position < text.Length && !At(')'))
                {
                    arguments.Add(ReadArgument());
                }
            }
        }

        private SubstitutionTemplate ReadArgument()
        {
            var parts = new List<object>();
            var literal = new StringBuilder();
            var quote = At('\'') || At('"') ? text[_position++] : '\0';
            while (true)
            {
                if (_position >= text.Length)
                {
                    if (quote != '\0')
                    {
                        throw Fail($"unterminated quote {quote} in '{text}'");
                    }

                    break;
                }

                var c = text[_position];
                if (quote == '\0' ? c is ' ' or ')' : c == quote)
                {
                    _position += quote == '\0' ? 0 : 1;
                    break;
                }

                if (c == '\\' && Next() is '$' or '(' or ')' or ' ' or '\'' or '"' or '\\')
                {
                    literal.Append(Next());
                    _position += 2;
                }
                else if (AtCall())
                {
                    Flush(literal, parts);
                    parts.Add(ReadCall());
                }
                else
                {
                    literal.Append(c);
                    _position++;
                }
            }

            Flush(literal, parts);
            return new SubstitutionTemplate(parts);
        }

        private bool At(char c) => _position < text.Length && text[_position] == c;

        private bool AtCall() => At('$') && Next() == '(';

        private char Next() => _position + 1 < text.Length ? text[_position + 1] : '\0';

        private static void Flush(StringBuilder literal, List<object> parts)
        {
            if (literal.Length > 0)
            {
                parts.Add(literal.ToString());
                literal.Clear();
            }
        }

        private LaunchException Fail(string problem) => new(location, problem);
    }
}
