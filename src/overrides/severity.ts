import type { RuleId, Severity } from "../findings/finding.js";
import type { ScanResult } from "../findings/scan-result.js";

export type SeverityOverrides = Partial<Record<RuleId, Severity>>;

/**
 * The config's severity per rule: every finding of the rule gets it, and so does the rule's default (SARIF's rule
 * level and security-severity, which GitHub shows). Fingerprints do not depend on severity, so alerts keep their
 * identity when an override changes.
 */
export function applySeverityOverrides(result: ScanResult, overrides: SeverityOverrides): ScanResult {
  const of = (ruleId: string): Severity | undefined => overrides[ruleId as RuleId];
  if (Object.keys(overrides).length === 0) return result;
  return {
    ...result,
    rules: result.rules.map((rule) => {
      const severity = of(rule.id);
      return severity ? { ...rule, defaultSeverity: severity } : rule;
    }),
    findings: result.findings.map((finding) => {
      const severity = of(finding.ruleId);
      return severity ? { ...finding, severity } : finding;
    }),
  };
}
