import { readFile, stat } from "node:fs/promises";
import path from "node:path";
import { Ajv, type ErrorObject, type ValidateFunction } from "ajv";
import addFormatsModule from "ajv-formats";
import { isMap, isScalar, LineCounter, parseDocument, type Document, type Node } from "yaml";
import schema from "../../schemas/trustscan.config.schema.json" with { type: "json" };
import { CONFIG_FILE_NAMES, type TrustscanConfig } from "./config.js";
import { ConfigError, type ConfigProblem } from "./config-error.js";

const MAX_PROBLEMS = 10;
const MAX_CONFIG_BYTES = 1024 * 1024;

let compiled: ValidateFunction | undefined;

function validator(): ValidateFunction {
  if (!compiled) {
    const ajv = new Ajv({ allErrors: true, verbose: true, strict: false });
    addFormatsModule.default(ajv, ["date"]);
    compiled = ajv.compile(schema);
  }
  return compiled;
}

/** The config file to use: --config if given, else the first of CONFIG_FILE_NAMES in `cwd`, else none. */
export async function findConfigFile(cwd: string, given?: string): Promise<string | undefined> {
  if (given !== undefined) return path.resolve(cwd, given);
  for (const name of CONFIG_FILE_NAMES) {
    const candidate = path.join(cwd, name);
    try {
      if ((await stat(candidate)).isFile()) return candidate;
    } catch {
      // Not there: try the next name.
    }
  }
  return undefined;
}

function describeValue(value: unknown): string {
  if (value === undefined) return "nothing";
  if (value === null) return "null (an empty value)";
  if (Array.isArray(value)) return `a list of ${value.length}`;
  if (typeof value === "object") return Object.keys(value).length === 0 ? "an empty mapping" : "a mapping";
  if (typeof value === "string")
    return `the string ${JSON.stringify(value.length > 80 ? `${value.slice(0, 80)}…` : value)}`;
  return `the ${typeof value} ${String(value)}`;
}

/** `/archiveRules/0/reason` → `archiveRules[0].reason`. */
function keyOf(segments: (string | number)[]): string {
  return segments
    .map((segment, index) =>
      typeof segment === "number" ? `[${segment}]` : index === 0 ? segment : `.${segment}`,
    )
    .join("");
}

function segmentsOf(instancePath: string): (string | number)[] {
  if (instancePath === "") return [];
  return instancePath
    .slice(1)
    .split("/")
    .map((part) => part.replace(/~1/g, "/").replace(/~0/g, "~"))
    .map((part) => (/^\d+$/.test(part) ? Number(part) : part));
}

class Positions {
  constructor(
    private readonly document: Document,
    private readonly lines: LineCounter,
  ) {}

  /** Line and column of the value at `segments`, or of the nearest enclosing node that exists. */
  of(segments: (string | number)[], keyName?: string): { line: number; column: number } | undefined {
    for (let length = segments.length; length >= 0; length -= 1) {
      const node = this.document.getIn(segments.slice(0, length), true) as Node | undefined;
      if (!node?.range) continue;
      let offset = node.range[0];
      if (keyName !== undefined && length === segments.length && isMap(node)) {
        const pair = node.items.find((item) => isScalar(item.key) && item.key.value === keyName);
        if (pair && isScalar(pair.key) && pair.key.range) offset = pair.key.range[0];
      }
      const { line, col } = this.lines.linePos(offset);
      return { line, column: col };
    }
    return undefined;
  }
}

function problemOf(error: ErrorObject, file: string, positions: Positions): ConfigProblem {
  const segments = segmentsOf(error.instancePath);
  const description = (error.parentSchema as { description?: string } | undefined)?.description;
  if (error.keyword === "required") {
    const missing = (error.params as { missingProperty: string }).missingProperty;
    const property = (error.parentSchema as { properties?: Record<string, { description?: string }> })
      ?.properties?.[missing];
    return {
      file,
      ...positions.of(segments),
      key: keyOf([...segments, missing]),
      expected: `the key ${missing} (required): ${property?.description ?? "a value"}`,
      found: "nothing",
    };
  }
  if (error.keyword === "additionalProperties") {
    const extra = (error.params as { additionalProperty: string }).additionalProperty;
    const allowed = Object.keys((error.parentSchema as { properties?: object })?.properties ?? {});
    return {
      file,
      ...positions.of(segments, extra),
      key: keyOf([...segments, extra]),
      expected: `one of the keys ${allowed.join(", ")}`,
      found: `the unknown key ${JSON.stringify(extra)}`,
    };
  }
  return {
    file,
    ...positions.of(segments),
    key: keyOf(segments),
    expected: description ?? error.message ?? "a valid value",
    found: describeValue(error.data),
  };
}

