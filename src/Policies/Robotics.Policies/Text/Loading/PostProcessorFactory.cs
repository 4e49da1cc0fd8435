using Robotics.Policies.Text.PostProcessing;

namespace Robotics.Policies.Text.Loading;

/// <summary>Builds the <c>post_processor</c> section as a single-sequence template.</summary>
internal static class PostProcessorFactory
{
    public static SpecialTokenTemplate Create(JsonSection section)
    {
        if (section.IsAbsent)
        {
            return SpecialTokenTemplate.None;
        }

        switch (section.Type)
        {
            case "ByteLevel":
                return SpecialTokenTemplate.None;
            case "BertProcessing" or "RobertaProcessing":
                return new([Token(section["cls"])], 0, [Token(section["sep"])]);
            case "TemplateProcessing":
                return Template(section);
            case "Sequence":
                var template = SpecialTokenTemplate.None;
                foreach (var processor in section["processors"].Items())
                {
                    template = Create(processor.Required()).Around(template);
                }

                return template;
            default:
                throw section.Unsupported();
        }
    }

    // "cls": ["[CLS]", 101]
    private static SpecialTokenTemplate.Piece Token(JsonSection pair)
    {
        var items = pair.Required().Items().ToArray();
        return items.Length == 2 ? new(items[1].Int32(), items[0].String(), 0) : throw pair.Invalid("must be [token, id]");
    }

    // "single": [{"SpecialToken": {"id": "[CLS]", "type_id": 0}}, {"Sequence": {"id": "A", "type_id": 0}}, …] and
    // "special_tokens": {"[CLS]": {"id": "[CLS]", "ids": [101], "tokens": ["[CLS]"]}}.
    private static SpecialTokenTemplate Template(JsonSection section)
    {
        var specials = section["special_tokens"];
        var prefix = new List<SpecialTokenTemplate.Piece>();
        var suffix = new List<SpecialTokenTemplate.Piece>();
        int? sequenceTypeId = null;
        foreach (var item in section["single"].Required().Items())
        {
            if (!item["Sequence"].IsAbsent)
            {
                var sequence = item["Sequence"];
                if (sequence["id"].String() != "A" || sequenceTypeId is not null)
                {
                    throw sequence.Invalid("must be the one sequence \"A\" of a single-sequence template");
                }

                sequenceTypeId = sequence["type_id"].OptionalInt32() ?? 0;
                continue;
            }

            var special = item["SpecialToken"];
            if (special.IsAbsent)
            {
                throw item.Invalid("must be a SpecialToken or a Sequence");
            }

            var name = special["id"].String();
            var entry = specials[name];
            if (entry.IsAbsent)
            {
                throw special.Invalid($"names \"{name}\", which is not in {specials.Path}");
            }

            var ids = entry["ids"].Items().Select(id => id.Int32()).ToArray();
            var tokens = entry["tokens"].Items().Select(token => token.String()).ToArray();
            if (ids.Length != tokens.Length)
            {
                throw entry.Invalid("must have as many ids as tokens");
            }

            var typeId = special["type_id"].OptionalInt32() ?? 0;
            (sequenceTypeId is null ? prefix : suffix).AddRange(ids.Select((id, i) => new SpecialTokenTemplate.Piece(id, tokens[i], typeId)));
        }

        return sequenceTypeId is { } type ? new(prefix, type, suffix) : throw section["single"].Invalid("has no Sequence \"A\"");
    }
}
