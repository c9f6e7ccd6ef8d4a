import type { Finding } from "../findings/finding.js";
import type { ArchiveOutcome } from "../findings/lifecycle.js";
import type { ScanResult } from "../findings/scan-result.js";
import { hasExpired, utcDay, type ArchiveRule } from "./archive-rule.js";
import { matchesArchiveRule } from "./match.js";

/**
 * Marks each finding that an archive rule matches (the first in the config's order), and records how each rule
 * fared: how many findings it archived, whether it has expired (an expired rule matches nothing). Findings stay
 * in the result: an archived finding is still reported, it only no longer counts for the exit status.
 */
export function applyArchiveRules(result: ScanResult, rules: readonly ArchiveRule[], now: Date): ScanResult {
  const today = utcDay(now);
  const live = rules.filter((rule) => !hasExpired(rule, today));
  const matched = new Map<string, number>();
  const findings = result.findings.map((finding): Finding => {
    const rule = live.find((candidate) => matchesArchiveRule(candidate.match, finding));
    if (!rule) return finding;
    matched.set(rule.name, (matched.get(rule.name) ?? 0) + 1);
    return {
      ...finding,
      archived: {
        rule: rule.name,
        reason: rule.reason,
        ...(rule.expires !== undefined ? { expires: rule.expires } : {}),
      },
    };
  });
  const archive: ArchiveOutcome = {
    today,
    rules: rules.map((rule) => ({
      name: rule.name,
      reason: rule.reason,
      ...(rule.expires !== undefined ? { expires: rule.expires } : {}),
      matched: matched.get(rule.name) ?? 0,
      expired: hasExpired(rule, today),
    })),
  };
  return { ...result, findings, archive };
}
