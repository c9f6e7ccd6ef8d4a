import type { Finding } from "../findings/finding.js";
import type { ArchiveOutcome } from "../findings/lifecycle.js";
import type { ScanResult } from "../findings/scan-result.js";
import { hasExpired, utcDay, type ArchiveRule } from "./archive-rule.js";
import { matchesArchiveRule } from "./match.js";

/**
 * Archive rules applied finding by finding, in any number of batches (a streaming scan gives one account at a
 * time): marks each finding that a rule matches (the first in the config's order) and counts, for the outcome,
 * how many findings each rule archived. An expired rule matches nothing.
 */
export class ArchiveTally {
  private readonly today: string;
  private readonly live: readonly ArchiveRule[];
  private readonly matched = new Map<string, number>();

  constructor(
    private readonly rules: readonly ArchiveRule[],
    now: Date,
  ) {
    this.today = utcDay(now);
    this.live = rules.filter((rule) => !hasExpired(rule, this.today));
  }

  mark(finding: Finding): Finding {
    const rule = this.live.find((candidate) => matchesArchiveRule(candidate.match, finding));
    if (!rule) return finding;
    this.matched.set(rule.name, (this.matched.get(rule.name) ?? 0) + 1);
    return {
      ...finding,
      archived: {
        rule: rule.name,
        reason: rule.reason,
        ...(rule.expires !== undefined ? { expires: rule.expires } : {}),
      },
    };
  }

  /** How every rule of the config fared over all the findings marked so far, in the config's order. */
  outcome(): ArchiveOutcome {
    return {
      today: this.today,
      rules: this.rules.map((rule) => ({
        name: rule.name,
        reason: rule.reason,
        ...(rule.expires !== undefined ? { expires: rule.expires } : {}),
        matched: this.matched.get(rule.name) ?? 0,
        expired: hasExpired(rule, this.today),
      })),
    };
  }
}

/**
 * Marks each finding that an archive rule matches, and records how each rule fared: how many findings it
 * archived, whether it has expired. Findings stay in the result: an archived finding is still reported, it only
 * no longer counts for the exit status.
 */
export function applyArchiveRules(result: ScanResult, rules: readonly ArchiveRule[], now: Date): ScanResult {
  const tally = new ArchiveTally(rules, now);
  const findings = result.findings.map((finding) => tally.mark(finding));
  return { ...result, findings, archive: tally.outcome() };
}
