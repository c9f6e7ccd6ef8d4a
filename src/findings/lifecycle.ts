// What the weekly job adds to a scan's findings: archive rules that accept some of them with a reason (src/archive)
// and a comparison with the previous run (src/baseline). Neither changes a finding's fingerprint.
import type { Finding, Severity } from "./finding.js";
import { isActive } from "./finding.js";

/** The config's archive rule that accepts a finding: still reported, never counted for the exit status. */
export interface ArchiveMark {
  rule: string;
  reason: string;
  /** YYYY-MM-DD, the last day the rule applies. */
  expires?: string;
}

export type BaselineState = "new" | "unchanged" | "updated";

export interface BaselineMark {
  state: BaselineState;
  /** For `updated`: what changed since the baseline, e.g. `severity medium → high`. */
  changes: string[];
  /** New, or updated towards more access (now active, more severe, more actions, fewer conditions, unarchived). */
  worse: boolean;
}

/** How one archive rule fared in a run. */
export interface ArchiveRuleUse {
  name: string;
  reason: string;
  expires?: string;
  /** Findings it archived (0 for an expired rule, which matches nothing). */
  matched: number;
  expired: boolean;
}

export interface ArchiveOutcome {
  /** The day (UTC, YYYY-MM-DD) expiry dates were compared with. */
  today: string;
  /** Every rule of the config, in its order. */
  rules: ArchiveRuleUse[];
}

/** A finding of the baseline that this scan no longer reports (its resource's account was scanned). */
export interface AbsentFinding {
  ruleId: string;
  fingerprint: string;
  severity: Severity;
  resourceArn: string;
  accountId: string;
  message: string;
}

export interface BaselineOutcome {
  /** The baseline files as given. */
  sources: string[];
  /** False when none of them existed yet (a first run): every finding is new. */
  found: boolean;
  absent: AbsentFinding[];
}

/** A finding that needs attention: no guardrail cancels it and no archive rule accepts it. */
export function isOpen(finding: Finding): boolean {
  return isActive(finding) && finding.archived === undefined;
}
