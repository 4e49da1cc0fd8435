#!/usr/bin/env node
// Peer side of the CDR benchmark: times @foxglove/rosmsg2-serialization so our C# numbers have an
// independent reference point. Benchmark tooling only, never product code.
//
// Usage:  node bench/js/cdr-bench.mjs [--quick]      (run from anywhere; schemas come from msg/)
// Output: one JSON object on stdout, ns_per_op = median of 5 timed repeats.
//
// Fairness notes for whoever compares against this:
//  * serialize = MessageWriter.writeMessage(msg): includes calculateByteSize + a fresh buffer per
//    call, which is how the library is normally used.
//  * deserialize = MessageReader.readMessage(bytes): numeric arrays and uint8[] come back as typed
//    array *views* into the input buffer (zero copy) when aligned, so Image decode does not copy the
//    921600 pixel bytes.

import { parse } from "@foxglove/rosmsg";
import { MessageReader, MessageWriter } from "@foxglove/rosmsg2-serialization";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import path from "node:path";

const MSG_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../msg");
const PRIMITIVES = new Set(["bool", "byte", "char", "int8", "uint8", "int16", "uint16", "int32",
  "uint32", "int64", "uint64", "float32", "float64", "string", "wstring"]);

// Builds the ros2msg text (root, then each dependency once after 80 '=' and "MSG: pkg/Type"),
// the same shape the conformance peer takes, from the repo's real .msg files.
function ros2msgSchema(rootType) {
  const seen = new Set();
  const parts = [];
  const visit = (full, isRoot) => {
    if (seen.has(full)) return;
    seen.add(full);
    const [pkg, name] = full.split("/");
    const text = readFileSync(path.join(MSG_DIR, pkg, "msg", `${name}.msg`), "utf8");
    parts.push(isRoot ? text : `${"=".repeat(80)}\nMSG: ${full}\n${text}`);
    for (const raw of text.split("\n")) {
      const line = raw.replace(/#.*/, "").trim();
      if (!line) continue;
      const base = line.split(/\s+/)[0].replace(/\[.*\]$/, "").replace(/<=\d+$/, "");
      if (PRIMITIVES.has(base)) continue;
      visit(base.includes("/") ? base : `${pkg}/${base}`, false);
    }
  };
  visit(rootType, true);
  return parts.join("\n");
}

function makeCase(type, msg) {
  const defs = parse(ros2msgSchema(type), { ros2: true });
  const writer = new MessageWriter(defs);
  const reader = new MessageReader(defs);
  const bytes = writer.writeMessage(msg);
  return { bytes, writer, reader, msg };
}

const header = { stamp: { sec: 1700000000, nanosec: 123456789 }, frame_id: "base" };
const joint = makeCase("sensor_msgs/JointState", {
  header,
  name: ["joint_1", "joint_2", "joint_3", "joint_4", "joint_5", "joint_6"],
  position: new Float64Array([0.1, 0.2, 0.3, 0.4, 0.5, 0.6]),
  velocity: new Float64Array([1, 2, 3, 4, 5, 6]),
  effort: new Float64Array([-1, -2, -3, -4, -5, -6]),
});
const pixels = new Uint8Array(640 * 480 * 3);
for (let i = 0; i < pixels.length; i++) pixels[i] = (i * 31) & 0xff;
const image = makeCase("sensor_msgs/Image", {
  header, height: 480, width: 640, encoding: "rgb8", is_bigendian: 0, step: 1920, data: pixels,
});

// Results feed a checksum that is printed, so V8 cannot treat any op as dead code.
let sink = 0;
const ops = {
  "jointstate6.serialize": () => { sink += joint.writer.writeMessage(joint.msg).byteLength; },
  "jointstate6.deserialize": () => {
    const m = joint.reader.readMessage(joint.bytes);
    sink += m.position[5] + m.name[5].length + m.header.stamp.nanosec;
  },
  "image640x480.serialize": () => {
    const b = image.writer.writeMessage(image.msg);
    sink += b[b.length - 1] + b.byteLength;
  },
  "image640x480.deserialize": () => {
    const m = image.reader.readMessage(image.bytes);
    sink += m.data.length + m.data[m.data.length - 1] + m.step;
  },
};

const quick = process.argv.includes("--quick");
const targetNs = quick ? 2e8 : 1e9;
const REPEATS = 5;

function timeBatch(fn, n) {
  const t0 = process.hrtime.bigint();
  for (let i = 0; i < n; i++) fn();
  return Number(process.hrtime.bigint() - t0);
}

function bench(fn) {
  // Warm-up lets the JIT settle; the last (longest) batch then sizes a repeat to ~targetNs.
  // Sizing from one long batch, not a short one, keeps a stray GC pause from skewing the count.
  let n = 1;
  let ns = 0;
  for (; ns < targetNs / 4; n *= 2) ns = timeBatch(fn, n);
  const iters = Math.max(1, Math.ceil((n / 2) * targetNs / ns));
  const samples = [];
  for (let r = 0; r < REPEATS; r++) samples.push(timeBatch(fn, iters) / iters);
  samples.sort((a, b) => a - b);
  return { ns_per_op: Math.round(samples[REPEATS >> 1] * 10) / 10, iterations: iters, repeats: REPEATS,
    min_ns: Math.round(samples[0] * 10) / 10, max_ns: Math.round(samples[REPEATS - 1] * 10) / 10 };
}

const cases = {};
for (const [name, fn] of Object.entries(ops)) cases[name] = bench(fn);
process.stdout.write(JSON.stringify({
  peer: "@foxglove/rosmsg2-serialization@3.1.0",
  node: process.version,
  quick,
  bytes: { jointstate6: joint.bytes.byteLength, image640x480: image.bytes.byteLength },
  cases,
  checksum: sink,
}) + "\n");
