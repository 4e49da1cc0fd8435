using System.Globalization;
using System.Text.Json;
using Robotics.Policies.Text.Models;

namespace Robotics.Policies.Text.Loading;

/// <summary>Builds the <c>model</c> section: BPE, WordPiece or WordLevel.</summary>
internal static class ModelFactory
{
    public static TokenModel Create(JsonSection section)
    {
        section.Required();
        return section.Type switch
        {
            "BPE" => Bpe(section),
            "WordPiece" => WordPiece(section),
            "WordLevel" => WordLevel(section),
            _ => throw section.Unsupported(),
        };
    }

    private static WordPieceModel WordPiece(JsonSection section)
    {
        var vocabulary = Vocabulary(section["vocab"]);
        return new WordPieceModel(
            vocabulary,
            UnknownId(vocabulary, section, "[UNK]"),
            section["continuing_subword_prefix"].OptionalString() ?? "##",
            section["max_input_chars_per_word"].OptionalInt32() ?? 100);
    }

    private static WordLevelModel WordLevel(JsonSection section)
    {
        var vocabulary = Vocabulary(section["vocab"]);
        return new WordLevelModel(vocabulary, UnknownId(vocabulary, section, "<unk>"));
    }

    private static BpeModel Bpe(JsonSection section)
    {
        var dropout = section["dropout"];
        if (!dropout.IsAbsent && dropout.Element.ValueKind == JsonValueKind.Number && dropout.Element.GetDouble() > 0)
        {
            throw new NotSupportedException($"{dropout.Path} {dropout.Element.GetDouble().ToString(CultureInfo.InvariantCulture)} is not supported: BPE dropout makes encoding random");
        }

        var vocabulary = Vocabulary(section["vocab"]);
        var unknown = section["unk_token"].OptionalString();
        var prefix = section["continuing_subword_prefix"].OptionalString();
        var options = new BpeOptions(
            unknown is null ? -1 : IdOf(vocabulary, unknown, section["unk_token"]),
            section["fuse_unk"].Boolean(false),
            section["byte_fallback"].Boolean(false),
            prefix,
            section["end_of_word_suffix"].OptionalString(),
            section["ignore_merges"].Boolean(false));
        return new BpeModel(vocabulary, Merges(section["merges"], vocabulary, prefix?.Length ?? 0), options);
    }

    // A merge is "left right" (one space) or ["left", "right"]; both halves and their join must be tokens. With a
    // continuing-subword prefix the right half's prefix is dropped from the join ("un" + "##do" → "undo").
    private static BpeMerges Merges(JsonSection section, Vocabulary vocabulary, int prefixLength)
    {
        var merges = new BpeMerges();
        var rank = 0;
        foreach (var merge in section.Required().Items())
        {
            var (left, right) = merge.Element.ValueKind == JsonValueKind.Array ? Pair(merge) : Split(merge);
            if (right.Length < prefixLength)
            {
                throw merge.Invalid($"right half \"{right}\" is shorter than the continuing_subword_prefix");
            }

            merges.Add(IdOf(vocabulary, left, merge), IdOf(vocabulary, right, merge), rank++, IdOf(vocabulary, left + right[prefixLength..], merge));
        }

        return merges;
    }

    private static (string Left, string Right) Pair(JsonSection merge)
    {
        var halves = merge.Items().Select(item => item.String()).ToArray();
        return halves.Length == 2 ? (halves[0], halves[1]) : throw merge.Invalid($"must have 2 tokens, not {halves.Length}");
    }

    private static (string Left, string Right) Split(JsonSection merge)
    {
        var halves = merge.String().Split(' ');
        return halves.Length == 2 ? (halves[0], halves[1]) : throw merge.Invalid($"\"{merge.String()}\" must be two tokens separated by one space");
    }

    private static int UnknownId(Vocabulary vocabulary, JsonSection section, string absent)
    {
        var unknown = section["unk_token"];
        return IdOf(vocabulary, unknown.OptionalString() ?? absent, unknown);
    }

    private static int IdOf(Vocabulary vocabulary, string token, JsonSection where) =>
        vocabulary.TryGetId(token, out var id) ? id : throw where.Invalid($"uses \"{token}\", which is not in model.vocab");

    private static Vocabulary Vocabulary(JsonSection section)
    {
        var ids = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var (token, id) in section.Required().Properties())
        {
            var value = id.Int32();
            ids[token] = value >= 0 ? value : throw id.Invalid($"must be a non-negative id, not {value}");
        }

        return new Vocabulary(ids);
    }
}
