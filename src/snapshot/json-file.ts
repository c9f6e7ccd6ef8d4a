import { parse } from "@humanwhocodes/momoa";
import { decodeText } from "./decode-text.js";
import { InputError } from "./input-error.js";
import { JsonNode, JsonSource, type JsonValue } from "./json-node.js";
import { MAX_NESTING_DEPTH, scanJsonShape } from "./json-shape.js";
import { explainSyntaxError, lineAndColumn, pathAt } from "./json-syntax-error.js";
import { formatBytes, MAX_TEXT_LENGTH, overBudget, parseBudget, parseMemoryNeeded } from "./parse-budget.js";
import { readRegularFile } from "./read-regular-file.js";

export { describeFileError } from "./read-regular-file.js";

export interface TextFileOptions {
  /** The snapshot directory the file must stay inside (unset for a file the user named). */
  within?: string;
}

/** Reads and parses a JSON file; every failure is an InputError naming the file (and line/column for syntax). */
export async function readJsonFile(
  file: string,
  expected = "a JSON file",
  options: TextFileOptions = {},
): Promise<JsonNode> {
  return parseJson(await readTextFile(file, expected, options), file, { deferLocations: true });
}

/**
 * A regular file's text, strictly decoded, refused before it is read when even its text alone would
 * exceed the parse budget.
 */
export async function readTextFile(
  file: string,
  expected: string,
  options: TextFileOptions = {},
): Promise<string> {
  const budget = parseBudget();
  const bytes = await readRegularFile(file, {
    expected,
    ...options,
    checkSize: (size) => {
      if (size > MAX_TEXT_LENGTH) {
        throw new InputError({
          file,
          jsonPath: "$",
          expected: `a file of at most ${formatBytes(MAX_TEXT_LENGTH)} (the longest text Node can hold)`,
          found: `a file of ${formatBytes(size)}`,
        });
      }
      // A character takes at least one byte: the text alone needs this much, whatever it holds.
      const needed = parseMemoryNeeded(size, 0);
      if (needed > budget.limit) {
        throw new InputError({
          file,
          jsonPath: "$",
          ...overBudget(budget, needed, `a file of ${formatBytes(size)}`, "at least"),
        });
      }
    },
  });
  return decodeText(bytes, file);
}

export interface ParseOptions {
  /**
   * Model locations (JsonNode.deferredLocation) are left at zero until JsonSource.resolveLocations fills them in,
   * many in one pass; by default each is looked up when made.
   */
  deferLocations?: boolean;
}

/**
 * Parses JSON text with JSON.parse; the root node has the path `$`. Positions are looked up in the text only for
 * the values that need one (JsonNode.location, deferredLocation). A syntax error is explained by the
 * location-aware parser, which is slower and needs far more memory: only invalid text gets there.
 */
export function parseJson(text: string, file: string, options: ParseOptions = {}): JsonNode {
  const overBudget = budgetProblem(text);
  if (overBudget) throw new InputError({ file, ...overBudget });
  let value: JsonValue;
  try {
    value = JSON.parse(text) as JsonValue;
  } catch {
    throw explainInvalid(text, file);
  }
  return new JsonNode(value, new JsonSource(file, text, undefined, options.deferLocations ?? false));
}

function explainInvalid(text: string, file: string): InputError {
  const problem = shapeProblem(text);
  if (problem) {
    return new InputError({
      file,
      jsonPath: problem.jsonPath,
      expected: problem.expected,
      found: problem.found,
      ...(problem.offset !== undefined ? lineAndColumn(text, problem.offset) : {}),
    });
  }
  const syntax = explainSyntaxError(text, locationAwareParseError(text));
  return new InputError({
    file,
    jsonPath: syntax.jsonPath,
    expected: "valid JSON",
    found: syntax.found,
    line: syntax.line,
    column: syntax.column,
  });
}

/** The error the location-aware parser gives for text that JSON.parse refused. */
function locationAwareParseError(text: string): unknown {
  try {
    parse(text, { mode: "json", ranges: false });
  } catch (error) {
    return error;
  }
  // Both parsers follow RFC 8259; should they ever disagree, JSON.parse's verdict stands, without a position.
  try {
    JSON.parse(text);
  } catch (error) {
    return error;
  }
  return new Error("invalid JSON");
}

/**
 * Parses JSON held in a string value (policies as the SDKs return them). Paths continue from the string's
 * path; every node reports the string's location, the only place the user can find in the file.
 */
export function parseEmbeddedJson(text: string, host: JsonNode, expected: string): JsonNode {
  const overBudget = budgetProblem(text);
  if (overBudget) return host.fail(expected, `a string holding ${overBudget.found}`);
  let value: JsonValue;
  try {
    value = JSON.parse(text) as JsonValue;
  } catch {
    const problem = shapeProblem(text);
    if (problem) return host.fail(expected, `a string holding ${problem.found}`);
    const syntax = explainSyntaxError(text, locationAwareParseError(text));
    return host.fail(
      expected,
      `a string that is not valid JSON (${syntax.found} at line ${syntax.line}, column ${syntax.column} of the string)`,
    );
  }
  return new JsonNode(value, new JsonSource(host.file, text, host), host);
}

/**
 * Text whose parse could take more memory than the budget allows. A JSON value takes at least one character, so
 * most files are known to fit from their length alone; only long ones have their values counted.
 */
function budgetProblem(text: string): Omit<ShapeProblem, "offset"> | undefined {
  const budget = parseBudget();
  if (parseMemoryNeeded(text.length, text.length) <= budget.limit) return undefined;
  const values = scanJsonShape(text).values;
  const needed = parseMemoryNeeded(text.length, values);
  if (needed <= budget.limit) return undefined;
  const what = `${count(values)} JSON values in ${count(text.length)} characters`;
  return { jsonPath: "$", ...overBudget(budget, needed, what, "about") };
}

/** Levels of the JSON path shown for a too-deep value (at its line and column): the full path has hundreds. */
const SHOWN_PATH_LEVELS = 8;

interface ShapeProblem {
  jsonPath: string;
  expected: string;
  found: string;
  offset?: number;
}

/** Input the parser must not be given: nesting that would overflow its stack, or a tree too big for the heap. */
function shapeProblem(text: string): ShapeProblem | undefined {
  const shape = scanJsonShape(text);
  if (shape.tooDeepAt !== undefined) {
    return {
      jsonPath: pathAt(text, shape.tooDeepAt, SHOWN_PATH_LEVELS),
      expected: `JSON nested at most ${MAX_NESTING_DEPTH} levels deep`,
      found: `arrays and objects nested too deeply (${MAX_NESTING_DEPTH + 1} levels; at most ${MAX_NESTING_DEPTH} are read)`,
      offset: shape.tooDeepAt,
    };
  }
  const budget = parseBudget();
  const needed = parseMemoryNeeded(text.length, shape.values);
  if (needed <= budget.limit) return undefined;
  const what = `${count(shape.values)} JSON values in ${count(text.length)} characters`;
  return { jsonPath: "$", ...overBudget(budget, needed, what, "about") };
}

function count(value: number): string {
  return value.toLocaleString("en-US");
}
