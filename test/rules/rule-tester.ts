/**
 * A RuleTester in the spirit of ESLint's: each rule gets a table of `valid` policies (no active finding of the rule)
 * and `invalid` ones (the rule's findings match `expected`). Every case also checks the invariant of docs/semantics.md
 * section 5: `public-access` and `external-access` are never both active for the same statement or ACL grant.
 */
import { describe, expect, it } from "vitest";
import {
  isActive,
  type CancellingControl,
  type Finding,
  type RuleId,
  type Severity,
} from "../../src/findings/finding.js";
import { scanSnapshot } from "../../src/engine/scan.js";
import type { Snapshot } from "../../src/model/snapshot.js";
import { snapshotForCase, type PolicyCase } from "../helpers/scan-policy.js";
import { BUCKET } from "./policies.js";

export type Zone = PolicyCase["zone"];

export interface ExpectedCancellation {
  kind: CancellingControl["kind"];
  /** Substring of the control's name, e.g. `"DenyOutsideOrg"` or `"bucket Block Public Access RestrictPublicBuckets"`. */
  name?: string;
}

export interface Expected {
  /** Number of findings of the rule (active ones, or cancelled ones when `active: false`). Default 1. */
  count?: number;
  severity?: Severity;
  isPublic?: boolean;
  /** Substring of every finding's message. */
  message?: string;
  /** Substring of every finding's `principal.judged`. */
  judged?: string;
  /** Every finding's `principal.accounts`, exactly (order-insensitive). `[]` means absent or empty. */
  accounts?: string[];
  /** Each string is a substring of some entry of every finding's `conditions` (the conditions that still apply). */
  conditions?: string[];
  /**
   * `false`: the rule's finding exists only as cancelled (no active finding), and each cancelled finding names
   * every control listed in `cancelledBy`. Default true.
   */
  active?: boolean;
  cancelledBy?: ExpectedCancellation[];
}

export interface Case {
  name: string;
  case: PolicyCase;
  /** invalid cases only; defaults to one active finding. */
  expected?: Expected;
  /** valid cases only: the exact number of cancelled findings of the rule (e.g. 0: not even a suppressed one). */
  cancelled?: number;
  /** When set: the exact, sorted set of rule ids with an active finding for this policy (any rule). */
  activeRules?: RuleId[];
  /** Changes the snapshot built from `case` before the scan, for what PolicyCase cannot say (e.g. an SCP). */
  adjust?: (snapshot: Snapshot) => void;
  /** When set: the exact JSON paths of the problems the reader reports for the policy (docs/policy-grammar.md). */
  problems?: string[];
}

export interface RuleTable {
  valid: Case[];
  invalid: Case[];
}

/**
 * The same case once per zone; `name` gets the zone appended. A bucket is named `amzn-s3-demo-bucket` (the name
 * the policies' Resource elements use, see policies.ts) unless the case names it.
 */
export function inZones(
  zones: readonly Zone[],
  name: string,
  c: Omit<PolicyCase, "zone">,
  rest: Omit<Case, "name" | "case"> = {},
): Case[] {
  const named = c.resource === "bucket" ? { bucketName: BUCKET, ...c } : c;
  return zones.map((zone) => ({ ...rest, name: `${name} [${zone} zone]`, case: { ...named, zone } }));
}

export const BOTH_ZONES: readonly Zone[] = ["account", "organization"];

/** `inZones(BOTH_ZONES, …)`: for cases whose answer does not depend on the zone. */
export function inBothZones(
  name: string,
  c: Omit<PolicyCase, "zone">,
  rest: Omit<Case, "name" | "case"> = {},
): Case[] {
  return inZones(BOTH_ZONES, name, c, rest);
}

function summary(findings: readonly Finding[]): string {
  if (findings.length === 0) return "(no findings)";
  return findings
    .map((f) => {
      const state = isActive(f)
        ? "active"
        : `cancelled by ${f.cancelledBy.map((c) => `${c.kind}:${c.name}`).join(", ")}`;
      return `- ${f.ruleId} [${f.severity}${f.isPublic ? ", public" : ""}] (${state}) ${f.source.kind}#${f.source.index} judged="${f.principal.judged}" accounts=${JSON.stringify(f.principal.accounts ?? [])}: ${f.message}`;
    })
    .join("\n");
}

/** docs/semantics.md#rules: public-access is reported instead of external-access, never beside it. */
function expectNeverBeside(findings: readonly Finding[]): void {
  const bySource = new Map<string, Set<RuleId>>();
  for (const f of findings.filter(isActive)) {
    const key = `${f.resource.arn} ${f.source.kind}#${f.source.index}`;
    const rules = bySource.get(key) ?? new Set<RuleId>();
    rules.add(f.ruleId);
    bySource.set(key, rules);
  }
  for (const [source, rules] of bySource) {
    expect(
      rules.has("public-access") && rules.has("external-access"),
      `public-access and external-access are both active for ${source}:\n${summary(findings)}`,
    ).toBe(false);
  }
}

