import type { RuleMeta } from "../../rules/types.js";
import type { Finding, RuleId, Severity } from "../findings/finding.js";
import type { ScanResult } from "../findings/scan-result.js";

export type SeverityOverrides = Partial<Record<RuleId, Severity>>;

function overrideOf(overrides: SeverityOverrides, ruleId: string): Severity | undefined {
  return overrides[ruleId as RuleId];
}

/** A finding with the config's severity for its rule, if the config gives one. */
export function overrideSeverity(finding: Finding, overrides: SeverityOverrides): Finding {
  const severity = overrideOf(overrides, finding.ruleId);
  return severity ? { ...finding, severity } : finding;
}

/** The rules with the config's severity as their default (SARIF's rule level and security-severity). */
export function overrideRuleSeverities(rules: readonly RuleMeta[], overrides: SeverityOverrides): RuleMeta[] {
  return rules.map((rule) => {
    const severity = overrideOf(overrides, rule.id);
    return severity ? { ...rule, defaultSeverity: severity } : rule;
  });
}

/**
 * The config's severity per rule: every finding of the rule gets it, and so does the rule's default (SARIF's rule
 * level and security-severity, which GitHub shows). Fingerprints do not depend on severity, so alerts keep their
 * identity when an override changes. A streaming scan applies the same two functions account by account.
 */
export function applySeverityOverrides(result: ScanResult, overrides: SeverityOverrides): ScanResult {
  if (Object.keys(overrides).length === 0) return result;
  return {
    ...result,
    rules: overrideRuleSeverities(result.rules, overrides),
    findings: result.findings.map((finding) => overrideSeverity(finding, overrides)),
  };
}
