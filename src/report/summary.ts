import { wasSkipped } from "../model/snapshot.js";
import { isActive, SEVERITIES } from "../findings/finding.js";
import type { Severity } from "../findings/finding.js";
import { isOpen } from "../findings/lifecycle.js";
import type { ScanResult, ZoneDescription } from "../findings/scan-result.js";

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
  const active = result.findings.filter(isOpen);
  const notCancelled = result.findings.filter(isActive).length;
  const bySeverity = Object.fromEntries(SEVERITIES.map((s) => [s, 0])) as Record<Severity, number>;
  for (const finding of active) bySeverity[finding.severity] += 1;

  const ruleIds = result.rules.map((rule) => rule.id as string);
  // A finding of a rule missing from `rules` would be an engine bug; still count it rather than hide it.
  const extra = [...new Set(active.map((f) => f.ruleId as string))]
    .filter((id) => !ruleIds.includes(id))
    .sort();
  const byRule = [...ruleIds, ...extra].map((ruleId) => ({
    ruleId,
    count: active.filter((f) => f.ruleId === ruleId).length,
  }));

  const states = result.findings.map((finding) => finding.baseline?.state);
  const count = (state: string) => states.filter((s) => s === state).length;
  return {
    active: active.length,
    archived: notCancelled - active.length,
    cancelled: result.findings.length - notCancelled,
    total: result.findings.length,
    bySeverity,
    byRule,
    accountsScanned: result.accountsScanned,
    resourcesScanned: result.resourcesScanned,
    readProblems: result.readProblems.length,
    collectionErrors: result.collectionErrors.length,
    ...(result.baseline
      ? {
          baseline: {
            new: count("new"),
            updated: count("updated"),
            unchanged: count("unchanged"),
            absent: result.baseline.absent.length,
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
