// Sentences about the weekly job's state (archive rules, baseline) shared by the text and Markdown reports.
import type { ArchiveRuleUse } from "../findings/lifecycle.js";
import type { ScanResult } from "../findings/scan-result.js";

export function expiredRules(result: Pick<ScanResult, "archive">): ArchiveRuleUse[] {
  return result.archive?.rules.filter((rule) => rule.expired) ?? [];
}

/** Rules that were live but archived nothing: stale, or written too narrowly. */
export function unusedRules(result: Pick<ScanResult, "archive">): ArchiveRuleUse[] {
  return result.archive?.rules.filter((rule) => !rule.expired && rule.matched === 0) ?? [];
}

export function describeExpiredRule(rule: ArchiveRuleUse): string {
  return `archive rule ${rule.name} expired on ${rule.expires ?? "?"} and archives nothing any more: review it, then extend or remove it (${rule.reason})`;
}

export function describeUnusedRule(rule: ArchiveRuleUse): string {
  return `archive rule ${rule.name} matched no finding in this scan: remove it if what it accepted is gone (${rule.reason})`;
}

export function describeArchiveMark(mark: { rule: string; reason: string; expires?: string }): string {
  return `archived by ${mark.rule}${mark.expires ? ` (until ${mark.expires})` : ""}: ${mark.reason}`;
}

/** `[new] `, `[updated] ` or nothing, before a finding's message. */
export function baselineMarker(state: string | undefined): string {
  return state === "new" || state === "updated" ? `[${state}] ` : "";
}
