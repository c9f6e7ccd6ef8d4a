import type { Random } from "./random.js";

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type Step = string | number;

/**
 * What a mutation guarantees about the result:
 * - `unreadable`: the file as a whole cannot be used (refused, or its account skipped and reported);
 * - `same`: the reader must see exactly what it saw in the original;
 * - `no-loss`: the reader may refuse the file, but whatever it drops it must report;
 * - `any`: only the general rules (no crash, no hang, problems reported, not swallowed).
 */
export type Expectation = "unreadable" | "same" | "no-loss" | "any";

export interface Mutation {
  kind: string;
  /** Enough to recognise the case in a failure message. */
  detail: string;
  bytes: Buffer;
  expect: Expectation;
  /** For invalid UTF-8: the byte offset the error must name. */
  invalidByteOffset?: number;
}

export const MUTATIONS: Record<string, (random: Random, text: string) => Mutation> = {
  truncate(random, text) {
    const bytes = Buffer.from(text);
    // Up to, not including, the closing bracket: a proper prefix of a JSON object is never valid.
    const last = bytes.length - Buffer.byteLength(text.slice(text.trimEnd().length)) - 1;
    const cut = random.int(last + 1);
    return {
      kind: "truncate",
      detail: `cut at byte ${cut}`,
      bytes: bytes.subarray(0, cut),
      expect: "unreadable",
    };
  },

  wrongType(random, text) {
    const root = JSON.parse(text) as Json;
    const node = pickNode(random, root);
    const replacement = otherTypeThan(random, node.value);
    return {
      kind: "wrong type",
      detail: `${describePath(node.path)} := ${JSON.stringify(replacement)}`,
      bytes: Buffer.from(JSON.stringify(replaced(root, node.path, replacement), null, 2)),
      expect: "no-loss",
    };
  },

  duplicateKey(random, text) {
    const root = JSON.parse(text) as Json;
    const objects = nodesOf(root).filter(
      (node) => isObject(node.value) && Object.keys(node.value).length > 0,
    );
    if (objects.length === 0) return MUTATIONS.wrongType!(random, text);
    const target = random.pick(objects);
    const object = target.value as { [key: string]: Json };
    const key = random.pick(Object.keys(object));
    const other = otherTypeThan(random, object[key] ?? null);
    const first = random.int(2) === 0;
    const marker = `${key}${MARKER}dup`;
    const members: Array<[string, Json]> = [];
    for (const [name, value] of Object.entries(object)) {
      if (name === key && first) members.push([marker, other]);
      members.push([name, value]);
      if (name === key && !first) members.push([marker, other]);
    }
    const written = JSON.stringify(replaced(root, target.path, Object.fromEntries(members)), null, 2);
    return {
      kind: "duplicate key",
      detail: `${describePath([...target.path, key])} also ${first ? "before" : "after"} as ${JSON.stringify(other)}`,
      bytes: Buffer.from(written.replace(stringLiteral(marker), stringLiteral(key))),
      expect: "no-loss",
    };
  },

  deepNesting(random, text) {
    const root = JSON.parse(text) as Json;
    const node = pickNode(random, root);
    // Deeper than the explaining parser reads (256 levels) two times in three.
    const deeperThanExplained = random.int(3) > 0;
    const depth = deeperThanExplained
      ? random.pick([257, random.between(258, 5_000), 100_000])
      : random.between(2, 200);
    const [open, close] = random.pick([
      ["[", "]"],
      ['{"a":', "}"],
      ['[{"Statement":', "}]"],
    ]);
    const placeholder = `${MARKER}deep`;
    const written = JSON.stringify(replaced(root, node.path, placeholder), null, 2);
    const deep = `${open.repeat(depth)}1${close.repeat(depth)}`;
    return {
      kind: "deep nesting",
      detail: `${describePath(node.path)} := ${depth} levels of ${open}`,
      bytes: Buffer.from(written.replace(stringLiteral(placeholder), deep)),
      // Valid JSON is read at any depth (JSON.parse does not recurse). A list replaced by a shorter nested one
      // loses its entries to the mutation, not to the reader.
      expect: Array.isArray(node.value) ? "any" : "no-loss",
    };
  },

  hugeString(random, text) {
    const root = JSON.parse(text) as Json;
    const strings = nodesOf(root).filter((node) => typeof node.value === "string");
    if (strings.length === 0) return MUTATIONS.wrongType!(random, text);
    const node = random.pick(strings);
    const piece = random.pick([
      "A",
      "é",
      "😀",
      "\\",
      '"',
      "\n",
      "\u0000",
      '{"Statement": [',
      "arn:aws:iam::*:root",
    ]);
    const length = random.between(64_000, 512_000);
    const huge = piece.repeat(Math.ceil(length / piece.length));
    return {
      kind: "huge string",
      detail: `${describePath(node.path)} := ${JSON.stringify(piece)} x ${huge.length / piece.length}`,
      bytes: Buffer.from(JSON.stringify(replaced(root, node.path, huge), null, 2)),
      expect: "no-loss",
    };
  },

  invalidUtf8(random, text) {
    const bytes = Buffer.from(text);
    let offset = random.int(bytes.length + 1);
    while (offset < bytes.length && ((bytes[offset] ?? 0) & 0xc0) === 0x80) offset -= 1;
    const bad = random.pick([
      [0xff],
      [0xfe],
      [0x80],
      [0xc0, 0xaf], // overlong "/"
      [0xed, 0xa0, 0x80], // a surrogate
      [0xe2, 0x82], // a cut-off "€"
      [0xf4, 0x90, 0x80, 0x80], // above U+10FFFF
    ]);
    return {
      kind: "invalid UTF-8",
      detail: `${bad.map((byte) => byte.toString(16)).join(" ")} at byte ${offset}`,
      bytes: Buffer.concat([bytes.subarray(0, offset), Buffer.from(bad), bytes.subarray(offset)]),
      expect: "unreadable",
      invalidByteOffset: offset,
    };
  },

  byteFlips(random, text) {
    const bytes = Buffer.from(text);
    const flips: string[] = [];
    for (let count = random.between(1, 3); count > 0; count -= 1) {
      const offset = random.int(bytes.length);
      const mask = random.between(1, 255);
      bytes[offset] = (bytes[offset] ?? 0) ^ mask;
      flips.push(`${offset}^${mask.toString(16)}`);
    }
    return { kind: "byte flips", detail: flips.join(", "), bytes, expect: "any" };
  },

  reencoded(random, text) {
    const encoding = random.pick(["utf-8 with BOM", "utf-16le with BOM", "utf-16be with BOM"]);
    const withBom = `\ufeff${text}`;
    const bytes =
      encoding === "utf-8 with BOM"
        ? Buffer.from(withBom)
        : encoding === "utf-16le with BOM"
          ? Buffer.from(withBom, "utf16le")
          : Buffer.from(withBom, "utf16le").swap16();
    return { kind: "re-encoded", detail: encoding, bytes, expect: "same" };
  },
};

