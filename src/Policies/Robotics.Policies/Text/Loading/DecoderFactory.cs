using Robotics.Policies.Text.Decoders;

namespace Robotics.Policies.Text.Loading;

/// <summary>Builds the <c>decoder</c> section.</summary>
internal static class DecoderFactory
{
    public static Decoder? Create(JsonSection section)
    {
        if (section.IsAbsent)
        {
            return null;
        }

        return section.Type switch
        {
            "ByteLevel" => new ByteLevelDecoder(),
            "WordPiece" => new WordPieceDecoder(section["prefix"].OptionalString() ?? "##", section["cleanup"].Boolean(true)),
            "Metaspace" => new MetaspaceDecoder(section["replacement"].Char(), PreTokenizerFactory.PrependScheme(section)),
            "ByteFallback" => new ByteFallbackDecoder(),
            "Fuse" => new FuseDecoder(),
            "Strip" => new StripDecoder(section["content"].Char(), section["start"].OptionalInt32() ?? 0, section["stop"].OptionalInt32() ?? 0),
            "Replace" => new ReplaceDecoder(PatternFactory.Create(section["pattern"]), section["content"].String()),
            "BPEDecoder" => new BpeDecoder(section["suffix"].OptionalString() ?? "</w>"),
            "Sequence" => new DecoderSequence([.. section["decoders"].Items().Select(item => Create(item.Required())!)]),
            _ => throw section.Unsupported(),
        };
    }
}
