#!/usr/bin/env node
// CDR conformance peer: an *independent* implementation (@foxglove/rosmsg2-serialization 3.1.0)
// that our C# serializer is checked against. Test tooling only, never product code.
//
// Usage:  node tests/interop/cdr-peer.mjs < cases.json > results.json
//
// stdin:  { "cases": [ { "id", "mode": "decode"|"encode", "schema", "type", "hex"?, "value"? } ] }
//   schema: ros2msg text (root .msg, then per dependency a line of 80 '=', "MSG: pkg/Type", its .msg).
//           The first definition is the root; `type` is informational only.
//   hex:    full CDR buffer incl. the 4-byte encapsulation header; whitespace is ignored.
// stdout: { "results": [ { "id", "ok": true, "value" } | { "id", "ok": true, "hex", "size" }
//                        | { "id", "ok": false, "error" } ] }
//   hex out is lowercase, no spaces. Decode results also carry "consumed" (bytes the reader
//   used), so trailing padding in the input is visible.
//   A failing case never stops the others; exit code is 0 unless stdin itself is unusable.
//
// JSON mapping (same in both directions):
//   bool                         -> true / false
//   int8..int32, uint8..uint32   -> JSON number
//   int64, uint64                -> decimal string, e.g. "-9223372036854775808" (JSON numbers lose
//                                   precision above 2^53). Encode also accepts a safe-integer number.
//   float32, float64             -> JSON number; NaN / +Inf / -Inf / negative zero -> the strings
//                                   "NaN", "Infinity", "-Infinity", "-0" (JSON has no spelling for them,
//                                   and JSON.stringify(-0) would silently drop the sign).
//   string                       -> JSON string. Encode refuses non-ASCII (foxglove 3.1.0 writer bug,
//                                   see scalarFromJson); decode handles UTF-8. wstring -> error.
//   T[] / T[N] / T[<=N]          -> plain JSON array of the element mapping; this includes
//                                   uint8[]/int8[]/byte[] (foxglove returns typed arrays; we flatten).
//   builtin_interfaces/Time and /Duration
//                                -> { "sec": int32, "nanosec": uint32 }. foxglove's ros2 parser turns
//                                   these two types into primitives "time"/"duration"; MessageReader's
//                                   default timeType "sec,nanosec" yields exactly these names
//                                   (ROS 1 style "nsec" only with timeType "sec,nsec", not used here).
//   nested message               -> JSON object keyed by field name.
// Encode is strict on purpose: foxglove's writer silently writes defaults for missing or wrongly
// typed fields (e.g. a "NaN" string or an int64 string would become 0), which would hide test bugs.
// So we walk the schema, reject unknown/missing fields and out-of-range integers, and convert
// JSON -> what MessageWriter accepts (BigInt for 64-bit, typed arrays for numeric sequences).

import { parse } from "@foxglove/rosmsg";
import { MessageReader, MessageWriter } from "@foxglove/rosmsg2-serialization";
import { readFileSync } from "node:fs";

const INT_RANGES = {
  int8: [-(2 ** 7), 2 ** 7 - 1], uint8: [0, 2 ** 8 - 1], byte: [0, 255], char: [0, 255],
  int16: [-(2 ** 15), 2 ** 15 - 1], uint16: [0, 2 ** 16 - 1],
  int32: [-(2 ** 31), 2 ** 31 - 1], uint32: [0, 2 ** 32 - 1],
};
const BIG_RANGES = { int64: [-(2n ** 63n), 2n ** 63n - 1n], uint64: [0n, 2n ** 64n - 1n] };
const TYPED = {
  int8: Int8Array, uint8: Uint8Array, byte: Uint8Array, char: Uint8Array, int16: Int16Array,
  uint16: Uint16Array, int32: Int32Array, uint32: Uint32Array, int64: BigInt64Array,
  uint64: BigUint64Array, float32: Float32Array, float64: Float64Array,
};
const SPECIAL_FLOATS = { NaN: NaN, Infinity: Infinity, "-Infinity": -Infinity, "-0": -0 };

// ---------- decode: foxglove object -> JSON (type-driven by JS value, schema not needed) ----------
function toJson(v) {
  if (typeof v === "bigint") return v.toString();
  if (typeof v === "number") {
    if (Number.isNaN(v)) return "NaN";
    if (v === Infinity) return "Infinity";
    if (v === -Infinity) return "-Infinity";
    if (Object.is(v, -0)) return "-0";
    return v;
  }
  if (ArrayBuffer.isView(v) || Array.isArray(v)) return Array.from(v, toJson);
  if (v !== null && typeof v === "object") {
    const out = {};
    for (const [k, x] of Object.entries(v)) out[k] = toJson(x);
    return out;
  }
  return v; // string, boolean
}

