import { readdir, readFile, stat } from "node:fs/promises";
import path from "node:path";
import { SECURITY_SEVERITY, SEVERITIES, type Severity } from "../findings/finding.js";
import { InputError } from "../snapshot/input-error.js";
import { baselineKey, type BaselineEntry } from "./baseline-entry.js";

export const WHAT_A_BASELINE_IS =
  "a previous trustscan report: a SARIF file (--format sarif), a JSON report (--format json), or a directory of them";

export interface Baseline {
  sources: string[];
  /** False when no baseline file existed yet (a first run). */
  found: boolean;
  entries: Map<string, BaselineEntry>;
}

type Json = Record<string, unknown>;

/** Reads a JSON document loosely, failing with the file, the JSON path and what was expected. */
class Reader {
  constructor(
    readonly file: string,
    readonly path: string,
    readonly value: unknown,
  ) {}

  fail(expected: string): never {
    throw new InputError({ file: this.file, jsonPath: this.path, expected, found: describe(this.value) });
  }

  at(key: string | number): Reader {
    const next = typeof key === "number" ? `${this.path}[${key}]` : `${this.path}.${key}`;
    const container = this.value as Json | unknown[];
    return new Reader(this.file, next, (container as Record<string | number, unknown>)[key]);
  }

  object(expected = "an object"): Reader {
    if (this.value === null || typeof this.value !== "object" || Array.isArray(this.value))
      this.fail(expected);
    return this;
  }

  array(expected = "an array"): Reader[] {
    if (!Array.isArray(this.value)) this.fail(expected);
    return this.value.map((_, index) => this.at(index));
  }

  string(expected = "a string"): string {
    if (typeof this.value !== "string") this.fail(expected);
    return this.value;
  }

  has(key: string): boolean {
    return (this.value as Json)[key] !== undefined;
  }

  strings(expected = "an array of strings"): string[] {
    return this.array(expected).map((item) => item.string(expected));
  }
}

function describe(value: unknown): string {
  if (value === undefined) return "nothing";
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  if (typeof value === "object") return "an object";
  if (typeof value === "string") return `the string ${JSON.stringify(value.slice(0, 60))}`;
  return `the ${typeof value} ${String(value)}`;
}

const SEVERITY_OF_SCORE = new Map(SEVERITIES.map((severity) => [SECURITY_SEVERITY[severity], severity]));

function severityOf(reader: Reader): Severity {
  const value = reader.string("a severity (critical, high, medium or low)");
  if (!(SEVERITIES as readonly string[]).includes(value))
    reader.fail("a severity (critical, high, medium or low)");
  return value as Severity;
}

function fromSarifResult(result: Reader): BaselineEntry | undefined {
  result.object("a SARIF result (an object)");
  // A result the previous run listed only as gone is not part of what it found.
  if ((result.value as Json)["baselineState"] === "absent") return undefined;
  const properties = result.at("properties").object("trustscan's result properties (an object)");
  const score = properties.at("security-severity");
  const severity = SEVERITY_OF_SCORE.get(score.string("a security-severity score written by trustscan"));
  if (!severity) {
    return score.fail(
      `one of trustscan's security-severity scores (${[...SEVERITY_OF_SCORE.keys()].join(", ")})`,
    );
  }
  const suppressions = result.has("suppressions") ? result.at("suppressions").array() : [];
  const archived = properties.has("archiveRule");
  return {
    ruleId: result.at("ruleId").string(),
    fingerprint: result.at("partialFingerprints").object().at("primaryLocationLineHash").string(),
    severity,
    actions: properties.at("actions").strings(),
    conditions: properties.at("conditions").strings(),
    isPublic: properties.at("isPublic").value === true,
    // Reports written before properties.active: every suppression was a cancelling guardrail.
    active: properties.has("active") ? properties.at("active").value === true : suppressions.length === 0,
    archived,
    resourceArn: properties.at("resourceArn").string(),
    accountId: properties.at("accountId").string(),
    message: result.at("message").object().at("text").string(),
  };
}

function fromJsonFinding(finding: Reader): BaselineEntry {
  finding.object("a finding (an object)");
  const resource = finding.at("resource").object();
  return {
    ruleId: finding.at("ruleId").string(),
    fingerprint: finding.at("fingerprint").string(),
    severity: severityOf(finding.at("severity")),
    actions: finding.at("actions").strings(),
    conditions: finding.at("conditions").strings(),
    isPublic: finding.at("isPublic").value === true,
    active: finding.at("active").value === true,
    archived: finding.has("archived") && (finding.value as Json)["archived"] !== null,
    resourceArn: resource.at("arn").string(),
    accountId: resource.at("accountId").string(),
    message: finding.at("message").string(),
  };
}

/** The findings of one report file, SARIF or JSON. */
export function baselineEntriesOf(file: string, document: unknown): BaselineEntry[] {
  const root = new Reader(file, "$", document).object(WHAT_A_BASELINE_IS);
  if (root.has("runs")) {
    return root
      .at("runs")
      .array("SARIF runs (an array)")
      .flatMap((run) => run.object("a SARIF run").at("results").array("the run's results (an array)"))
      .flatMap((result) => fromSarifResult(result) ?? []);
  }
  if (root.has("findings") && root.has("schemaVersion")) {
    return root.at("findings").array("the report's findings (an array)").map(fromJsonFinding);
  }
  return root.fail(WHAT_A_BASELINE_IS);
}

async function filesOf(source: string): Promise<string[] | undefined> {
  let info;
  try {
    info = await stat(source);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw new InputError({
      file: source,
      jsonPath: "$",
      expected: WHAT_A_BASELINE_IS,
      found: (error as NodeJS.ErrnoException).code ?? String(error),
    });
  }
  if (!info.isDirectory()) return [source];
  const names = (await readdir(source)).filter((name) => /\.(sarif|json)$/.test(name)).sort();
  return names.map((name) => path.join(source, name));
}

async function readDocument(file: string): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (error) {
    throw new InputError({
      file,
      jsonPath: "$",
      expected: WHAT_A_BASELINE_IS,
      found: (error as NodeJS.ErrnoException).code ?? String(error),
    });
  }
  try {
    return JSON.parse(text.replace(/^\uFEFF/, ""));
  } catch (error) {
    throw new InputError({
      file,
      jsonPath: "$",
      expected: WHAT_A_BASELINE_IS,
      found: `text that is not JSON (${error instanceof Error ? error.message : String(error)})`,
    });
  }
}

/**
 * Reads the previous run's reports. A path that does not exist yet (the first run of a scheduled job) is no
 * baseline, and every finding is then new; anything else that cannot be read is an InputError (exit 2).
 */
export async function readBaseline(sources: string[]): Promise<Baseline> {
  const entries = new Map<string, BaselineEntry>();
  let found = false;
  for (const source of sources) {
    const files = await filesOf(source);
    if (files === undefined) continue;
    found = true;
    for (const file of files) {
      for (const entry of baselineEntriesOf(file, await readDocument(file))) {
        entries.set(baselineKey(entry.ruleId, entry.fingerprint), entry);
      }
    }
  }
  return { sources, found, entries };
}
