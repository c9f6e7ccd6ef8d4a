import { parse, type MemberNode, type ValueNode } from "@humanwhocodes/momoa";
import { describe, expect, it } from "vitest";
import { parseJson } from "../../src/snapshot/index.js";
import { TextLocator, type PathSegment } from "../../src/snapshot/text-locator.js";

/** Every value of a text with its path and the position the location-aware parser gives it. */
function momoaPositions(text: string) {
  const out: {
    path: PathSegment[];
    start: [number, number];
    end: [number, number];
    member?: [number, number];
  }[] = [];
  const visit = (node: ValueNode, path: PathSegment[], member?: MemberNode) => {
    out.push({
      path,
      start: [node.loc.start.line, node.loc.start.column],
      end: [node.loc.end.line, node.loc.end.column],
      ...(member ? { member: [member.loc.start.line, member.loc.start.column] as [number, number] } : {}),
    });
    if (node.type === "Object") {
      // JSON.parse keeps the last of duplicate keys: only that one is compared.
      const last = new Map<string, MemberNode>();
      for (const m of node.members) last.set(m.name.type === "String" ? m.name.value : m.name.name, m);
      for (const [key, m] of last) visit(m.value, [...path, key], m);
    } else if (node.type === "Array") {
      node.elements.forEach((element, index) => visit(element.value, [...path, index]));
    }
  };
  visit(parse(text, { mode: "json", ranges: false }).body, []);
  return out;
}

const TEXTS: Record<string, string> = {
  "pretty-printed": JSON.stringify({ a: [1, { b: "x", c: [true, null] }], "d e": { f: -2.5e3 } }, null, 2),
  minified: '{"a":[1,{"b":"x","c":[true,null]}],"d e":{"f":-2.50}}',
  "CRLF and lone CR": '{\r\n  "a": [\r\n    1,\r    "two"\r\n  ],\r "b": {}\r\n}',
  "escapes and quotes in strings": '{"k\\"ey": "va\\\\", "x": ["\\\\\\"", "]}[{", "\\u005c"], "y": 1}',
  "UTF-16 code units": '{"é€😀": [ "😀😀", {"ü": 1} ], "z": "\\ud83d\\ude00"}',
  "duplicate keys": '{"a": 1, "b": {"c": 2}, "a": {"d": [3]}, "b": [4]}',
  "integer-like keys": '{"b": 1, "10": 2, "a": {"2": 3, "1": 4}, "0": 5}',
  "tabs and empty containers": '{\t"a":\t[ ],\n\t"b": { },\n\t"c":[[],[{}]]}',
  "escaped keys": '{"a\\u0062": {"x": 1}, "ab": [2], "\\u0061": {"y\\"z": [3, {"w": 4}]}}',
};

describe("TextLocator: the positions of the location-aware parser, found after JSON.parse", () => {
  for (const [name, text] of Object.entries(TEXTS)) {
    it(`gives every value's start, end and member start (${name})`, () => {
      const expected = momoaPositions(text);
      const locator = new TextLocator(text);
      const spans = locator.spans(expected.map((entry) => entry.path));
      const actual = expected.map((entry, index) => {
        const span = spans[index];
        if (!span) return { path: entry.path, missing: true };
        const start = locator.position(span.start);
        const end = locator.position(span.end);
        const member = span.memberStart === undefined ? undefined : locator.position(span.memberStart);
        return {
          path: entry.path,
          start: [start.line, start.column],
          end: [end.line, end.column],
          ...(member ? { member: [member.line, member.column] } : {}),
        };
      });
      expect(actual).toEqual(expected);
    });
  }

  for (const [name, text] of Object.entries(TEXTS)) {
    it(`gives the same spans asked one at a time, deepest first, and after paths that do not exist (${name})`, () => {
      const paths = momoaPositions(text).map((entry) => entry.path);
      const together = new TextLocator(text).spans(paths);
      const locator = new TextLocator(text);
      // Missing members of objects that exist, asked before anything else about them.
      for (const path of paths) expect(locator.spans([[...path, "no such key"]])).toEqual([undefined]);
      const order = paths
        .map((_, index) => index)
        .sort((a, b) => (paths[b]?.length ?? 0) - (paths[a]?.length ?? 0));
      for (const index of order) expect(locator.spans([paths[index] ?? []])).toEqual([together[index]]);
    });

    it(`gives many positions at once as one at a time (${name})`, () => {
      // Every offset, in an order that is not the text's, with repeats.
      const offsets = Array.from({ length: text.length + 1 }, (_, i) => (i * 7) % (text.length + 1));
      const expected = offsets.map((offset) => new TextLocator(text).position(offset));
      expect(new TextLocator(text).positions([...offsets, ...offsets.slice(0, 5)])).toEqual([
        ...expected,
        ...expected.slice(0, 5),
      ]);
    });
  }

  it("has no span for a path the text does not have", () => {
    const locator = new TextLocator('{"a": [1, 2]}');
    expect(locator.spans([["a", 2], ["b"], ["a", 1]])).toEqual([
      undefined,
      undefined,
      { start: 10, end: 11 },
    ]);
  });

  it("lists keys in the order written, integer-like ones too", () => {
    const locator = new TextLocator(TEXTS["integer-like keys"] as string);
    expect(locator.keysInTextOrder([])).toEqual(["b", "10", "a", "0"]);
    expect(locator.keysInTextOrder(["a"])).toEqual(["2", "1"]);
    expect(Object.keys(JSON.parse(TEXTS["integer-like keys"] as string))).toEqual(["0", "10", "b", "a"]);
  });
});

describe("JSON nodes over JSON.parse", () => {
  it("keep the written order of keys that JavaScript would put first", () => {
    const root = parseJson(TEXTS["integer-like keys"] as string, "f.json").object();
    expect(root.keys()).toEqual(["b", "10", "a", "0"]);
    expect(root.entries().map(([key, node]) => [key, node.path])).toEqual([
      ["b", "$.b"],
      ["10", '$["10"]'],
      ["a", "$.a"],
      ["0", '$["0"]'],
    ]);
  });

  it("locate the last of duplicate keys, the one JSON.parse keeps", () => {
    const root = parseJson(TEXTS["duplicate keys"] as string, "f.json").object();
    expect(root.get("a")?.kind).toBe("object");
    expect(root.get("a")?.location).toMatchObject({ startLine: 1, startColumn: 30 });
    expect(root.locationOfKey("b")).toMatchObject({ startLine: 1, startColumn: 42, endColumn: 50 });
  });

  it("defer locations until the file's reader resolves them, all at once or only those asked for", () => {
    const text = '{\n  "a": {"x": 1},\n  "b": [true]\n}';
    const root = parseJson(text, "f.json", { deferLocations: true }).object();
    const a = root.require("a", "x").deferredLocation();
    const b = root.require("b", "x").deferredLocation();
    expect(a).toEqual({ file: "f.json", startLine: 0, startColumn: 0, endLine: 0, endColumn: 0 });
    root.node.source.resolveLocations([b]);
    expect(b).toEqual({ file: "f.json", startLine: 3, startColumn: 8, endLine: 3, endColumn: 14 });
    expect(a.startLine).toBe(0);
    root.node.source.resolveLocations();
    expect(a).toEqual({ file: "f.json", startLine: 2, startColumn: 8, endLine: 2, endColumn: 16 });
  });
});
