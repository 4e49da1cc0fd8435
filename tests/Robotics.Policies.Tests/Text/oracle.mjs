// Independent reference for the tokenizer tests: npm @huggingface/tokenizers (pure JS, installed by
// scripts/bootstrap from package-lock.json) and Node's ICU String.prototype.normalize.
// stdin: {"encode": [{"fixture": path, "texts": [...]}], "normalize": [{"form": "NFC", "texts": [...]}]}
// stdout: {"encode": [[{"ids", "tokens", "decoded"} or {"error"}...]...], "normalize": [[string...]...]}
import { readFileSync } from "node:fs";
import { Tokenizer } from "@huggingface/tokenizers";

const request = JSON.parse(readFileSync(0, "utf8"));
const encode = (request.encode ?? []).map(({ fixture, texts }) => {
  const tokenizer = new Tokenizer(JSON.parse(readFileSync(fixture, "utf8")), {});
  return texts.map((text) => {
    try {
      const { ids, tokens } = tokenizer.encode(text);
      // Decoding as the Rust crate does: special tokens skipped, no Python-side space clean-up.
      const decoded = ids.length === 0 ? "" : tokenizer.decode(ids, { skip_special_tokens: true, clean_up_tokenization_spaces: false });
      return { ids, tokens, decoded };
    } catch (error) {
      return { error: String(error) };
    }
  });
});
const normalize = (request.normalize ?? []).map(({ form, texts }) => texts.map((text) => text.normalize(form)));
process.stdout.write(JSON.stringify({ encode, normalize }));
