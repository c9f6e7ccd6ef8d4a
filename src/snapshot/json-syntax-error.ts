import { tokenize } from "@humanwhocodes/momoa";
import { childPath, elementPath } from "./json-path.js";

/** Where a JSON text stops being valid, what is there, and the JSON path of the value being read there. */
export interface SyntaxProblem {
  line: number;
  column: number;
  jsonPath: string;
  found: string;
}

interface MomoaSyntaxError {
  message: string;
  offset: number;
}

/** Momoa's stand-in for "no more characters" in its UnexpectedChar messages. */
const END_OF_INPUT_CHAR = "\uffff";

const TOKEN_NAMES: Record<string, string> = {
  Comma: "','",
  Colon: "':'",
  LBrace: "'{'",
  RBrace: "'}'",
  LBracket: "'['",
  RBracket: "']'",
  String: "string",
  Number: "number",
  Boolean: "boolean",
  Null: "null",
};

/**
 * Explains a momoa parse error. Momoa reports a file cut off after a complete token as an unexpected
 * token (`{"a": [1, 2` → "Unexpected token Number"), and its end-of-input position can be one line
 * early, so truncation is detected here and reported at the end of the content.
 */
export function explainSyntaxError(text: string, error: unknown): SyntaxProblem {
  const momoaError = asMomoaError(error);
  const offset = Math.min(Math.max(momoaError?.offset ?? 0, 0), text.length);
  const message = momoaError?.message ?? String(error);
  if (isTruncation(text, message, offset)) {
    const end = text.trimEnd().length;
    return {
      ...lineAndColumn(text, end),
      jsonPath: pathAt(text, end),
      found: "the end of the file (is it truncated?)",
    };
  }
  return { ...lineAndColumn(text, offset), jsonPath: pathAt(text, offset), found: describeMessage(message) };
}

function asMomoaError(error: unknown): MomoaSyntaxError | undefined {
  if (error instanceof Error && typeof (error as Partial<MomoaSyntaxError>).offset === "number") {
    return error as Error & MomoaSyntaxError;
  }
  return undefined;
}

function isTruncation(text: string, message: string, offset: number): boolean {
  if (message.startsWith("Unexpected end of input")) return true;
  if (message.includes(`'${END_OF_INPUT_CHAR}'`)) return true;
  if (!message.startsWith("Unexpected token")) return false;
  // The offending token is the last one in the file, and does not close anything: the document stopped
  // where more was needed. (A misplaced closing bracket at the end is a plain syntax error.)
  try {
    const rest = tokenize(text.slice(offset), { mode: "json" });
    return rest.length === 1 && rest[0]?.type !== "RBrace" && rest[0]?.type !== "RBracket";
  } catch {
    return false;
  }
}

function describeMessage(message: string): string {
  const withoutPosition = message.replace(/\s*\(\d+:\d+\)\s*$/, "");
  const token = /^Unexpected token (\w+) found/.exec(withoutPosition);
  if (token?.[1]) return `an unexpected ${TOKEN_NAMES[token[1]] ?? token[1]}`;
  const char = /^Unexpected character '(.*)' found/su.exec(withoutPosition);
  if (char?.[1] !== undefined) return `the character ${JSON.stringify(char[1])}`;
  const identifier = /^Unexpected identifier '(.*)' found/su.exec(withoutPosition);
  if (identifier?.[1] !== undefined) return `'${identifier[1]}' (not a JSON value)`;
  return withoutPosition.charAt(0).toLowerCase() + withoutPosition.slice(1);
}

/** 1-based line and column (in UTF-16 code units, like momoa and SARIF's default) of a text offset. */
export function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (
    let index = text.indexOf("\n");
    index !== -1 && index < offset;
    index = text.indexOf("\n", index + 1)
  ) {
    line += 1;
    lineStart = index + 1;
  }
  return { line, column: offset - lineStart + 1 };
}

interface Frame {
  kind: "object" | "array";
  key?: string;
  index: number;
}

/**
 * The JSON path of the value being read at `offset`, from a light scan of the (possibly broken) text before
 * it; at most `maxLevels` levels deep. A key cut off before its closing quote is not a key yet: the path is
 * then the object's.
 */
export function pathAt(text: string, offset: number, maxLevels = Number.POSITIVE_INFINITY): string {
  const frames: Frame[] = [];
  let expectingKey = false;
  for (let index = 0; index < offset; index += 1) {
    const char = text[index];
    const top = frames[frames.length - 1];
    if (char === '"') {
      const end = stringEnd(text, index);
      if (top?.kind === "object" && expectingKey && end !== undefined && end <= offset) {
        top.key = decodeString(text.slice(index, end));
        expectingKey = false;
      }
      index = (end ?? text.length) - 1;
    } else if (char === "{") {
      frames.push({ kind: "object", index: 0 });
      expectingKey = true;
    } else if (char === "[") {
      frames.push({ kind: "array", index: 0 });
    } else if (char === "}" || char === "]") {
      frames.pop();
      expectingKey = false;
    } else if (char === "," && top) {
      if (top.kind === "array") {
        top.index += 1;
      } else {
        delete top.key;
        expectingKey = true;
      }
    }
  }
  let path = "$";
  for (const frame of frames.slice(0, maxLevels)) {
    if (frame.kind === "array") path = elementPath(path, frame.index);
    else if (frame.key !== undefined) path = childPath(path, frame.key);
    else break;
  }
  return path;
}

/** Offset just after the closing quote of the string starting at `start`; undefined if it is never closed. */
function stringEnd(text: string, start: number): number | undefined {
  for (let index = start + 1; index < text.length; index += 1) {
    if (text[index] === "\\") index += 1;
    else if (text[index] === '"') return index + 1;
  }
  return undefined;
}

function decodeString(literal: string): string {
  try {
    return JSON.parse(literal) as string;
  } catch {
    return literal.replace(/^"|"$/g, "");
  }
}
