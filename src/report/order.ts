import type { Finding } from "../findings/finding.js";

// Code-unit comparison, not localeCompare: the order must not depend on the machine's locale.
function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The scan result's documented order: account, resource ARN, rule id, grant location, fingerprint. */
export function compareFindings(a: Finding, b: Finding): number {
  const la = a.source.location;
  const lb = b.source.location;
  return (
    compareText(a.resource.accountId, b.resource.accountId) ||
    compareText(a.resource.arn, b.resource.arn) ||
    compareText(a.ruleId, b.ruleId) ||
    compareText(la.file, lb.file) ||
    la.startLine - lb.startLine ||
    la.startColumn - lb.startColumn ||
    compareText(a.fingerprint, b.fingerprint)
  );
}

/**
 * Reports sort again rather than trust the input order, so that their output is the same for the same
 * set of findings however they were produced.
 */
export function sortFindings(findings: readonly Finding[]): Finding[] {
  return [...findings].sort(compareFindings);
}
