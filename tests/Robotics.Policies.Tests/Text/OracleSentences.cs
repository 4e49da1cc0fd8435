namespace Robotics.Policies.Tests.Text;

/// <summary>The texts every fixture encodes against the oracle: instructions, casing, punctuation, digits,
/// accents, CJK, emoji, odd whitespace, invisible characters, over-long words, the empty string.</summary>
public static class OracleSentences
{
    public const string Symbols = "robot-arm @home #1 $5 100% (a) [b] {c} <d> a+b=c ~/ \"quoted\" `tick` ^caret | pipe";
    public const string PunctuationRuns = "??!! ... -- ,,";
    public const string TrailingDots = "ends with punctuation...";

    public static readonly string[] Common =
    [
        "pick up the red cube",
        "Pick up the RED cube and place it on the blue plate.",
        "move 3 blocks 25 cm to the left, then stop!",
        "open the drawer; grasp the mug's handle",
        "don't drop it - you're holding the bottle we'll need, I'm sure they've said it'd work",
        "'s 't 're 've 'm 'll 'd 'S 'LL",
        "Put the café crème next to the naïve robot",
        "ÉCOLE Ä Ö Ü ß Øresund İstanbul",
        "e\u0301 versus \u00e9 and A\u030a versus \u00c5",
        "把红色方块放在盘子上",
        "把 the 红 cube",
        "stack 🟥 on 🟦 🤖 then 👍🏽",
        "🤖pick the cube🟥",
        "  leading and trailing spaces  ",
        "tabs\tand\nnewlines\r\nmixed\u000bhere",
        "multiple    spaces   between words",
        "",
        " ",
        "\n\n",
        "1234567890 3.14159 x86_64 v2.0 007",
        Symbols,
        PunctuationRuns,
        TrailingDots,
        "\ufb01nd the \u2460st \uff21\uff22\uff23 block \u00bd",
        "zero\u200bwidth and\u00a0nbsp and\u3000ideographic",
        "a very long word: " + new string('x', 120),
        "supercalifragilisticexpialidocious",
        "UPPER lower MiXeD",
        "unknown ☃ snowman and \u00f8 and \u00e6",
        "pick up the red cube and place it on the blue plate then move the arm to the left and open the top drawer slowly",
    ];

    /// <summary>Texts with the fixture's own added tokens in them.</summary>
    public static string[] For(string fixture) => fixture switch
    {
        "bert-uncased-wordpiece.json" or "normalizer-sequence-wordpiece.json" =>
            [.. Common, "[CLS] pick [SEP] up [MASK] the cube", "[MASK][MASK]cube[SEP]", "[cls] lowercase is not special"],
        "gpt2-byte-level-bpe.json" => [.. Common, "<|endoftext|>pick up<|endoftext|> the cube", "a<|endoftext|>b", "<|endoftext|>"],
        "roberta-byte-level-bpe.json" => [.. Common, "<s> pick <mask> cube</s>", "pick up the    <mask>", "<pad><unk>"],
        "llama3-split-byte-level-bpe.json" => [.. Common, "<|begin_of_text|>pick<|eot_id|> up", "x<|end_of_text|>"],
        "llama2-sentencepiece-bpe.json" or "metaspace-sentencepiece-bpe.json" => [.. Common, "<s>pick up</s> the cube", "the <unk> cube </s>", "<s> leading"],
        _ => Common,
    };
}