// ---------- encode: JSON -> what MessageWriter accepts (schema-driven) ----------
function scalarFromJson(type, v, path) {
  const fail = (why) => { throw new Error(`${path}: ${why} (got ${JSON.stringify(v)}, type ${type})`); };
  if (type === "bool") return typeof v === "boolean" ? v : fail("expected boolean");
  if (type === "string") {
    if (typeof v !== "string") fail("expected string");
    // foxglove 3.1.0 sizes strings by UTF-16 length, so non-ASCII text is written truncated/wrong
    // (e.g. "hé" -> len 3, bytes 68 00 00). Refuse rather than report a bogus mismatch.
    if (!/^[\x00-\x7f]*$/.test(v)) fail("non-ASCII string: foxglove 3.1.0 writer mis-encodes it (decode is fine)");
    return v;
  }
  if (type === "wstring") return fail("wstring is not supported by the foxglove peer");
  if (type === "float32" || type === "float64") {
    if (typeof v === "number") return v;
    if (typeof v === "string" && v in SPECIAL_FLOATS) return SPECIAL_FLOATS[v];
    return fail("expected number or NaN/Infinity/-Infinity/-0 string");
  }
  if (type in BIG_RANGES) {
    let b;
    if (typeof v === "string" && /^-?\d+$/.test(v)) b = BigInt(v);
    else if (Number.isSafeInteger(v)) b = BigInt(v);
    else fail("expected decimal string or safe integer");
    const [lo, hi] = BIG_RANGES[type];
    return b >= lo && b <= hi ? b : fail("out of range");
  }
  if (type in INT_RANGES) {
    const [lo, hi] = INT_RANGES[type];
    return Number.isInteger(v) && v >= lo && v <= hi ? v : fail("expected integer in range");
  }
  if (type === "time" || type === "duration") {
    const o = messageFromJson([{ name: "sec", type: "int32" }, { name: "nanosec", type: "uint32" }], v, path);
    return { sec: o.sec, nanosec: o.nanosec };
  }
  return fail("unsupported primitive type");
}

function messageFromJson(fields, v, path, defs) {
  if (v === null || typeof v !== "object" || Array.isArray(v)) throw new Error(`${path}: expected object`);
  const live = fields.filter((f) => f.isConstant !== true);
  const known = new Set(live.map((f) => f.name));
  for (const k of Object.keys(v)) if (!known.has(k)) throw new Error(`${path}: unknown field '${k}'`);
  const out = {};
  for (const f of live) {
    const p = `${path}.${f.name}`;
    if (!(f.name in v)) throw new Error(`${p}: missing field`);
    const x = v[f.name];
    // Bounds are checked here because foxglove's writer ignores them.
    const checkBound = (e, ep) => {
      if (f.upperBound != undefined && typeof e === "string" && Buffer.byteLength(e) > f.upperBound) bad(ep, `string longer than ${f.upperBound}`);
    };
    const one = (e, ep) => f.isComplex === true
      ? messageFromJson(defs.get(f.type) ?? bad(ep, `unknown type ${f.type}`), e, ep, defs)
      : (checkBound(e, ep), scalarFromJson(f.type, e, ep));
    if (f.isArray === true) {
      if (!Array.isArray(x)) throw new Error(`${p}: expected array`);
      if (f.arrayLength != undefined && x.length !== f.arrayLength) throw new Error(`${p}: expected ${f.arrayLength} items`);
      if (f.arrayUpperBound != undefined && x.length > f.arrayUpperBound) throw new Error(`${p}: more than ${f.arrayUpperBound} items`);
      const items = x.map((e, i) => one(e, `${p}[${i}]`));
      // Typed arrays because the writer's 64-bit array path needs BigInt64Array/BigUint64Array.
      out[f.name] = f.isComplex !== true && f.type in TYPED ? TYPED[f.type].from(items) : items;
    } else {
      out[f.name] = one(x, p);
    }
  }
  return out;
}
function bad(path, why) { throw new Error(`${path}: ${why}`); }

// ---------- driver ----------
const toHex = (u8) => Buffer.from(u8.buffer, u8.byteOffset, u8.byteLength).toString("hex");
function fromHex(hex) {
  const clean = String(hex).replace(/\s+/g, "");
  if (!/^([0-9a-fA-F]{2})*$/.test(clean)) throw new Error("hex: not an even-length hex string");
  return new Uint8Array(Buffer.from(clean, "hex"));
}

function runCase(c) {
  const defs = parse(c.schema, { ros2: true });
  if (c.mode === "decode") {
    const reader = new MessageReader(defs);
    const value = reader.readMessage(fromHex(c.hex));
    return { value: toJson(value), consumed: reader.lastReadByteLength() };
  }
  if (c.mode === "encode") {
    const byName = new Map(defs.map((d) => [d.name ?? "", d.definitions]));
    const msg = messageFromJson(defs[0].definitions, c.value, c.type ?? "<root>", byName);
    const bytes = new MessageWriter(defs).writeMessage(msg);
    return { hex: toHex(bytes), size: bytes.byteLength };
  }
  throw new Error(`unknown mode ${JSON.stringify(c.mode)}`);
}

let input;
try {
  input = JSON.parse(readFileSync(0, "utf8"));
  if (!Array.isArray(input?.cases)) throw new Error("expected { cases: [...] }");
} catch (e) {
  process.stderr.write(`cdr-peer: bad input: ${e.message}\n`);
  process.exit(2);
}
const results = input.cases.map((c) => {
  try {
    return { id: c?.id, ok: true, ...runCase(c) };
  } catch (e) {
    return { id: c?.id, ok: false, error: String(e?.message ?? e) };
  }
});
process.stdout.write(JSON.stringify({ results }) + "\n");
