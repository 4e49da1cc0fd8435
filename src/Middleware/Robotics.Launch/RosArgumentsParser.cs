namespace Robotics.Launch;

/// <summary>The command-line reader behind <see cref="RosArguments.Parse"/> (mirrors rcl/src/rcl/arguments.c).</summary>
internal static class RosArgumentsParser
{
    public const string RosArgsFlag = "--ros-args";

    private const string EndOfRosArgs = "--";

    private const string Expected = "expected -p, -r, --params-file, --log-level, -e";

    public static RosArguments Parse(IReadOnlyList<string> args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var nonRos = new List<string>();
        var remaps = new List<Remap>();
        var sources = new List<IParameterSource>();
        var levels = new List<LogLevelSetting>();
        string? enclave = null;

        var i = 0;
        while (i < args.Count)
        {
            if (args[i] != RosArgsFlag)
            {
                nonRos.Add(args[i++]);
                continue;
            }

            for (i++; i < args.Count && args[i] != EndOfRosArgs; i++)
            {
                var flag = args[i];
                switch (flag)
                {
                    case RosArgsFlag:
                        break; // a repeated --ros-args just continues the section
                    case "-p" or "--param":
                        sources.Add(ParseParameterRule(ValueOf(args, ref i)));
                        break;
                    case "-r" or "--remap":
                        remaps.Add(Remap.Parse(ValueOf(args, ref i)));
                        break;
                    case "--params-file":
                        sources.Add(ParameterFile.Load(ValueOf(args, ref i)));
                        break;
                    case "--log-level":
                        levels.Add(LogLevelSetting.Parse(ValueOf(args, ref i)));
                        break;
                    case "-e" or "--enclave":
                        enclave = ValueOf(args, ref i);
                        break;
                    default:
                        throw new LaunchException($"unknown ROS argument '{flag}' ({Expected})");
                }
            }

            i++; // step over the closing "--" (or past the end)
        }

        return new RosArguments
        {
            NonRosArguments = nonRos,
            Remaps = remaps,
            ParameterSources = sources,
            LogLevels = levels,
            Enclave = enclave,
        };
    }

    /// <summary><c>[node:]name:=yaml</c>; the node prefix targets one node, as with remap rules.</summary>
    private static ParameterOverride ParseParameterRule(string rule)
    {
        var separator = rule.IndexOf(":=", StringComparison.Ordinal);
        if (separator <= 0)
        {
            throw new LaunchException($"invalid parameter rule '{rule}' (expected [node:]name:=value, e.g. rate_hz:=100)");
        }

        var left = rule[..separator];
        string? node = null;
        var colon = left.IndexOf(':', StringComparison.Ordinal);
        if (colon >= 0)
        {
            node = left[..colon];
            left = left[(colon + 1)..];
        }

        if (left.Length == 0 || node is { Length: 0 })
        {
            throw new LaunchException($"invalid parameter rule '{rule}' (expected [node:]name:=value, e.g. rate_hz:=100)");
        }

        var value = ParameterValue.Parse(rule[(separator + 2)..], left);
        return new ParameterOverride(node, new Parameter(left, value));
    }

    private static string ValueOf(IReadOnlyList<string> args, ref int i)
    {
        var flag = args[i];
        if (i + 1 >= args.Count || args[i + 1] is EndOfRosArgs or RosArgsFlag)
        {
            throw new LaunchException($"ROS argument '{flag}' needs a value after it");
        }

        return args[++i];
    }
}
