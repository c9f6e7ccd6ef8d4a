import type { CollectionError, ReadProblem } from "../model/snapshot.js";
import type { RuleMeta } from "../../rules/types.js";
import { isActive, type Finding, type Severity } from "./finding.js";

export type ZoneKind = "account" | "organization";

export interface ZoneDescription {
  kind: ZoneKind;
  /** The organization whose accounts form the zone (organization zone only). */
  organizationId?: string;
  /** Extra accounts the user trusts (`--trusted-account`). */
  trustedAccounts: string[];
}

/** Everything a report needs; reports never look at the snapshot itself. */
export interface ScanResult {
  tool: { name: string; version: string; informationUri: string };
  zone: ZoneDescription;
  /** The snapshot paths scanned, as given. */
  sources: string[];
  /** Sorted: account, resource ARN, rule id, grant location, fingerprint. */
  findings: Finding[];
  /** Every rule the tool has, in a fixed order. */
  rules: RuleMeta[];
  accountsScanned: number;
  resourcesScanned: number;
  readProblems: ReadProblem[];
  collectionErrors: CollectionError[];
}

/** How many findings a scan has, by kind: what a report says before it lists them. */
export interface FindingCounts {
  total: number;
  /** Findings that no control cancels. */
  active: number;
  /** Active findings per severity. */
  activeBySeverity: Map<Severity, number>;
  /** Active findings per rule id. */
  activeByRule: Map<string, number>;
  /** All findings, active or cancelled, per rule id. */
  byRule: Map<string, number>;
}

/**
 * A scan as reports see it before they list its findings: everything but the findings themselves, which a
 * large scan streams account by account (report/pieces.ts).
 */
export type ScanOverview = Omit<ScanResult, "findings"> & { counts: FindingCounts };

export function emptyCounts(): FindingCounts {
  return { total: 0, active: 0, activeBySeverity: new Map(), activeByRule: new Map(), byRule: new Map() };
}

/** Adds `findings` to `counts`. */
export function countFindings(counts: FindingCounts, findings: readonly Finding[]): FindingCounts {
  const add = <K>(map: Map<K, number>, key: K) => map.set(key, (map.get(key) ?? 0) + 1);
  for (const finding of findings) {
    counts.total += 1;
    add(counts.byRule, finding.ruleId);
    if (!isActive(finding)) continue;
    counts.active += 1;
    add(counts.activeBySeverity, finding.severity);
    add(counts.activeByRule, finding.ruleId);
  }
  return counts;
}

/** The overview of a scan held in memory. */
export function overviewOf(result: ScanResult): ScanOverview {
  const { findings, ...rest } = result;
  return { ...rest, counts: countFindings(emptyCounts(), findings) };
}

/** Adds the counts of `from` to `into`. */
export function addCounts(into: FindingCounts, from: FindingCounts): FindingCounts {
  const add = <K>(target: Map<K, number>, source: Map<K, number>) => {
    for (const [key, n] of source) target.set(key, (target.get(key) ?? 0) + n);
  };
  into.total += from.total;
  into.active += from.active;
  add(into.activeBySeverity, from.activeBySeverity);
  add(into.activeByRule, from.activeByRule);
  add(into.byRule, from.byRule);
  return into;
}
