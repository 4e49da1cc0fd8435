using System.Text.Json;
using Robotics.Policies.Text.AddedTokens;

namespace Robotics.Policies.Text.Loading;

/// <summary>Reads a whole tokenizer.json into a pipeline and the options its truncation and padding describe.</summary>
internal static class TokenizerLoader
{
    public static (TokenizerPipeline Pipeline, TokenizerOptions Options) Load(string json)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json);
        }
        catch (JsonException e)
        {
            throw new FormatException($"tokenizer.json is not valid JSON: {e.Message}", e);
        }

        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw new FormatException($"tokenizer.json must be a JSON object, not {document.RootElement.ValueKind.ToString().ToLowerInvariant()}");
            }

            var root = new JsonSection(document.RootElement, "");
            var normalizer = NormalizerFactory.Create(root["normalizer"]);
            var pipeline = new TokenizerPipeline(
                normalizer,
                PreTokenizerFactory.Create(root["pre_tokenizer"]),
                ModelFactory.Create(root["model"]),
                AddedTokens(root["added_tokens"]),
                PostProcessorFactory.Create(root["post_processor"]),
                DecoderFactory.Create(root["decoder"]));
            var options = new TokenizerOptions { Truncation = Truncation(root["truncation"]), Padding = Padding(root["padding"]) };
            return (pipeline, options);
        }
    }

    private static List<AddedToken> AddedTokens(JsonSection section)
    {
        var tokens = new List<AddedToken>();
        if (section.IsAbsent)
        {
            return tokens;
        }

        foreach (var item in section.Items())
        {
            var content = item["content"].String();
            var id = item["id"].Int32();
            var special = item["special"].Boolean(false);
            tokens.Add(new AddedToken(
                id >= 0 ? id : throw item["id"].Invalid($"must be a non-negative id, not {id}"),
                content.Length > 0 ? content : throw item["content"].Invalid("must not be empty"),
                item["single_word"].Boolean(false),
                item["lstrip"].Boolean(false),
                item["rstrip"].Boolean(false),
                item["normalized"].Boolean(!special),
                special));
        }

        return tokens;
    }

    // "truncation": {"direction": "Right", "max_length": 512, "strategy": "LongestFirst", "stride": 0}. The stride
    // only shapes overflowing windows, which a single encoding does not return.
    private static TruncationOptions? Truncation(JsonSection section)
    {
        if (section.IsAbsent)
        {
            return null;
        }

        var strategy = section["strategy"].OptionalString() ?? "LongestFirst";
        if (strategy is not ("LongestFirst" or "OnlyFirst"))
        {
            throw new NotSupportedException($"{section["strategy"].Path} \"{strategy}\" is not supported (single-sequence encoding)");
        }

        var maxLength = section["max_length"].Int32();
        return new TruncationOptions(maxLength >= 1 ? maxLength : throw section["max_length"].Invalid($"must be at least 1, not {maxLength}"),
            IsLeft(section["direction"]) ? TruncationDirection.Left : TruncationDirection.Right);
    }

    // "padding": {"strategy": "BatchLongest" | {"Fixed": 128}, "direction": "Right", "pad_to_multiple_of": null,
    // "pad_id": 0, "pad_type_id": 0, "pad_token": "[PAD]"}
    private static PaddingOptions? Padding(JsonSection section)
    {
        if (section.IsAbsent)
        {
            return null;
        }

        var strategy = section["strategy"];
        int? length = null;
        if (strategy.Element.ValueKind == JsonValueKind.Object)
        {
            length = Positive(strategy["Fixed"]);
        }
        else if ((strategy.OptionalString() ?? "BatchLongest") != "BatchLongest")
        {
            throw strategy.Invalid($"\"{strategy.String()}\" is not a padding strategy (BatchLongest or {{\"Fixed\": n}})");
        }

        var padId = section["pad_id"].OptionalInt32() ?? 0;
        return new PaddingOptions
        {
            Length = length,
            PadToMultipleOf = section["pad_to_multiple_of"].IsAbsent ? null : Positive(section["pad_to_multiple_of"]),
            PadId = padId >= 0 ? padId : throw section["pad_id"].Invalid($"must not be negative, not {padId}"),
            PadTypeId = section["pad_type_id"].OptionalInt32() ?? 0,
            PadToken = section["pad_token"].OptionalString() ?? "[PAD]",
            Direction = IsLeft(section["direction"]) ? PaddingDirection.Left : PaddingDirection.Right,
        };
    }

    private static int Positive(JsonSection section)
    {
        var value = section.Int32();
        return value >= 1 ? value : throw section.Invalid($"must be at least 1, not {value}");
    }

    private static bool IsLeft(JsonSection section) => section.OptionalString() switch
    {
        null or "Right" => false,
        "Left" => true,
        var other => throw section.Invalid($"\"{other}\" is not a direction (Left or Right)"),
    };
}