/** A character no fixture holds, to mark where text is spliced in after JSON.stringify. */
const MARKER = "\u0001";

interface Node {
  path: Step[];
  value: Json;
}

function nodesOf(root: Json): Node[] {
  const nodes: Node[] = [];
  const visit = (value: Json, path: Step[]) => {
    nodes.push({ path, value });
    if (Array.isArray(value)) value.forEach((item, index) => visit(item, [...path, index]));
    else if (isObject(value)) for (const [key, item] of Object.entries(value)) visit(item, [...path, key]);
  };
  visit(root, []);
  return nodes;
}

/** A node at a random depth, then a random node at that depth: shallow levels are hit as often as deep ones. */
function pickNode(random: Random, root: Json): Node {
  const byDepth = new Map<number, Node[]>();
  for (const node of nodesOf(root)) {
    const level = byDepth.get(node.path.length) ?? [];
    level.push(node);
    byDepth.set(node.path.length, level);
  }
  return random.pick(random.pick([...byDepth.values()]));
}

const VALUES_OF_EVERY_TYPE: Json[] = [
  null,
  true,
  false,
  0,
  -1,
  1.5e300,
  123456789012,
  "",
  "x",
  "*",
  "arn:aws:iam::999999999999:root",
  [],
  [1],
  ["*"],
  {},
  { a: 1 },
  { AWS: "*" },
];

function otherTypeThan(random: Random, value: Json): Json {
  const candidates = VALUES_OF_EVERY_TYPE.filter((candidate) => typeOf(candidate) !== typeOf(value));
  return structuredClone(random.pick(candidates));
}

function typeOf(value: Json): string {
  if (value === null) return "null";
  return Array.isArray(value) ? "array" : typeof value;
}

function isObject(value: Json): value is { [key: string]: Json } {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function replaced(root: Json, path: Step[], value: Json): Json {
  if (path.length === 0) return value;
  const copy = structuredClone(root);
  let parent = copy as { [key: string]: Json } & Json[];
  for (const step of path.slice(0, -1)) parent = parent[step as never] as never;
  parent[path[path.length - 1] as never] = value as never;
  return copy;
}

function stringLiteral(value: string): string {
  return JSON.stringify(value);
}

function describePath(path: Step[]): string {
  return `$${path.map((step) => (typeof step === "number" ? `[${step}]` : `.${step}`)).join("")}`;
}
