// Offline checks that a SARIF log is what GitHub code scanning accepts.
// Ported from /work/shared/tools/check-sarif-github.cjs (the project's shared checker), with the further
// points of the spec's SARIF-GITHUB.md that the shared checker does not enforce (marked "spec").
import { existsSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import { Ajv } from "ajv";
import { Ajv2020 } from "ajv/dist/2020.js";
import type { ValidateFunction } from "ajv";
import addFormatsModule from "ajv-formats";

export const SARIF_SCHEMA_PATH = fileURLToPath(
  new URL("../fixtures/sarif/sarif-schema-2.1.0.json", import.meta.url),
);

let compiledSchema: ValidateFunction | undefined;

function schemaValidator(): ValidateFunction {
  if (compiledSchema) return compiledSchema;
  const schema = JSON.parse(readFileSync(SARIF_SCHEMA_PATH, "utf8")) as { $schema?: string };
  const options = { allErrors: true, strict: false, unicodeRegExp: false, validateSchema: false } as const;
  const ajv = String(schema.$schema ?? "").includes("2020-12") ? new Ajv2020(options) : new Ajv(options);
  addFormatsModule.default(ajv);
  compiledSchema = ajv.compile(schema);
  return compiledSchema;
}

/** Errors of the log against the SARIF 2.1.0 JSON schema (empty when valid). */
export function validateSarifSchema(log: unknown): string[] {
  const validate = schemaValidator();
  if (validate(log)) return [];
  return (validate.errors ?? []).map((error) => `schema${error.instancePath}: ${error.message ?? "invalid"}`);
}

export interface Violation {
  level: "error" | "warning";
  path: string;
  message: string;
}

export interface GithubCheckOptions {
  /** Results must carry primaryLocationLineHash (trustscan always supplies its own). Default true. */
  requireFingerprints?: boolean;
  /** The file's text, for the gzip size limit; defaults to the log serialised with 2-space indent. */
  text?: string;
}

// The shared checker accepts other 2.1.0 schema URIs with a warning; the spec names exactly this one.
const FINAL_SCHEMA_URI = "https://json.schemastore.org/sarif-2.1.0.json";
const SECURITY_SEVERITIES = ["9.5", "8.0", "5.5", "2.0"];
const HELP_HEADINGS = ["What it does", "Why it matters", "How to fix", "Example"];
const MAX_GZIP_BYTES = 10 * 1000 * 1000;

// The log is untrusted input here: read it through loose records, never through the SARIF types.
type Json = Record<string, unknown>;
const asRecord = (value: unknown): Json =>
  value !== null && typeof value === "object" && !Array.isArray(value) ? (value as Json) : {};
const asArray = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);
const nonEmpty = (value: unknown): value is string => typeof value === "string" && value.trim().length > 0;
const isPositiveInteger = (value: unknown): value is number =>
  Number.isInteger(value) && (value as number) >= 1;
const textOf = (value: unknown): unknown => asRecord(value)["text"];

