using System.Globalization;
using System.Reflection;

namespace Robotics.Policies.Text.Unicode;

/// <summary>
/// The Unicode decomposition, combining-class and composition tables (normalization-data.txt, generated from ICU by
/// generate-normalization-data.mjs). Loaded on first use: only tokenizers with a Unicode normalizer pay for it.
/// </summary>
internal sealed class NormalizationData
{
    private const string ResourceName = "Robotics.Policies.Text.Unicode.normalization-data.txt";
    private static readonly Lazy<NormalizationData> _instance = new(Load);

    private readonly Dictionary<int, byte> _combiningRank = [];
    private readonly Dictionary<int, int[]> _canonical = [];
    private readonly Dictionary<int, int[]> _compatibility = [];
    private readonly Dictionary<long, int> _compositions = [];

    private NormalizationData()
    {
    }

    public static NormalizationData Instance => _instance.Value;

    /// <summary>The canonical combining class as a rank: 0 for starters, higher ranks reorder after lower ones.</summary>
    public int CombiningRank(int codePoint) =>
        codePoint < 0x300 ? 0 : _combiningRank.TryGetValue(codePoint, out var rank) ? rank : 0;

    /// <summary>The full decomposition of one code point, or null where it decomposes to itself.</summary>
    public int[]? Decomposition(int codePoint, bool compatibility)
    {
        if (compatibility && _compatibility.TryGetValue(codePoint, out var mapping))
        {
            return mapping;
        }

        return _canonical.TryGetValue(codePoint, out mapping) ? mapping : null;
    }

    /// <summary>The primary composite of a pair, or -1.</summary>
    public int Compose(int first, int second) =>
        _compositions.TryGetValue(((long)first << 21) | (uint)second, out var composite) ? composite : -1;

    private static NormalizationData Load()
    {
        using var stream = typeof(NormalizationData).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"embedded resource {ResourceName} is missing from {Assembly.GetExecutingAssembly().GetName().Name}");
        using var reader = new StreamReader(stream);
        var data = new NormalizationData();
        while (reader.ReadLine() is { } line)
        {
            if (line.Length > 0 && line[0] != '#')
            {
                data.Add(line.Split(' '));
            }
        }

        return data;
    }

    private void Add(string[] fields)
    {
        switch (fields[0])
        {
            case "c":
                var (first, last) = Range(fields[1]);
                var rank = byte.Parse(fields[2], CultureInfo.InvariantCulture);
                for (var cp = first; cp <= last; cp++)
                {
                    _combiningRank[cp] = rank;
                }

                break;
            case "d":
                _canonical[Hex(fields[1])] = Mapping(fields);
                break;
            case "k":
                _compatibility[Hex(fields[1])] = Mapping(fields);
                break;
            case "r":
                var (start, end) = Range(fields[1]);
                var target = Hex(fields[2]);
                for (var cp = start; cp <= end; cp++)
                {
                    _compatibility[cp] = [target + cp - start];
                }

                break;
            case "p":
                _compositions[((long)Hex(fields[1]) << 21) | (uint)Hex(fields[2])] = Hex(fields[3]);
                break;
            default:
                throw new InvalidDataException($"{ResourceName}: unknown record '{string.Join(' ', fields)}'");
        }
    }

    private static int[] Mapping(string[] fields)
    {
        var mapping = new int[fields.Length - 2];
        for (var i = 0; i < mapping.Length; i++)
        {
            mapping[i] = Hex(fields[i + 2]);
        }

        return mapping;
    }

    private static (int First, int Last) Range(string field)
    {
        var dash = field.IndexOf('-', StringComparison.Ordinal);
        return dash < 0 ? (Hex(field), Hex(field)) : (Hex(field[..dash]), Hex(field[(dash + 1)..]));
    }

    private static int Hex(string field) => int.Parse(field, NumberStyles.HexNumber, CultureInfo.InvariantCulture);
}
