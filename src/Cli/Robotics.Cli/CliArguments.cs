using System.Globalization;

namespace Robotics.Cli;

/// <summary>
/// Minimal option parsing with ros2 CLI spellings: flags (<c>--json</c>, <c>-1</c>), options with a value
/// (<c>-r 10</c>, <c>--rate 10</c>), and positionals in order. Unknown options are errors that list the known ones.
/// </summary>
public sealed class CliArguments
{
    private readonly Dictionary<string, string?> _options = new(StringComparer.Ordinal);
    private readonly List<string> _positionals = [];

    public CliArguments(IReadOnlyList<string> args, string command, IReadOnlyCollection<string> flags, IReadOnlyDictionary<string, string> optionAliases)
    {
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            // A known flag wins over "looks like a number": `topic pub ... -1` means once (ros2's spelling), not -1.
            if (arg.Length > 1 && arg[0] == '-' && (flags.Contains(arg) || !double.TryParse(arg, NumberStyles.Float, CultureInfo.InvariantCulture, out _)))
            {
                var name = optionAliases.TryGetValue(arg, out var canonical) ? canonical : arg;
                if (flags.Contains(name))
                {
                    _options[name] = null;
                }
                else if (optionAliases.Values.Contains(name))
                {
                    if (i + 1 >= args.Count)
                    {
                        throw new CliException($"{command}: option {arg} needs a value");
                    }

                    _options[name] = args[++i];
                }
                else
                {
                    var known = string.Join(", ", flags.Concat(optionAliases.Keys).Distinct().Order(StringComparer.Ordinal));
                    throw new CliException($"{command}: unknown option '{arg}' (known: {known})");
                }
            }
            else
            {
                _positionals.Add(arg);
            }
        }
    }

    public IReadOnlyList<string> Positionals => _positionals;

    public bool Has(string flag) => _options.ContainsKey(flag);

    public string? Get(string option) => _options.TryGetValue(option, out var value) ? value : null;

    public string Positional(int index, string what, string usage) =>
        index < _positionals.Count ? _positionals[index] : throw new CliException($"missing {what}. Usage: {usage}");

    public double GetDouble(string option, double fallback)
    {
        var text = Get(option);
        if (text is null)
        {
            return fallback;
        }

        return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && double.IsFinite(value) && value >= 0
            ? value
            : throw new CliException($"option {option}: '{text}' is not a non-negative number");
    }

    public int GetInt(string option, int fallback)
    {
        var text = Get(option);
        if (text is null)
        {
            return fallback;
        }

        return int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) && value >= 0
            ? value
            : throw new CliException($"option {option}: '{text}' is not a non-negative integer");
    }
}