/** Every violation of SARIF-GITHUB.md in the log; an empty list means GitHub would take it. */
export function checkGithubRules(
  log: unknown,
  repoRoot?: string,
  options: GithubCheckOptions = {},
): Violation[] {
  const violations: Violation[] = [];
  const error = (p: string, message: string) => violations.push({ level: "error", path: p, message });
  const warn = (p: string, message: string) => violations.push({ level: "warning", path: p, message });
  const requireFingerprints = options.requireFingerprints ?? true;

  const text = options.text ?? `${JSON.stringify(log, null, 2)}\n`;
  const gzipBytes = gzipSync(Buffer.from(text, "utf8")).length;
  if (gzipBytes > MAX_GZIP_BYTES)
    error("file", `gzip size ${gzipBytes} B exceeds GitHub's 10 MB upload limit`);

  const root = asRecord(log);
  const schemaUri = root["$schema"];
  if (!nonEmpty(schemaUri)) error("$schema", "missing (GitHub marks it required)");
  else if (schemaUri !== FINAL_SCHEMA_URI)
    error("$schema", `spec: '${schemaUri}' is not ${FINAL_SCHEMA_URI}`);
  if (root["version"] !== "2.1.0") error("version", "must be '2.1.0'");
  if (!Array.isArray(root["runs"]) || root["runs"].length === 0) error("runs", "must be a non-empty array");
  const runs = asArray(root["runs"]);
  if (runs.length > 20) error("runs", `${runs.length} runs > 20 per file`);
  else if (runs.length > 1) error("runs", "spec: one run per upload");

  checkTimestamps(log, "", error);

  const lineCounts = new Map<string, number>();
  const lineCount = (relative: string): number => {
    let count = lineCounts.get(relative);
    if (count === undefined) {
      const absolute = path.join(repoRoot ?? "", relative);
      count =
        existsSync(absolute) && statSync(absolute).isFile()
          ? readFileSync(absolute, "utf8").split(/\r\n|\r|\n/).length
          : -1;
      lineCounts.set(relative, count);
    }
    return count;
  };

  const checkLocation = (location: unknown, p: string, baseIds: unknown, primary: boolean): void => {
    const physical = asRecord(location)["physicalLocation"];
    if (physical === undefined) {
      error(p, 'no physicalLocation (logicalLocations alone are rejected: "expected artifact location")');
      return;
    }
    const artifact = asRecord(asRecord(physical)["artifactLocation"]);
    const uri = artifact["uri"];
    if (!nonEmpty(uri)) {
      error(`${p}.physicalLocation.artifactLocation.uri`, "missing or empty");
      return;
    }
    const uriPath = `${p}.physicalLocation.artifactLocation.uri`;
    const hasScheme = /^[a-z][a-z0-9+.-]*:/i.test(uri);
    if (/^arn:/i.test(uri))
      error(uriPath, `'${uri}' is an ARN; put the ARN in message/logicalLocations/properties`);
    else if (hasScheme) error(uriPath, `'${uri}' is an absolute URI; use a repo-relative path`);
    if (uri.startsWith("/")) error(uriPath, "leading slash: use a path relative to the repository root");
    if (uri.includes("\\")) error(uriPath, "backslash: use forward slashes");
    if (uri.split("/").includes("..") || uri.startsWith("./"))
      error(uriPath, "must be normalised (no './' or '..')");
    const baseId = artifact["uriBaseId"];
    if (baseId !== undefined && !(typeof baseId === "string" && baseId in asRecord(baseIds))) {
      warn(
        `${p}.physicalLocation.artifactLocation.uriBaseId`,
        `'${String(baseId)}' not declared in originalUriBaseIds`,
      );
    }
    const region = asRecord(physical)["region"];
    if (region === undefined) {
      error(`${p}.physicalLocation.region`, "missing (give at least startLine)");
      return;
    }
    const { startLine, startColumn, endLine, endColumn } = asRecord(region);
    const regionPath = `${p}.physicalLocation.region`;
    if (!isPositiveInteger(startLine)) error(`${regionPath}.startLine`, "must be an integer >= 1");
    if (
      endLine !== undefined &&
      !(Number.isInteger(endLine) && (endLine as number) >= (startLine as number))
    ) {
      error(`${regionPath}.endLine`, "must be >= startLine");
    }
    if (startColumn !== undefined && !isPositiveInteger(startColumn))
      error(`${regionPath}.startColumn`, "must be >= 1");
    if (primary) {
      // spec: the region spans the statement: start and end, lines and columns.
      for (const [key, value] of Object.entries({ startColumn, endLine, endColumn })) {
        if (value === undefined)
          error(`${regionPath}.${key}`, "spec: missing (the region spans the statement)");
      }
      if (endColumn !== undefined && !isPositiveInteger(endColumn))
        error(`${regionPath}.endColumn`, "must be >= 1");
      else if (
        endLine === startLine &&
        isPositiveInteger(startColumn) &&
        (endColumn as number) < startColumn
      ) {
        error(`${regionPath}.endColumn`, "must be >= startColumn on a one-line region");
      }
    }
    if (repoRoot !== undefined && !hasScheme) {
      const lines = lineCount(decodeURIComponent(uri));
      if (lines < 0) error(uriPath, `'${uri}' does not exist under ${repoRoot}`);
      else if (isPositiveInteger(startLine) && startLine > lines) {
        error(`${regionPath}.startLine`, `${startLine} > ${lines} lines in ${uri}`);
      }
    }
  };

  const seenRunKeys = new Set<string>();
  runs.forEach((runValue, runIndex) => {
    const rp = `runs[${runIndex}]`;
    const run = asRecord(runValue);
    const driverValue = asRecord(run["tool"])["driver"];
    if (driverValue === undefined) {
      error(`${rp}.tool.driver`, "missing");
      return;
    }
    const driver = asRecord(driverValue);
    if (!nonEmpty(driver["name"])) error(`${rp}.tool.driver.name`, "missing or empty");
    for (const key of ["semanticVersion", "informationUri"]) {
      if (!nonEmpty(driver[key])) error(`${rp}.tool.driver.${key}`, "spec: missing");
    }
    const automation = run["automationDetails"];
    const automationId = asRecord(automation)["id"];
    const runKey = `${String(driver["name"])}|${String(automationId)}`;
    if (seenRunKeys.has(runKey))
      error(rp, `duplicate tool+automationDetails.id (${runKey}); give each run its own category`);
    seenRunKeys.add(runKey);
    if (automation !== undefined && !nonEmpty(automationId)) error(`${rp}.automationDetails.id`, "empty");
    else if (!nonEmpty(automationId))
      error(`${rp}.automationDetails.id`, "spec: missing (the upload's category)");
    else if (!automationId.startsWith(`${String(driver["name"])}/`) || !automationId.endsWith("/")) {
      error(`${rp}.automationDetails.id`, `spec: '${automationId}' is not like '<tool>/<zone>/'`);
    }

    if (!Array.isArray(driver["rules"]))
      error(`${rp}.tool.driver.rules`, "missing (GitHub requires the array)");
    const rules = asArray(driver["rules"]).map(asRecord);
    if (rules.length > 25000) error(`${rp}.tool.driver.rules`, `${rules.length} > 25,000`);
    const ruleIds = new Map<string, number>();
    rules.forEach((rule, i) => checkRule(rule, `${rp}.tool.driver.rules[${i}]`, i, ruleIds, error, warn));

    if (!Array.isArray(run["results"])) {
      error(`${rp}.results`, "missing (GitHub requires the array, even if empty)");
      return;
    }
    const results = run["results"].map(asRecord);
    if (results.length > 25000) error(`${rp}.results`, `${results.length} > 25,000 (file rejected)`);
    else if (results.length > 5000) warn(`${rp}.results`, "only the top 5,000 results are kept");

    const seenFingerprints = new Map<string, number>();
    results.forEach((result, i) => {
      const p = `${rp}.results[${i}]`;
      const ruleId = result["ruleId"];
      if (!nonEmpty(ruleId)) error(`${p}.ruleId`, "missing (alerts are keyed by ruleId)");
      else if (!ruleIds.has(ruleId)) error(`${p}.ruleId`, `'${ruleId}' not in tool.driver.rules`);
      const ruleIndex = result["ruleIndex"];
      if (ruleIndex === undefined) error(`${p}.ruleIndex`, "spec: missing");
      else if (typeof ruleIndex !== "number" || !rules[ruleIndex]) error(`${p}.ruleIndex`, "out of range");
      else if (rules[ruleIndex]?.["id"] !== ruleId)
        error(`${p}.ruleIndex`, "does not point at the rule named by ruleId");
      const message = textOf(result["message"]);
      if (!nonEmpty(message)) error(`${p}.message.text`, "missing (message.id/arguments alone are rejected)");
      const level = result["level"];
      if (level === undefined) error(`${p}.level`, "spec: missing");
      else if (!["none", "note", "warning", "error"].includes(String(level)))
        error(`${p}.level`, `'${String(level)}' invalid`);

      const locations = result["locations"];
      if (!Array.isArray(locations) || locations.length === 0) {
        error(
          `${p}.locations`,
          'missing or empty: GitHub rejects the WHOLE file ("expected at least one location")',
        );
      } else {
        if (locations.length > 1) warn(`${p}.locations`, "only the first location is used");
        if (locations.length > 10) error(`${p}.locations`, "> 10 locations");
        locations.forEach((location, j) =>
          checkLocation(location, `${p}.locations[${j}]`, run["originalUriBaseIds"], j === 0),
        );
        checkResourceIdentity(result, locations[0], message, p, error);
      }
      asArray(result["relatedLocations"]).forEach((location, j) =>
        checkLocation(location, `${p}.relatedLocations[${j}]`, run["originalUriBaseIds"], false),
      );

      const fingerprints = result["partialFingerprints"];
      const fingerprint = asRecord(fingerprints)["primaryLocationLineHash"];
      if (
        fingerprints !== undefined &&
        Object.values(asRecord(fingerprints)).some((v) => typeof v !== "string")
      ) {
        error(`${p}.partialFingerprints`, "values must be strings");
      }
      const fingerprintPath = `${p}.partialFingerprints.primaryLocationLineHash`;
      if (fingerprint === undefined) {
        (requireFingerprints ? error : warn)(fingerprintPath, "absent (the REST API does not compute it)");
      } else if (!nonEmpty(fingerprint)) error(fingerprintPath, "empty");
      else {
        if (!/^[0-9a-f]{16}:1$/.test(fingerprint))
          error(fingerprintPath, `spec: '${fingerprint}' is not '<16 hex>:1'`);
        const key = `${String(ruleId)}|${fingerprint}`;
        const earlier = seenFingerprints.get(key);
        if (earlier !== undefined) {
          error(
            `${p}.partialFingerprints`,
            `same ruleId+primaryLocationLineHash as results[${earlier}]: one alert`,
          );
        } else seenFingerprints.set(key, i);
      }

      asArray(result["suppressions"]).forEach((value, j) => {
        const suppression = asRecord(value);
        const sp = `${p}.suppressions[${j}]`;
        if (suppression["kind"] !== "external")
          error(`${sp}.kind`, "spec: cancelled findings use kind 'external'");
        if (suppression["status"] !== "accepted")
          error(`${sp}.status`, "spec: cancelled findings use status 'accepted'");
        if (!nonEmpty(suppression["justification"]))
          error(`${sp}.justification`, "spec: name the cancelling control");
      });
    });
  });
  return violations;
}

