using Robotics.Policies.Text;

namespace Robotics.Policies.Tests.Text;

/// <summary>Small tokenizer.json texts written inline, so that a test shows every component it depends on.</summary>
public static class TokenizerJson
{
    public static string Text(string model, string normalizer = "null", string preTokenizer = "null", string postProcessor = "null",
        string decoder = "null", string addedTokens = "[]", string truncation = "null", string padding = "null") =>
        $$"""
        {"version": "1.0", "truncation": {{truncation}}, "padding": {{padding}}, "added_tokens": {{addedTokens}},
         "normalizer": {{normalizer}}, "pre_tokenizer": {{preTokenizer}}, "post_processor": {{postProcessor}},
         "decoder": {{decoder}}, "model": {{model}}}
        """;

    public static Tokenizer Create(string model, string normalizer = "null", string preTokenizer = "null", string postProcessor = "null",
        string decoder = "null", string addedTokens = "[]", string truncation = "null", string padding = "null") =>
        Tokenizer.FromJson(Text(model, normalizer, preTokenizer, postProcessor, decoder, addedTokens, truncation, padding));

    /// <summary>A WordLevel model over the given words (ids in order), "&lt;unk&gt;" first.</summary>
    public static string WordLevel(params string[] words) =>
        $$"""{"type": "WordLevel", "unk_token": "<unk>", "vocab": {{Vocab(["<unk>", .. words])}}}""";

    public static string Vocab(IEnumerable<string> tokens) =>
        "{" + string.Join(", ", tokens.Select((t, i) => $"{System.Text.Json.JsonSerializer.Serialize(t)}: {i}")) + "}";

    public static string[] Tokens(this Tokenizer tokenizer, string text) => tokenizer.Encode(text).Tokens;
}
