import { describe, expect, it } from "vitest";
import { parseEmbeddedJson } from "../../src/snapshot/json-file.js";
import { InputError, parseJson } from "../../src/snapshot/index.js";

const FILE = "snap/accounts/111122223333.json";

function syntaxError(text: string): InputError {
  try {
    parseJson(text, FILE);
  } catch (error) {
    if (error instanceof InputError) return error;
    throw error;
  }
  throw new Error("expected a syntax error, but the text parsed");
}

function summary(error: InputError) {
  return { line: error.line, column: error.column, jsonPath: error.jsonPath, found: error.found };
}

const TRUNCATED = "the end of the file (is it truncated?)";

describe("JSON syntax errors", () => {
  it("reports a file cut after a complete token as truncated, at the end of its content", () => {
    // Momoa calls this "Unexpected token Number" at the 2; the real problem is the missing rest.
    expect(summary(syntaxError('{\n  "a": [1, 2'))).toEqual({
      line: 2,
      column: 13,
      jsonPath: "$.a[1]",
      found: TRUNCATED,
    });
    expect(summary(syntaxError('{\n  "a": 1,\n'))).toEqual({
      line: 2,
      column: 10,
      jsonPath: "$",
      found: TRUNCATED,
    });
    expect(summary(syntaxError('{"iam": {"RoleDetailList": [{"Arn"'))).toEqual({
      line: 1,
      column: 35,
      jsonPath: "$.iam.RoleDetailList[0].Arn",
      found: TRUNCATED,
    });
  });

  it("reports truncation inside a string and after a closed object, with a trailing newline", () => {
    expect(summary(syntaxError('{"a": {"b": "unfinish'))).toEqual({
      line: 1,
      column: 22,
      jsonPath: "$.a.b",
      found: TRUNCATED,
    });
    expect(summary(syntaxError('{\n  "a": {\n    "b": 1\n  }\n'))).toEqual({
      line: 4,
      column: 4,
      jsonPath: "$.a",
      found: TRUNCATED,
    });
    expect(summary(syntaxError('{"a": "x\\'))).toMatchObject({ line: 1, column: 10, found: TRUNCATED });
  });

  it("reports a file cut inside a key at the object, not at a made-up key", () => {
    // A truncated snapshot.json once reported the path $[""].
    expect(summary(syntaxError('{"format": "trustscan-snapshot", "version": 1, "'))).toEqual({
      line: 1,
      column: 49,
      jsonPath: "$",
      found: TRUNCATED,
    });
    expect(summary(syntaxError('{"a": {"b": 1, "acc'))).toMatchObject({ jsonPath: "$.a", found: TRUNCATED });
  });

  it("reports an empty file as truncated at 1:1", () => {
    expect(summary(syntaxError(""))).toEqual({ line: 1, column: 1, jsonPath: "$", found: TRUNCATED });
  });

  it("reports a bad token where it is, with the path of the value being read", () => {
    expect(summary(syntaxError('{\n  "a": [1 2]\n}'))).toEqual({
      line: 2,
      column: 11,
      jsonPath: "$.a[0]",
      found: "an unexpected number",
    });
    expect(summary(syntaxError('{"a": 1,\n "b": tru }'))).toEqual({
      line: 2,
      column: 7,
      jsonPath: "$.b",
      found: "'tru' (not a JSON value)",
    });
    expect(summary(syntaxError('{"a": 1} x'))).toEqual({
      line: 1,
      column: 10,
      jsonPath: "$",
      found: 'the character "x"',
    });
    expect(summary(syntaxError('{"a": 1,}'))).toEqual({
      line: 1,
      column: 9,
      jsonPath: "$",
      found: "an unexpected '}'",
    });
  });

  it("counts lines of CRLF files and columns in UTF-16 units like SARIF", () => {
    expect(summary(syntaxError('{\r\n"a":\r\n 1,\r\n "b": }'))).toEqual({
      line: 4,
      column: 7,
      jsonPath: "$.b",
      found: "an unexpected '}'",
    });
    expect(summary(syntaxError('{"é€😀": 1 x}'))).toMatchObject({ line: 1, column: 12 });
  });

  it("formats the message with file, line, column, path, expectation and what was found", () => {
    expect(syntaxError('{\n  "a": [1, 2').message).toBe(
      `${FILE}:2:13: $.a[1]: expected valid JSON, found ${TRUNCATED}`,
    );
  });

  it("gives locations with 1-based lines and exclusive end columns", () => {
    const root = parseJson('{\n  "key": "value"\n}', FILE).object();
    expect(root.get("key")?.location).toEqual({
      file: FILE,
      startLine: 2,
      startColumn: 10,
      endLine: 2,
      endColumn: 17,
    });
    expect(root.location).toEqual({ file: FILE, startLine: 1, startColumn: 1, endLine: 3, endColumn: 2 });
  });

  it("reads valid JSON at any depth: JSON.parse does not recurse, and the readers never descend into it", () => {
    const nested = (depth: number, open = "[", close = "]") => `${open.repeat(depth)}1${close.repeat(depth)}`;
    for (const depth of [256, 257, 100_000]) expect(parseJson(nested(depth), FILE).kind).toBe("array");
    const objects = `{\n  "iam": ${nested(5_000, '{"a": ', "}")}\n}`;
    expect(parseJson(objects, FILE).object().get("iam")?.kind).toBe("object");
  });

  it("refuses to explain invalid JSON nested deeper than 256 levels, with the place it starts", () => {
    // The location-aware parser that explains syntax errors recurses once per level: 100,000 levels overflowed
    // its stack ("found rangeError: Maximum call stack size exceeded" at 1:1).
    const nested = (depth: number, open = "[", close = "]") => `${open.repeat(depth)}1${close.repeat(depth)}`;
    for (const depth of [257, 100_000]) {
      expect(syntaxError(`${nested(depth)}]`).message).toBe(
        `${FILE}:1:257: $[0][0][0][0][0][0][0][0]: expected JSON nested at most 256 levels deep, ` +
          "found arrays and objects nested too deeply (257 levels; at most 256 are read)",
      );
    }
    expect(summary(syntaxError(`${nested(256)}]`))).toMatchObject({ found: "an unexpected ']'" });
    const objects = `{\n  "iam": ${nested(5_000, '{"a": ', "}")}\n`;
    expect(summary(syntaxError(objects))).toEqual({
      line: 2,
      column: 10 + 6 * 255,
      jsonPath: "$.iam.a.a.a.a.a.a.a",
      found: "arrays and objects nested too deeply (257 levels; at most 256 are read)",
    });
  });

  it("refuses too deep nesting inside a JSON string (a policy as the SDKs return it) at the string", () => {
    const root = parseJson(`{\n  "Policy": ${JSON.stringify("[".repeat(10_000))}\n}`, FILE).object();
    const host = root.require("Policy", "a policy");
    expect(() => parseEmbeddedJson(host.string(), host, "a policy document")).toThrow(
      `${FILE}:2:13: $.Policy: expected a policy document, found a string holding arrays and objects nested ` +
        "too deeply (257 levels; at most 256 are read)",
    );
  });

  it("counts only brackets outside strings as nesting", () => {
    const text = JSON.stringify({ a: "[".repeat(1_000), b: ["{".repeat(1_000)] });
    expect(parseJson(text, FILE).object().get("a")?.string()).toHaveLength(1_000);
  });

  it("lets the last of duplicate keys win, as JSON.parse does", () => {
    expect(parseJson('{"a": 1, "a": "two"}', FILE).object().get("a")?.string()).toBe("two");
  });
});
