import { describe, expect, it } from "vitest";
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

  it("lets the last of duplicate keys win, as JSON.parse does", () => {
    expect(parseJson('{"a": 1, "a": "two"}', FILE).object().get("a")?.string()).toBe("two");
  });
});