function checkRule(
  rule: Json,
  p: string,
  index: number,
  ruleIds: Map<string, number>,
  error: (p: string, m: string) => void,
  warn: (p: string, m: string) => void,
): void {
  const id = rule["id"];
  if (!nonEmpty(id)) error(`${p}.id`, "missing");
  else if (ruleIds.has(id)) error(`${p}.id`, `duplicate '${id}'`);
  else ruleIds.set(id, index);
  const name = rule["name"];
  if (name === undefined) error(`${p}.name`, "spec: missing");
  else if (String(name).length > 255) error(`${p}.name`, "> 255 chars");
  for (const key of ["shortDescription", "fullDescription"]) {
    const text = textOf(rule[key]);
    if (!nonEmpty(text)) error(`${p}.${key}.text`, "missing (required by GitHub)");
    else if (text.length > 1024) error(`${p}.${key}.text`, "> 1024 chars");
  }
  const help = asRecord(rule["help"]);
  if (!nonEmpty(help["text"])) error(`${p}.help.text`, "missing (required by GitHub)");
  if (!nonEmpty(help["markdown"])) error(`${p}.help.markdown`, "spec: missing (recommended by GitHub)");
  for (const key of ["text", "markdown"]) {
    const body = help[key];
    if (!nonEmpty(body)) continue;
    const missing = HELP_HEADINGS.filter((heading) => !body.includes(heading));
    if (missing.length > 0) error(`${p}.help.${key}`, `spec: lacks the section(s) ${missing.join(", ")}`);
  }
  const level = asRecord(rule["defaultConfiguration"])["level"];
  if (level === undefined) error(`${p}.defaultConfiguration.level`, "spec: missing");
  else if (!["note", "warning", "error"].includes(String(level))) {
    error(`${p}.defaultConfiguration.level`, `'${String(level)}' not note|warning|error`);
  }
  const properties = asRecord(rule["properties"]);
  const tags = properties["tags"] ?? [];
  if (!Array.isArray(tags) || tags.some((tag) => typeof tag !== "string"))
    error(`${p}.properties.tags`, "must be string[]");
  else if (tags.length > 20) error(`${p}.properties.tags`, "> 20 tags");
  else if (tags.length > 10) warn(`${p}.properties.tags`, "only 10 tags are shown");
  const severity = properties["security-severity"];
  if (severity === undefined)
    error(`${p}.properties.security-severity`, "spec: absent (no Critical/High/Medium/Low)");
  else if (
    typeof severity !== "string" ||
    !/^\d{1,2}(\.\d+)?$/.test(severity) ||
    !(Number(severity) > 0 && Number(severity) <= 10)
  ) {
    error(
      `${p}.properties.security-severity`,
      `${JSON.stringify(severity)} must be a numeric *string* in (0.0, 10.0]`,
    );
  } else if (!SECURITY_SEVERITIES.includes(severity)) {
    error(
      `${p}.properties.security-severity`,
      `spec: '${severity}' is not one of ${SECURITY_SEVERITIES.join(", ")}`,
    );
  }
  if (Array.isArray(tags) && !tags.includes("security"))
    error(`${p}.properties.tags`, "spec: must include 'security'");
  const precision = properties["precision"];
  if (precision === undefined) error(`${p}.properties.precision`, "spec: missing");
  else if (!["very-high", "high", "medium", "low"].includes(String(precision))) {
    error(`${p}.properties.precision`, "not very-high|high|medium|low");
  }
  const problemSeverity = properties["problem.severity"];
  if (
    problemSeverity !== undefined &&
    !["error", "warning", "recommendation"].includes(String(problemSeverity))
  ) {
    error(`${p}.properties.problem.severity`, "not error|warning|recommendation");
  }
}

