import { ArchiveTally } from "../archive/apply.js";
import { BaselineComparison } from "../baseline/compare.js";
import type { Baseline } from "../baseline/read-baseline.js";
import type { Finding } from "../findings/finding.js";
import type { ScanOverview } from "../findings/scan-result.js";
import { overrideRuleSeverities, overrideSeverity } from "../overrides/severity.js";
import type { ScanSettings } from "./scan-settings.js";

/**
 * What the config and `--baseline` change in a scan's findings, applied one account at a time as the scan streams
 * (in this order: the config's severity overrides, its archive rules, then the comparison with the baseline, which
 * sees the severity and the archive mark a finding ends with). Only what the whole scan needs is kept: how many
 * findings each archive rule matched and which baseline findings were seen. The config and the baseline are the
 * user's files and are held whole.
 */
export class FindingReview {
  private readonly archive: ArchiveTally | undefined;
  private readonly comparison: BaselineComparison | undefined;

  constructor(
    private readonly settings: Pick<ScanSettings, "archiveRules" | "severity">,
    baseline: Baseline | undefined,
    now: Date,
  ) {
    this.archive =
      settings.archiveRules.length > 0 ? new ArchiveTally(settings.archiveRules, now) : undefined;
    this.comparison = baseline ? new BaselineComparison(baseline) : undefined;
  }

  /** Whether the review changes anything: without it, the scan's findings go to the report as they are. */
  get changesFindings(): boolean {
    return (
      this.archive !== undefined ||
      this.comparison !== undefined ||
      Object.keys(this.settings.severity).length > 0
    );
  }

  /** One account's findings, reviewed (in the same order). */
  account(findings: Finding[]): Finding[] {
    const { severity } = this.settings;
    return findings.map((finding) => {
      let reviewed = overrideSeverity(finding, severity);
      if (this.archive) reviewed = this.archive.mark(reviewed);
      if (this.comparison) reviewed = this.comparison.mark(reviewed);
      return reviewed;
    });
  }

  /** The scan's overview once every account was reviewed: the rules' severities and the totals of the review. */
  finish(overview: ScanOverview): ScanOverview {
    return {
      ...overview,
      rules: overrideRuleSeverities(overview.rules, this.settings.severity),
      ...(this.archive ? { archive: this.archive.outcome() } : {}),
      ...(this.comparison ? { baseline: this.comparison.outcome(overview.scannedAccounts ?? []) } : {}),
    };
  }
}
