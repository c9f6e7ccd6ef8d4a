import { readFile } from "node:fs/promises";
import { parse } from "@humanwhocodes/momoa";
import { InputError } from "./input-error.js";
import { JsonNode } from "./json-node.js";
import { explainSyntaxError } from "./json-syntax-error.js";

const BYTE_ORDER_MARK = "\ufeff";

/** Reads and parses a JSON file; every failure is an InputError naming the file (and line/column for syntax). */
export async function readJsonFile(file: string, expected = "a JSON file"): Promise<JsonNode> {
  return parseJson(await readTextFile(file, expected), file);
}

export async function readTextFile(file: string, expected: string): Promise<string> {
  try {
    const text = await readFile(file, "utf8");
    // Editors hide a byte order mark; dropping it keeps columns on line 1 as the user sees them.
    return text.startsWith(BYTE_ORDER_MARK) ? text.slice(1) : text;
  } catch (error) {
    throw new InputError({ file, jsonPath: "$", expected, found: describeFileError(error) });
  }
}

/** Parses JSON text; the root node has the path `$`. */
export function parseJson(text: string, file: string): JsonNode {
  try {
    return new JsonNode(parse(text, { mode: "json", ranges: false }).body, "$", { file, text });
  } catch (error) {
    const problem = explainSyntaxError(text, error);
    throw new InputError({
      file,
      jsonPath: problem.jsonPath,
      expected: "valid JSON",
      found: problem.found,
      line: problem.line,
      column: problem.column,
    });
  }
}

/**
 * Parses JSON held in a string value (policies as the SDKs return them). Paths continue from the string's
 * path; every node reports the string's location, the only place the user can find in the file.
 */
export function parseEmbeddedJson(text: string, host: JsonNode, expected: string): JsonNode {
  try {
    const body = parse(text, { mode: "json", ranges: false }).body;
    return new JsonNode(body, host.path, { file: host.file, text, pinnedLocation: host.location });
  } catch (error) {
    const problem = explainSyntaxError(text, error);
    return host.fail(
      expected,
      `a string that is not valid JSON (${problem.found} at line ${problem.line}, column ${problem.column} of the string)`,
    );
  }
}

export function describeFileError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  switch (code) {
    case "ENOENT":
    case "ENOTDIR":
      return "no such file or directory";
    case "EISDIR":
      return "a directory";
    case "EACCES":
    case "EPERM":
      return "a file that cannot be read (permission denied)";
    default:
      return `a file that cannot be read (${code ?? String(error)})`;
  }
}