/** spec: the ARN is in locations[0].logicalLocations[0] and properties; the title names the resource. */
function checkResourceIdentity(
  result: Json,
  firstLocation: unknown,
  message: unknown,
  p: string,
  error: (p: string, m: string) => void,
): void {
  const logical = asRecord(asArray(asRecord(firstLocation)["logicalLocations"])[0]);
  const arn = logical["fullyQualifiedName"];
  const lp = `${p}.locations[0].logicalLocations[0]`;
  if (!nonEmpty(arn) || !arn.startsWith("arn:"))
    error(`${lp}.fullyQualifiedName`, "spec: must be the resource ARN");
  if (logical["kind"] !== "resource") error(`${lp}.kind`, "spec: must be 'resource'");
  const properties = asRecord(result["properties"]);
  if (properties["resourceArn"] !== arn)
    error(`${p}.properties.resourceArn`, "spec: must be the resource ARN");
  if (nonEmpty(message) && nonEmpty(arn)) {
    const title = message.split(/(?<=[.!?])\s/)[0] ?? message;
    const name = properties["resourceName"];
    if (!title.includes(arn) && !(nonEmpty(name) && title.includes(name))) {
      error(`${p}.message.text`, "spec: the first sentence must name the resource");
    }
  }
}

/** spec: no timestamps outside `invocations` (the same scan must give the same bytes). */
function checkTimestamps(value: unknown, p: string, error: (p: string, m: string) => void): void {
  if (Array.isArray(value)) {
    value.forEach((item, i) => checkTimestamps(item, `${p}[${i}]`, error));
    return;
  }
  if (value === null || typeof value !== "object") return;
  for (const [key, child] of Object.entries(value)) {
    const childPath = p === "" ? key : `${p}.${key}`;
    if (key === "invocations") continue;
    if (/timeutc$/i.test(key))
      error(childPath, "spec: timestamp outside invocations (output must be deterministic)");
    checkTimestamps(child, childPath, error);
  }
}

export function errorsOf(violations: Violation[]): Violation[] {
  return violations.filter((violation) => violation.level === "error");
}
