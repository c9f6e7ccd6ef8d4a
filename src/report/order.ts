import type { Finding } from "../findings/finding.js";
import { compareFindings } from "../findings/order.js";

/**
 * Reports sort again rather than trust the input order, so that their output is the same for the same
 * set of findings however they were produced.
 */
export function sortFindings(findings: readonly Finding[]): Finding[] {
  return [...findings].sort(compareFindings);
}
