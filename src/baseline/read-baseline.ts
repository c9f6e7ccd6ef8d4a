import { createReadStream } from "node:fs";
import { readdir, readFile, stat } from "node:fs/promises";
import path from "node:path";
import { SECURITY_SEVERITY, SEVERITIES, type Severity } from "../findings/finding.js";
import { InputError } from "../snapshot/input-error.js";
import { BaselineEntries } from "./baseline-entries.js";
import { EntryStore } from "./entry-store.js";
import type { BaselineEntry } from "./baseline-entry.js";
import { ReportSplitter } from "./report-splitter.js";

/** The report is read in pieces of this many bytes. */
const CHUNK = 1 << 20;

export const WHAT_A_BASELINE_IS =
  "a previous trustscan report: a SARIF file (--format sarif), a JSON report (--format json), or a directory of them";

export interface Baseline {
  sources: string[];
  /** False when no baseline file existed yet (a first run). */
  found: boolean;
  entries: BaselineEntries;
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

/** Checks the report's structure (the skeleton of a split reading, or the whole document); says which it is. */
function reportKind(root: Reader): "sarif" | "json" {
  root.object(WHAT_A_BASELINE_IS);
  if (root.has("runs")) {
    for (const run of root.at("runs").array("SARIF runs (an array)"))
      run.object("a SARIF run").at("results").array("the run's results (an array)");
    return "sarif";
  }
  if (root.has("findings") && root.has("schemaVersion")) {
    root.at("findings").array("the report's findings (an array)");
    return "json";
  }
  return root.fail(WHAT_A_BASELINE_IS);
}

/** The findings of one report, SARIF or JSON, parsed whole. */
export function baselineEntriesOf(file: string, document: unknown): BaselineEntry[] {
  const root = new Reader(file, "$", document);
  if (reportKind(root) === "sarif") {
    return root
      .at("runs")
      .array()
      .flatMap((run) => run.at("results").array())
      .flatMap((result) => fromSarifResult(result) ?? []);
  }
  return root.at("findings").array().map(fromJsonFinding);
}

/**
 * The findings of one report file, read a piece at a time (report-splitter.ts): each finding or result is parsed
 * and kept as a BaselineEntry as it is read, never the whole document. The same entries and the same errors as
 * baselineEntriesOf on the whole document, which explains a file that is not JSON.
 */
async function entriesOfFile(file: string, store: EntryStore): Promise<BaselineEntries> {
  const entries = { sarif: new BaselineEntries(store), json: new BaselineEntries(store) };
  // The first bad finding of each kind; which kind counts is known once the document's structure is.
  const failures: { sarif?: InputError; json?: InputError } = {};
  let notJson = false;
  const splitter = new ReportSplitter((path, text) => {
    if (notJson) return;
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch {
      notJson = true;
      return;
    }
    const kind = path.startsWith("$.findings") ? "json" : "sarif";
    if (failures[kind]) return;
    try {
      const reader = new Reader(file, path, value);
      if (kind === "json") entries.json.add(fromJsonFinding(reader));
      else {
        const entry = fromSarifResult(reader);
        if (entry) entries.sarif.add(entry);
      }
    } catch (error) {
      if (!(error instanceof InputError)) throw error;
      failures[kind] = error;
    }
  });
  await readChunks(file, (chunk) => splitter.push(chunk));
  let skeleton: unknown;
  if (!notJson) {
    try {
      skeleton = JSON.parse(splitter.end());
    } catch {
      notJson = true;
    }
  }
  if (notJson) {
    const whole = new BaselineEntries(store);
    for (const entry of baselineEntriesOf(file, await readDocument(file))) whole.add(entry);
    return whole;
  }
  const kind = reportKind(new Reader(file, "$", skeleton));
  const failure = failures[kind];
  if (failure) throw failure;
  return entries[kind];
}

function unreadable(file: string, error: unknown): InputError {
  return new InputError({
    file,
    jsonPath: "$",
    expected: WHAT_A_BASELINE_IS,
    found: (error as NodeJS.ErrnoException).code ?? String(error),
  });
}

/** Hands the file's text to `take` a chunk at a time (a byte order mark dropped). */
async function readChunks(file: string, take: (chunk: string) => void): Promise<void> {
  let first = true;
  try {
    for await (const chunk of createReadStream(file, { encoding: "utf8", highWaterMark: CHUNK })) {
      take(first ? (chunk as string).replace(/^\uFEFF/, "") : (chunk as string));
      first = false;
    }
  } catch (error) {
    if (error instanceof InputError) throw error;
    throw unreadable(file, error);
  }
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
    throw unreadable(file, error);
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
 * Reads the previous run's reports, a piece at a time: what is kept is what the comparison needs of each finding.
 * A path that does not exist yet (the first run of a scheduled job) is no
 * baseline, and every finding is then new; anything else that cannot be read is an InputError (exit 2). The
 * entries may be kept in a temporary file (entry-store.ts): dispose the baseline's store when the scan is done.
 */
export async function readBaseline(sources: string[]): Promise<Baseline> {
  const store = new EntryStore();
  try {
    let entries = new BaselineEntries(store);
    let found = false;
    for (const source of sources) {
      const files = await filesOf(source);
      if (files === undefined) continue;
      found = true;
      for (const file of files) {
        const ofFile = await entriesOfFile(file, store);
        // One report (the usual baseline) is kept as read; the others are indexed in it, from the same store.
        if (entries.size === 0) entries = ofFile;
        else entries.addAll(ofFile);
      }
    }
    return { sources, found, entries };
  } catch (error) {
    store.dispose();
    throw error;
  }
}
