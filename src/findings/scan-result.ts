import type { CollectionError, ReadProblem } from "../model/snapshot.js";
import type { RuleMeta } from "../../rules/types.js";
import { isActive, type Finding, type Severity } from "./finding.js";
import { isOpen, type ArchiveOutcome, type BaselineOutcome, type BaselineState } from "./lifecycle.js";

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
  /** The accounts scanned, sorted (reports fall back on the findings' accounts when it is missing). */
  scannedAccounts?: string[];
  /** Names and reasons of the config's trusted accounts, for the reports. */
  trustedAccountNotes?: { id: string; name: string; reason: string }[];
  /** Set when the config has archive rules. */
  archive?: ArchiveOutcome;
  /** Set when the scan is compared with a baseline. */
  baseline?: BaselineOutcome;
}

/** How many findings a scan has, by kind: what a report says before it lists them. */
export interface FindingCounts {
  total: number;
  /** Open findings: no control cancels them and no archive rule accepts them. */
  active: number;
  /** Findings no control cancels but an archive rule accepts. */
  archived: number;
  /** Findings an archive rule accepts, cancelled or not. */
  archiveMarked: number;
  /** Open findings per severity. */
  activeBySeverity: Map<Severity, number>;
  /** Open findings new since the baseline or updated to grant more (all open ones without a baseline), per severity. */
  worseBySeverity: Map<Severity, number>;
  /** Open findings per rule id. */
  activeByRule: Map<string, number>;
  /** All findings, open, archived or cancelled, per rule id. */
  byRule: Map<string, number>;
  /** All findings per baseline state (none without a baseline). */
  byBaselineState: Map<BaselineState, number>;
  /** Open findings per baseline state. */
  openByBaselineState: Map<BaselineState, number>;
}

/**
 * A scan as reports see it before they list its findings: everything but the findings themselves, which a
 * large scan streams account by account (report/pieces.ts).
 */
export type ScanOverview = Omit<ScanResult, "findings"> & { counts: FindingCounts };

export function emptyCounts(): FindingCounts {
  return {
    total: 0,
    active: 0,
    archived: 0,
    archiveMarked: 0,
    activeBySeverity: new Map(),
    worseBySeverity: new Map(),
    activeByRule: new Map(),
    byRule: new Map(),
    byBaselineState: new Map(),
    openByBaselineState: new Map(),
  };
}

/** Adds `findings` to `counts`. */
export function countFindings(counts: FindingCounts, findings: readonly Finding[]): FindingCounts {
  const add = <K>(map: Map<K, number>, key: K) => map.set(key, (map.get(key) ?? 0) + 1);
  for (const finding of findings) {
    counts.total += 1;
    add(counts.byRule, finding.ruleId);
    if (finding.archived !== undefined) counts.archiveMarked += 1;
    const state = finding.baseline?.state;
    if (state !== undefined) add(counts.byBaselineState, state);
    if (!isActive(finding)) continue;
    if (!isOpen(finding)) {
      counts.archived += 1;
      continue;
    }
    counts.active += 1;
    add(counts.activeBySeverity, finding.severity);
    add(counts.activeByRule, finding.ruleId);
    if (finding.baseline?.worse ?? true) add(counts.worseBySeverity, finding.severity);
    if (state !== undefined) add(counts.openByBaselineState, state);
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
  into.archived += from.archived;
  into.archiveMarked += from.archiveMarked;
  add(into.activeBySeverity, from.activeBySeverity);
  add(into.worseBySeverity, from.worseBySeverity);
  add(into.activeByRule, from.activeByRule);
  add(into.byRule, from.byRule);
  add(into.byBaselineState, from.byBaselineState);
  add(into.openByBaselineState, from.openByBaselineState);
  return into;
}