/**
 * One problem per place: of the errors at one path, a `oneOf` (whose description says what was expected) stands
 * for its branches; and it gives way to errors deeper inside its value, which are more precise.
 */
function schemaProblems(errors: ErrorObject[], file: string, positions: Positions): ConfigProblem[] {
  const byPath = new Map<string, ErrorObject[]>();
  for (const error of errors)
    byPath.set(error.instancePath, [...(byPath.get(error.instancePath) ?? []), error]);
  const paths = [...byPath.keys()];
  const chosen: ErrorObject[] = [];
  for (const [instancePath, group] of byPath) {
    const oneOf = group.find((error) => error.keyword === "oneOf");
    if (!oneOf) {
      chosen.push(...group.filter((error) => error.keyword !== "if"));
      continue;
    }
    const deeper = paths.some((other) => other.startsWith(`${instancePath}/`));
    if (!deeper) chosen.push(oneOf);
  }
  return chosen
    .map((error) => problemOf(error, file, positions))
    .sort((a, b) => (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0));
}

function duplicates<T>(items: T[] | undefined, keyOfItem: (item: T) => string): number[] {
  const seen = new Set<string>();
  const repeated: number[] = [];
  (items ?? []).forEach((item, index) => {
    const key = keyOfItem(item);
    if (seen.has(key)) repeated.push(index);
    seen.add(key);
  });
  return repeated;
}

function semanticProblems(config: TrustscanConfig, file: string, positions: Positions): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  for (const index of duplicates(config.archiveRules, (rule) => rule.name)) {
    const segments = ["archiveRules", index, "name"];
    problems.push({
      file,
      ...positions.of(segments),
      key: keyOf(segments),
      expected: "a name no other archive rule has (reports name the rule that archived each finding)",
      found: describeValue(config.archiveRules?.[index]?.name),
    });
  }
  for (const index of duplicates(config.trustedAccounts, (account) => account.id)) {
    const segments = ["trustedAccounts", index, "id"];
    problems.push({
      file,
      ...positions.of(segments),
      key: keyOf(segments),
      expected: "an account not already listed in trustedAccounts",
      found: describeValue(config.trustedAccounts?.[index]?.id),
    });
  }
  return problems;
}

/** Parses and validates a config's text; throws ConfigError listing every problem (up to 10). */
export function parseConfig(text: string, file: string): TrustscanConfig {
  const lines = new LineCounter();
  const document = parseDocument(text.replace(/^\uFEFF/, ""), { lineCounter: lines, prettyErrors: false });
  if (document.errors.length > 0) {
    throw new ConfigError(
      document.errors.slice(0, MAX_PROBLEMS).map((error) => {
        const position = lines.linePos(error.pos[0]);
        return {
          file,
          line: position.line,
          column: position.col,
          key: "",
          expected: "YAML or JSON text",
          found: `a syntax error: ${error.message.split("\n")[0]}`,
        };
      }),
    );
  }
  const value: unknown = document.toJS({ maxAliasCount: 100 }) ?? {};
  const positions = new Positions(document, lines);
  const validate = validator();
  if (!validate(value)) {
    throw new ConfigError(schemaProblems(validate.errors ?? [], file, positions).slice(0, MAX_PROBLEMS));
  }
  const config = value as TrustscanConfig;
  const problems = semanticProblems(config, file, positions);
  if (problems.length > 0) throw new ConfigError(problems.slice(0, MAX_PROBLEMS));
  return config;
}

/** Reads and validates a config file; a file that cannot be read is a ConfigError too. */
export async function loadConfig(file: string): Promise<TrustscanConfig> {
  let text: string;
  try {
    const info = await stat(file);
    if (!info.isFile()) throw Object.assign(new Error("not a regular file"), { code: "not a regular file" });
    if (info.size > MAX_CONFIG_BYTES) {
      throw Object.assign(new Error("too large"), {
        code: `a file of ${info.size} bytes (the limit is 1 MiB)`,
      });
    }
    text = await readFile(file, "utf8");
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new ConfigError([
      {
        file,
        key: "",
        expected: "a readable trustscan config file (YAML or JSON)",
        found: code === "ENOENT" ? "no such file" : (code ?? String(error)),
      },
    ]);
  }
  return parseConfig(text, file);
}
