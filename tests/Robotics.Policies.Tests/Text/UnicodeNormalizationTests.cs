using System.Text;
using System.Text.Json.Nodes;
using Robotics.Policies.Text.Unicode;

namespace Robotics.Policies.Tests.Text;

/// <summary>Our NFC/NFD/NFKC/NFKD (the projects run with InvariantGlobalization, where string.Normalize is a
/// no-op) against ICU's, through Node, over every code point of the blocks that decompose.</summary>
public class UnicodeNormalizationTests
{
    private static readonly string[] _forms = ["NFC", "NFD", "NFKC", "NFKD"];

    [Fact]
    public void AllForms_MatchIcu()
    {
        var texts = Samples();
        var request = new JsonObject
        {
            ["normalize"] = new JsonArray([.. _forms.Select(form => (JsonNode)new JsonObject
            {
                ["form"] = form,
                ["texts"] = new JsonArray([.. texts.Select(t => (JsonNode)t)]),
            })]),
        };
        var reply = NodeOracle.Run(request)["normalize"]!.AsArray();
        var failures = new List<string>();
        for (var f = 0; f < _forms.Length; f++)
        {
            var form = _forms[f] switch
            {
                "NFC" => NormalizationForm.FormC,
                "NFD" => NormalizationForm.FormD,
                "NFKC" => NormalizationForm.FormKC,
                _ => NormalizationForm.FormKD,
            };
            for (var i = 0; i < texts.Count; i++)
            {
                var ours = UnicodeNormalization.Normalize(texts[i], form);
                var theirs = reply[f]![i]!.GetValue<string>();
                if (ours != theirs)
                {
                    failures.Add($"{_forms[f]} of {Hex(texts[i])}: ours {Hex(ours)}, ICU {Hex(theirs)}");
                }
            }
        }

        Assert.True(failures.Count == 0, $"{failures.Count} differences:\n{string.Join("\n", failures.Take(40))}");
    }

    [Theory]
    [InlineData("caf\u00e9", NormalizationForm.FormD, "cafe\u0301")]
    [InlineData("cafe\u0301", NormalizationForm.FormC, "caf\u00e9")]
    [InlineData("\ufb01 \u2460 \uff21", NormalizationForm.FormKC, "fi 1 A")]
    [InlineData("\ud55c", NormalizationForm.FormD, "\u1112\u1161\u11ab")]
    [InlineData("\u1112\u1161\u11ab", NormalizationForm.FormC, "\ud55c")]
    [InlineData("a\u0301\u0323", NormalizationForm.FormD, "a\u0323\u0301")] // dot below (220) sorts before acute (230)
    [InlineData("a\u0323\u0302", NormalizationForm.FormC, "\u1ead")] // ậ composes through ạ
    [InlineData("plain ascii", NormalizationForm.FormKD, "plain ascii")]
    public void Normalize_KnownCases(string text, NormalizationForm form, string expected) =>
        Assert.Equal(expected, UnicodeNormalization.Normalize(text, form));

    [Fact]
    public void Normalize_AsciiReturnsTheSameInstance()
    {
        var text = "pick up the red cube";
        Assert.Same(text, UnicodeNormalization.Normalize(text, NormalizationForm.FormKC));
    }

    private static List<string> Samples()
    {
        var samples = new List<string>();
        void AddRange(int first, int last, int step = 1)
        {
            var builder = new StringBuilder();
            for (var cp = first; cp <= last; cp += step)
            {
                if (cp is >= 0xD800 and <= 0xDFFF)
                {
                    continue;
                }

                builder.Append(char.ConvertFromUtf32(cp));
                if (builder.Length >= 96)
                {
                    samples.Add(builder.ToString());
                    builder.Clear();
                }
            }

            if (builder.Length > 0)
            {
                samples.Add(builder.ToString());
            }
        }

        AddRange(0xA0, 0x33FF); // Latin, Greek, Cyrillic, Indic, compatibility letters and symbols, Kangxi, CJK symbols
        AddRange(0xA640, 0xABFF);
        AddRange(0xAC00, 0xD7A3, 37); // Hangul syllables
        AddRange(0xF900, 0xFFEF); // CJK compatibility ideographs, presentation forms, half/fullwidth
        AddRange(0x10780, 0x107BF);
        AddRange(0x11000, 0x1133F);
        AddRange(0x1D100, 0x1D1FF); // musical symbols (decompositions that are excluded from composition)
        AddRange(0x1D400, 0x1D7FF); // mathematical alphanumerics
        AddRange(0x1F100, 0x1F2FF); // enclosed alphanumerics and ideographs
        AddRange(0x2F800, 0x2FA1F); // CJK compatibility ideographs supplement
        // Marks in every order after a starter: reordering and the composition "blocked" rule.
        string[] marks = ["\u0300", "\u0301", "\u0302", "\u0308", "\u0323", "\u0327", "\u031b", "\u0345", "\u05b0", "\u0334"];
        foreach (var starter in new[] { "a", "e", "o", "u", "\u03b1", "\u03c9", "A", "\u0399" })
        {
            foreach (var first in marks)
            {
                foreach (var second in marks)
                {
                    samples.Add(starter + first + second);
                    samples.Add(starter + first + second + "\u0307");
                }
            }
        }

        samples.AddRange(["\u1100\u1161\u11a8", "\u1100\u1161", "\uac00\u11a8", "\u0b92\u0bd7", "\u0cc6\u0cc2\u0cd5", "\u0f71\u0f72\u0f74", "\u0301a", "a\u0308\u0301\u0301"]);
        samples.AddRange(OracleSentences.Common);
        return samples;
    }

    private static string Hex(string text) => string.Join(" ", text.EnumerateRunes().Select(r => r.Value.ToString("X4", System.Globalization.CultureInfo.InvariantCulture)));
}
