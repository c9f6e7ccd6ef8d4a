import type { Severity } from "../findings/finding.js";

/** What the comparison needs of one finding of a previous run (from its SARIF or JSON report). */
export interface BaselineEntry {
  ruleId: string;
  fingerprint: string;
  severity: Severity;
  actions: string[];
  conditions: string[];
  isPublic: boolean;
  /** No guardrail cancelled it. */
  active: boolean;
  /** An archive rule accepted it. */
  archived: boolean;
  resourceArn: string;
  accountId: string;
  message: string;
}

export function baselineKey(ruleId: string, fingerprint: string): string {
  return `${ruleId}\u0000${fingerprint}`;
}
