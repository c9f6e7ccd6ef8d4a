import { isActive, SEVERITY_RANK, type Finding } from "../findings/finding.js";
import type { AbsentFinding, BaselineMark, BaselineOutcome } from "../findings/lifecycle.js";
import type { ScanResult } from "../findings/scan-result.js";
import { compareText } from "../findings/order.js";
import { baselineKey, type BaselineEntry } from "./baseline-entry.js";
import type { Baseline } from "./read-baseline.js";

function added(now: readonly string[], before: readonly string[]): string[] {
  const earlier = new Set(before);
  return now.filter((item) => !earlier.has(item));
}

/** What changed in a finding since the baseline, and whether it now grants more (or counts where it did not). */
export function changesSince(entry: BaselineEntry, finding: Finding): { changes: string[]; worse: boolean } {
  const changes: string[] = [];
  let worse = false;
  const note = (text: string, isWorse: boolean) => {
    changes.push(text);
    worse ||= isWorse;
  };
  if (entry.severity !== finding.severity) {
    note(
      `severity ${entry.severity} → ${finding.severity}`,
      SEVERITY_RANK[finding.severity] > SEVERITY_RANK[entry.severity],
    );
  }
  const active = isActive(finding);
  if (entry.active !== active)
    note(active ? "no longer cancelled by a guardrail" : "now cancelled by a guardrail", active);
  if (entry.isPublic !== finding.isPublic)
    note(finding.isPublic ? "now public" : "no longer public", finding.isPublic);
  const newActions = added(finding.actions, entry.actions);
  const goneActions = added(entry.actions, finding.actions);
  if (newActions.length > 0) note(`actions added: ${newActions.join(", ")}`, true);
  if (goneActions.length > 0) note(`actions removed: ${goneActions.join(", ")}`, false);
  const goneConditions = added(entry.conditions, finding.conditions);
  const newConditions = added(finding.conditions, entry.conditions);
  if (goneConditions.length > 0) note(`conditions no longer required: ${goneConditions.join("; ")}`, true);
  if (newConditions.length > 0) note(`conditions added: ${newConditions.join("; ")}`, false);
  const archived = finding.archived !== undefined;
  if (entry.archived !== archived) note(archived ? "now archived" : "no longer archived", !archived);
  return { changes, worse };
}

function absentFinding(entry: BaselineEntry): AbsentFinding {
  return {
    ruleId: entry.ruleId,
    fingerprint: entry.fingerprint,
    severity: entry.severity,
    resourceArn: entry.resourceArn,
    accountId: entry.accountId,
    message: entry.message,
  };
}

/**
 * A comparison with the baseline, finding by finding, in any number of batches (a streaming scan gives one
 * account at a time): marks each finding new, unchanged or updated (matched on rule id and fingerprint, as GitHub
 * matches alerts), and remembers which baseline findings were seen, so that the outcome can list those gone. A
 * finding may match a baseline entry of another account (a bucket moved), so the gone ones are known only at the
 * end.
 */
export class BaselineComparison {
  /** By entry index: 1 once a finding matched it. */
  private readonly matched: Uint8Array;

  constructor(private readonly baseline: Baseline) {
    this.matched = new Uint8Array(baseline.entries.size);
  }

  mark(finding: Finding): Finding {
    const found = this.baseline.entries.lookup(baselineKey(finding.ruleId, finding.fingerprint));
    let mark: BaselineMark;
    if (!found) mark = { state: "new", changes: [], worse: true };
    else {
      this.matched[found.index] = 1;
      const { changes, worse } = changesSince(found.entry, finding);
      mark = { state: changes.length > 0 ? "updated" : "unchanged", changes, worse };
    }
    return { ...finding, baseline: mark };
  }

  /**
   * The baseline's findings that no marked finding matched, of the accounts scanned: a scan of one shard of an
   * organization says nothing about the others.
   */
  outcome(scannedAccounts: Iterable<string>): BaselineOutcome {
    const scanned = new Set(scannedAccounts);
    const absent: AbsentFinding[] = [];
    for (let index = 0; index < this.matched.length; index += 1) {
      if (this.matched[index] === 1) continue;
      const entry = this.baseline.entries.at(index);
      if (scanned.has(entry.accountId)) absent.push(absentFinding(entry));
    }
    absent.sort(
      (a, b) =>
        compareText(a.accountId, b.accountId) ||
        compareText(a.resourceArn, b.resourceArn) ||
        compareText(a.ruleId, b.ruleId) ||
        compareText(a.fingerprint, b.fingerprint),
    );
    return { sources: this.baseline.sources, found: this.baseline.found, absent };
  }
}

/** The whole scan compared with the baseline (BaselineComparison); its gone findings listed. */
export function compareWithBaseline(result: ScanResult, baseline: Baseline): ScanResult {
  const comparison = new BaselineComparison(baseline);
  const findings = result.findings.map((finding) => comparison.mark(finding));
  const scanned = result.scannedAccounts ?? result.findings.map((finding) => finding.resource.accountId);
  return { ...result, findings, baseline: comparison.outcome(scanned) };
}