function expectActiveRules(c: Case, findings: readonly Finding[]): void {
  if (!c.activeRules) return;
  const ids = [...new Set(findings.filter(isActive).map((f) => f.ruleId))].sort();
  expect(ids, `active rules:\n${summary(findings)}`).toEqual([...c.activeRules].sort());
}

/**
 * All findings, active and cancelled: scan-policy.ts's scanPolicy, with the case's `adjust` applied; checks the
 * reader's problems when the case lists them.
 */
function scan(c: Case): Finding[] {
  const snapshot = snapshotForCase(c.case);
  c.adjust?.(snapshot);
  const result = scanSnapshot(snapshot, { zone: c.case.zone, trustedAccounts: c.case.trustedAccounts ?? [] });
  if (c.problems) {
    expect(
      result.readProblems.map((p) => p.jsonPath),
      `problems: ${JSON.stringify(result.readProblems, null, 2)}`,
    ).toEqual(c.problems);
  }
  return result.findings;
}

function checkValid(ruleId: RuleId, c: Case): void {
  const findings = scan(c);
  const mine = findings.filter((f) => f.ruleId === ruleId);
  expect(mine.filter(isActive).length, `expected no active ${ruleId} finding:\n${summary(findings)}`).toBe(0);
  if (c.cancelled !== undefined) {
    expect(
      mine.filter((f) => !isActive(f)).length,
      `expected ${c.cancelled} cancelled ${ruleId} finding(s):\n${summary(findings)}`,
    ).toBe(c.cancelled);
  }
  expectActiveRules(c, findings);
  expectNeverBeside(findings);
}

function checkInvalid(ruleId: RuleId, c: Case): void {
  const expected = c.expected ?? {};
  const wantActive = expected.active ?? true;
  const findings = scan(c);
  const mine = findings.filter((f) => f.ruleId === ruleId);
  const active = mine.filter(isActive);
  const cancelled = mine.filter((f) => !isActive(f));
  const context = `\n${summary(findings)}`;
  const count = expected.count ?? 1;
  let checked: Finding[];
  if (wantActive) {
    expect(active.length, `expected ${count} active ${ruleId} finding(s):${context}`).toBe(count);
    checked = active;
  } else {
    expect(active.length, `expected no active ${ruleId} finding (only cancelled ones):${context}`).toBe(0);
    expect(cancelled.length, `expected ${count} cancelled ${ruleId} finding(s):${context}`).toBe(count);
    checked = cancelled;
  }
  for (const f of checked) {
    if (expected.severity !== undefined)
      expect(f.severity, `severity of ${ruleId}:${context}`).toBe(expected.severity);
    if (expected.isPublic !== undefined)
      expect(f.isPublic, `isPublic of ${ruleId}:${context}`).toBe(expected.isPublic);
    if (expected.message !== undefined)
      expect(f.message, `message of ${ruleId}:${context}`).toContain(expected.message);
    if (expected.judged !== undefined)
      expect(f.principal.judged, `principal.judged of ${ruleId}:${context}`).toContain(expected.judged);
    if (expected.accounts !== undefined)
      expect([...(f.principal.accounts ?? [])].sort(), `principal.accounts of ${ruleId}:${context}`).toEqual(
        [...expected.accounts].sort(),
      );
    for (const condition of expected.conditions ?? []) {
      expect(
        f.conditions.some((actual) => actual.includes(condition)),
        `${ruleId} should show the condition ${condition}:${context}`,
      ).toBe(true);
    }
    for (const control of expected.cancelledBy ?? []) {
      const match = f.cancelledBy.some(
        (actual) =>
          actual.kind === control.kind && (control.name === undefined || actual.name.includes(control.name)),
      );
      expect(match, `${ruleId} should be cancelled by ${control.kind} ${control.name ?? ""}:${context}`).toBe(
        true,
      );
    }
  }
  expectActiveRules(c, findings);
  expectNeverBeside(findings);
}

function checkNames(ruleId: RuleId, table: RuleTable): void {
  const names = [...table.valid, ...table.invalid].map((c) => c.name);
  const duplicates = names.filter((name, i) => names.indexOf(name) !== i);
  if (duplicates.length > 0) throw new Error(`${ruleId}: duplicate case names: ${duplicates.join(", ")}`);
}

/** One `describe(ruleId)` with an `it` per case. */
export function ruleTester(ruleId: RuleId, table: RuleTable): void {
  checkNames(ruleId, table);
  describe(ruleId, () => {
    if (table.valid.length > 0) {
      describe("valid", () => {
        for (const c of table.valid) it(c.name, () => checkValid(ruleId, c));
      });
    }
    if (table.invalid.length > 0) {
      describe("invalid", () => {
        for (const c of table.invalid) it(c.name, () => checkInvalid(ruleId, c));
      });
    }
  });
}
