import { wasSkipped } from "../model/snapshot.js";
import { SEVERITIES } from "../findings/finding.js";
import type { Severity } from "../findings/finding.js";
import type { BaselineState } from "../findings/lifecycle.js";
import {
  overviewOf,
  type ScanOverview,
  type ScanResult,
  type ZoneDescription,
} from "../findings/scan-result.js";

export interface ReportSummary {
  /** Open findings: no control cancels them and no archive rule accepts them (all not cancelled, without rules). */
  active: number;
  /** Findings no control cancels but an archive rule of the config accepts. */
  archived: number;
  /** Findings a guardrail (Deny, Block Public Access, RCP) cancels. */
  cancelled: number;
  total: number;
  /** Open findings per severity, every severity present. */
  bySeverity: Record<Severity, number>;
  /** Open findings per rule, every rule present, in the rules' fixed order. */
  byRule: { ruleId: string; count: number }[];
  accountsScanned: number;
  resourcesScanned: number;
  readProblems: number;
  collectionErrors: number;
  /** Against a baseline: findings new, updated and unchanged since it, and its findings now gone. */
  baseline?: { new: number; updated: number; unchanged: number; absent: number };
}

export function summarize(result: ScanResult): ReportSummary {
  return summarizeOverview(overviewOf(result));
}

/** The summary from a scan's overview (its counts), before any finding is listed. */
export function summarizeOverview(overview: ScanOverview): ReportSummary {
  const { counts } = overview;
  const bySeverity = Object.fromEntries(
    SEVERITIES.map((s) => [s, counts.activeBySeverity.get(s) ?? 0]),
  ) as Record<Severity, number>;
  const ruleIds = overview.rules.map((rule) => rule.id as string);
  // A finding of a rule missing from `rules` would be an engine bug; still count it rather than hide it.
  const extra = [...counts.activeByRule.keys()].filter((id) => !ruleIds.includes(id)).sort();
  const byRule = [...ruleIds, ...extra].map((ruleId) => ({
    ruleId,
    count: counts.activeByRule.get(ruleId) ?? 0,
  }));

  const count = (state: BaselineState) => counts.byBaselineState.get(state) ?? 0;
  return {
    active: counts.active,
    archived: counts.archived,
    cancelled: counts.total - counts.active - counts.archived,
    total: counts.total,
    bySeverity,
    byRule,
    accountsScanned: overview.accountsScanned,
    resourcesScanned: overview.resourcesScanned,
    readProblems: overview.readProblems.length,
    collectionErrors: overview.collectionErrors.length,
    ...(overview.baseline
      ? {
          baseline: {
            new: count("new"),
            updated: count("updated"),
            unchanged: count("unchanged"),
            absent: overview.baseline.absent.length,
          },
        }
      : {}),
  };
}

/**
 * Some of the input was not scanned: a part of the snapshot could not be read, or the collector recorded calls
 * that failed. Findings may be missing; `scan` exits 3 unless --allow-incomplete, SARIF says the run failed.
 */
export function isInputIncomplete(result: Pick<ScanResult, "readProblems" | "collectionErrors">): boolean {
  return result.readProblems.some(wasSkipped) || result.collectionErrors.length > 0;
}

export function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? "" : "s"}`;
}

/**
 * e.g. `organization o-abc`, `organization o-abc + 2 trusted accounts`, `account 111122223333` (one account
 * scanned), `each account on its own` (several accounts scanned in the account zone).
 */
export function describeZone(zone: ZoneDescription, scannedAccounts?: readonly string[]): string {
  const base =
    zone.kind === "organization" && zone.organizationId
      ? `organization ${zone.organizationId}`
      : zone.kind === "account" && scannedAccounts?.length === 1
        ? `account ${scannedAccounts[0]}`
        : zone.kind === "account" && scannedAccounts && scannedAccounts.length > 1
          ? "each account on its own"
          : zone.kind;
  const trusted = zone.trustedAccounts.length;
  return trusted === 0 ? base : `${base} + ${plural(trusted, "trusted account")}`;
}

/** Non-zero severities only, most severe first: `2 critical, 5 high`. */
export function describeSeverityCounts(bySeverity: Record<Severity, number>): string {
  return SEVERITIES.filter((s) => bySeverity[s] > 0)
    .map((s) => `${bySeverity[s]} ${s}`)
    .join(", ");
}

/**
 * The closing line of the text report, e.g. `12 findings (2 critical, 5 high), 3 cancelled by guardrails,
 * in 41 resources across 4 accounts (zone: organization o-abc)`.
 */
export function formatSummaryLine(
  summary: ReportSummary,
  zone: ZoneDescription,
  scannedAccounts?: readonly string[],
): string {
  const severities = describeSeverityCounts(summary.bySeverity);
  const parts = [
    `${plural(summary.active, "finding")}${severities ? ` (${severities})` : ""}`,
    ...(summary.archived > 0 ? [`${summary.archived} archived`] : []),
    `${summary.cancelled} cancelled by guardrails`,
    `in ${plural(summary.resourcesScanned, "resource")} across ${plural(summary.accountsScanned, "account")} (zone: ${describeZone(zone, scannedAccounts)})`,
  ];
  const problems = [];
  if (summary.readProblems > 0) problems.push(plural(summary.readProblems, "read problem"));
  if (summary.collectionErrors > 0) problems.push(plural(summary.collectionErrors, "collection error"));
  const baseline = summary.baseline
    ? `; since the baseline: ${summary.baseline.new} new, ${summary.baseline.updated} updated, ${summary.baseline.absent} gone`
    : "";
  return parts.join(", ") + (problems.length > 0 ? `; ${problems.join(", ")}` : "") + baseline;
}
