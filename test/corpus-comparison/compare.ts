// Shared machinery for comparing trustscan's verdicts with the labelled cases of other scanners.
//
// Each scanner's test builds one `Comparison` per labelled case: how we scan it (`run`), our expected active rule
// ids (`ours`, decided from docs/semantics.md), their label verbatim (`theirs`) and whether the two agree once their
// label is mapped to our rules (`agrees`, computed by the scanner's mapping). A case whose verdicts differ must
// say why, and DIFFERENCES.md must list it under the scanner's section.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import type { RuleId } from "../../src/findings/finding.js";
import { activeRuleIds } from "../helpers/scan-policy.js";
import type { PolicyCase } from "../helpers/scan-policy.js";

export interface Verdict {
  /** Our active rule ids (sorted) in the zone of `run`, by docs/semantics.md. */
  ours: RuleId[];
  /** Present exactly when our verdict differs from their label: the AWS semantics behind the difference. */
  why?: string;
  /** Optional remark on an agreeing case (same verdict for another reason, a modelling choice, …). */
  note?: string;
}

export interface Comparison extends Verdict {
  /** Their case id (test name, file#resource, …). */
  id: string;
  /** Their label, verbatim. */
  theirs: string;
  /** How trustscan scans the case. */
  run: PolicyCase;
  /** Does our verdict match their label, once mapped to our rules? */
  agrees: boolean;
}

export const has = (rules: readonly RuleId[], rule: RuleId): boolean => rules.includes(rule);

const fixtureUrl = (relative: string): URL => new URL(`../fixtures/labelled/${relative}`, import.meta.url);

export function readFixtureText(relative: string): string {
  return readFileSync(fixtureUrl(relative), "utf8");
}

export function readFixtureJson<T>(relative: string): T {
  return JSON.parse(readFixtureText(relative)) as T;
}

/** The stand-in bucket that non-S3 resource policies are scanned as. */
export const EXAMPLE_BUCKET_ARN = "arn:aws:s3:::example-bucket";

type Json = Record<string, unknown>;
const isRecord = (value: unknown): value is Json =>
  value !== null && typeof value === "object" && !Array.isArray(value);

/**
 * A policy (or a single statement) as an S3 bucket policy, for resource policies of types we do not scan yet
 * (SQS, SNS, KMS, Lambda, …) whose principal and condition analysis carries over unchanged. Effect, Sid, Principal,
 * NotPrincipal and Condition are kept verbatim. With `normaliseActions`, Action/NotAction become `s3:GetObject` and
 * Resource/NotResource the stand-in bucket's objects, so the service-specific actions of the original resource
 * type do not decide the verdict. The Version becomes 2012-10-17 (some test policies carry invalid versions).
 */
export function asBucketPolicy(document: unknown, normaliseActions = true): Json {
  const source = isRecord(document) && "Statement" in document ? document["Statement"] : document;
  const statements = (Array.isArray(source) ? source : [source]).map((statement) => {
    if (!isRecord(statement) || !normaliseActions) return statement;
    const {
      Action: _action,
      NotAction: _notAction,
      Resource: _resource,
      NotResource: _notResource,
      ...rest
    } = statement;
    return { ...rest, Action: "s3:GetObject", Resource: `${EXAMPLE_BUCKET_ARN}/*` };
  });
  return { Version: "2012-10-17", Statement: statements };
}

/**
 * The AssumeRolePolicyDocument of `resourceName` in a CloudFormation YAML template, when it is written as a JSON
 * text block (`AssumeRolePolicyDocument: |`, `>` or `!Sub |`). Throws for YAML-native documents (no YAML parser
 * is a dependency; those are transcribed in the tests).
 */
export function assumeRoleDocumentFromYamlText(template: string, resourceName: string): unknown {
  const lines = template.split("\n");
  const resourceLine = lines.findIndex((line) => line.trim() === `${resourceName}:`);
  if (resourceLine < 0) throw new Error(`resource ${resourceName} not found`);
  const keyLine = lines.findIndex(
    (line, index) => index > resourceLine && /AssumeRolePolicyDocument:/.test(line),
  );
  const key = lines[keyLine];
  // The block indicator (`|`, `>`, `!Sub |`) ends the key's line or stands alone on the next one.
  const indicatorOnNextLine = /^\s*(!Sub\s*)?[|>]\s*$/.test(lines[keyLine + 1] ?? "");
  if (
    key === undefined ||
    !(/AssumeRolePolicyDocument:\s*(!Sub\s*)?[|>]\s*$/.test(key) || indicatorOnNextLine)
  ) {
    throw new Error(`AssumeRolePolicyDocument of ${resourceName} is not a JSON text block`);
  }
  const indent = key.length - key.trimStart().length;
  const block: string[] = [];
  for (const line of lines.slice(keyLine + (indicatorOnNextLine ? 2 : 1))) {
    if (line.trim() !== "" && line.length - line.trimStart().length <= indent) break;
    block.push(line);
  }
  return JSON.parse(block.join("\n")) as unknown;
}

const DIFFERENCES = readFileSync(new URL("./DIFFERENCES.md", import.meta.url), "utf8");

/** The part of DIFFERENCES.md under `## <scanner>` (up to the next `## `). */
export function differencesSection(scanner: string): string {
  const start = DIFFERENCES.indexOf(`\n## ${scanner}\n`);
  if (start < 0) return "";
  const next = DIFFERENCES.indexOf("\n## ", start + 1);
  return DIFFERENCES.slice(start, next < 0 ? undefined : next);
}

/** Registers the tests of one scanner's comparison table. */
export function compareWith(scanner: string, comparisons: readonly Comparison[]): void {
  describe(`${scanner}: labels`, () => {
    it("has one comparison per case id", () => {
      const ids = comparisons.map((c) => c.id);
      expect(new Set(ids).size).toBe(ids.length);
      expect(ids.length).toBeGreaterThan(0);
    });

    it("explains every difference, and DIFFERENCES.md lists it", () => {
      const section = differencesSection(scanner);
      for (const c of comparisons) {
        const label = `${c.id}: theirs ${c.theirs}, ours [${c.ours.join(", ")}]`;
        expect(c.why === undefined, label).toBe(c.agrees);
        if (!c.agrees) expect(section, label).toContain(`\`${c.id}\``);
        expect(c.ours, c.id).toEqual([...new Set(c.ours)].sort());
      }
    });
  });

  describe(`${scanner}: our verdicts`, () => {
    it.each(comparisons.map((c) => [c.id, c] as const))("%s", (_id, c) => {
      expect(activeRuleIds(c.run)).toEqual(c.ours);
    });
  });
}
