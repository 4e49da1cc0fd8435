using Robotics.Policies.Text;

namespace Robotics.Policies.Tests.Text;

/// <summary>Bad and unsupported tokenizer.json files fail at load, naming the place in the file.</summary>
public class LoadErrorTests
{
    private static readonly string _words = TokenizerJson.WordLevel("a", "b");

    [Theory]
    [InlineData("normalizer", """{"type": "Precompiled", "precompiled_charsmap": "AAAA"}""", "normalizer.type \"Precompiled\" is not supported")]
    [InlineData("normalizer", """{"type": "Sequence", "normalizers": [{"type": "NFC"}, {"type": "Nmt"}]}""", "normalizer.normalizers[1].type \"Nmt\" is not supported")]
    [InlineData("pre_tokenizer", """{"type": "UnicodeScripts"}""", "pre_tokenizer.type \"UnicodeScripts\" is not supported")]
    [InlineData("post_processor", """{"type": "Fancy"}""", "post_processor.type \"Fancy\" is not supported")]
    [InlineData("decoder", """{"type": "CTC", "pad_token": "<pad>"}""", "decoder.type \"CTC\" is not supported")]
    [InlineData("model", """{"type": "Unigram", "unk_id": 0, "vocab": [["<unk>", 0.0]]}""", "model.type \"Unigram\" is not supported")]
    [InlineData("model", """{"type": "BPE", "dropout": 0.1, "vocab": {"a": 0}, "merges": []}""", "model.dropout 0.1 is not supported")]
    [InlineData("pre_tokenizer", """{"type": "Split", "pattern": {"Regex": "[a-z&&[^aeiou]]"}, "behavior": "Isolated", "invert": false}""", "pre_tokenizer.pattern.Regex \"[a-z&&[^aeiou]]\" is not supported")]
    [InlineData("pre_tokenizer", """{"type": "Split", "pattern": {"Regex": "\\p{Han}+"}, "behavior": "Isolated", "invert": false}""", "pre_tokenizer.pattern.Regex \"\\p{Han}+\" is not supported")]
    [InlineData("truncation", """{"max_length": 8, "strategy": "OnlySecond"}""", "truncation.strategy \"OnlySecond\" is not supported")]
    public void UnsupportedComponent_IsRefusedByPathAndType(string section, string value, string message)
    {
        var error = Assert.Throws<NotSupportedException>(() => Tokenizer.FromJson(With(section, value)));
        Assert.StartsWith(message, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("model", "null", "model is missing")]
    [InlineData("model", """{"vocab": {}}""", "model.type is missing")]
    [InlineData("model", """{"type": "WordPiece", "vocab": {"a": "zero"}}""", "model.vocab[\"a\"] must be a 32-bit integer, not the string \"zero\"")]
    [InlineData("model", """{"type": "WordPiece", "vocab": {"a": 0}}""", "model.unk_token uses \"[UNK]\", which is not in model.vocab")]
    [InlineData("model", """{"type": "BPE", "vocab": {"a": 0, "b": 1}, "merges": ["a b"]}""", "model.merges[0] uses \"ab\", which is not in model.vocab")]
    [InlineData("model", """{"type": "BPE", "vocab": {"a": 0}, "merges": ["a a a"]}""", "model.merges[0] \"a a a\" must be two tokens separated by one space")]
    [InlineData("model", """{"type": "BPE", "vocab": {"a": 0}, "merges": [["a"]]}""", "model.merges[0] must have 2 tokens, not 1")]
    [InlineData("model", """{"type": "BPE", "vocab": [], "merges": []}""", "model.vocab must be an object, not array")]
    [InlineData("pre_tokenizer", """{"type": "Metaspace", "replacement": "ab"}""", "pre_tokenizer.replacement must be a single (BMP) character, not \"ab\"")]
    [InlineData("pre_tokenizer", """{"type": "Split", "pattern": {"Regex": "x"}, "behavior": "Sideways"}""", "pre_tokenizer.behavior \"Sideways\" is not a split behavior")]
    [InlineData("post_processor", """{"type": "TemplateProcessing", "single": [{"SpecialToken": {"id": "[CLS]", "type_id": 0}}, {"Sequence": {"id": "A", "type_id": 0}}], "special_tokens": {}}""", "post_processor.single[0].SpecialToken names \"[CLS]\", which is not in post_processor.special_tokens")]
    [InlineData("padding", """{"strategy": "Sometimes"}""", "padding.strategy \"Sometimes\" is not a padding strategy")]
    [InlineData("truncation", """{"max_length": 0}""", "truncation.max_length must be at least 1, not 0")]
    [InlineData("added_tokens", """[{"id": "x", "content": "<s>"}]""", "added_tokens[0].id must be a 32-bit integer")]
    public void InvalidFile_NamesWhatIsWrong(string section, string value, string message)
    {
        var error = Assert.Throws<FormatException>(() => Tokenizer.FromJson(With(section, value)));
        Assert.StartsWith(message, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"model": """, "tokenizer.json is not valid JSON")]
    [InlineData("""[1, 2]""", "tokenizer.json must be a JSON object, not array")]
    [InlineData("""{"model": {"type": "WordLevel", "vocab": {"<unk>": 0}, "unk_token": "<unk>"},}""", "tokenizer.json is not valid JSON")]
    public void MalformedJson_IsAFormatException(string json, string message)
    {
        var error = Assert.Throws<FormatException>(() => Tokenizer.FromJson(json));
        Assert.StartsWith(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FileTruncationWithoutRoomForSpecialTokens_IsRefused()
    {
        var json = TokenizerJson.Text(_words, truncation: """{"max_length": 1}""",
            postProcessor: """{"type": "BertProcessing", "sep": ["b", 2], "cls": ["a", 1]}""");
        var error = Assert.Throws<FormatException>(() => Tokenizer.FromJson(json));
        Assert.Equal("truncation.max_length 1 leaves no room for the 2 special tokens the post-processor adds", error.Message);
    }

    [Fact]
    public void Load_PrefixesTheFilePath()
    {
        var path = Path.Combine(Path.GetTempPath(), $"tokenizer-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, With("normalizer", """{"type": "Precompiled"}"""));
        try
        {
            var error = Assert.Throws<NotSupportedException>(() => Tokenizer.Load(path));
            Assert.Equal($"{path}: normalizer.type \"Precompiled\" is not supported", error.Message);
        }
        finally
        {
            File.Delete(path);
        }

        Assert.Throws<FileNotFoundException>(() => Tokenizer.Load(path));
    }

    private static string With(string section, string value) => section switch
    {
        "normalizer" => TokenizerJson.Text(_words, normalizer: value),
        "pre_tokenizer" => TokenizerJson.Text(_words, preTokenizer: value),
        "post_processor" => TokenizerJson.Text(_words, postProcessor: value),
        "decoder" => TokenizerJson.Text(_words, decoder: value),
        "truncation" => TokenizerJson.Text(_words, truncation: value),
        "padding" => TokenizerJson.Text(_words, padding: value),
        "added_tokens" => TokenizerJson.Text(_words, addedTokens: value),
        _ => TokenizerJson.Text(value),
    };
}
