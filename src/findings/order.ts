import type { Finding } from "./finding.js";

// Code-unit comparison, not localeCompare: the order must not depend on the machine's locale.
export function compareText(a: string, b: string): number {
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
