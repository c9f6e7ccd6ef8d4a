import type { Finding, RuleId, Severity } from "../src/findings/finding.js";
import type { ResourceAnalysis } from "../src/analysis/resource-analysis.js";
import type { Resource } from "../src/model/resource.js";

/**
 * A rule's documentation, in the fixed shape that the CLI (`trustscan rules`), the SARIF `help` and the
 * README's rule table are all generated from. Markdown is allowed in every field.
 */
export interface RuleDocs {
  whatItDoes: string;
  whyItMatters: string;
  howToFix: string;
  /** A policy that triggers the rule, as JSON text. */
  example: string;
}

export interface RuleMeta {
  id: RuleId;
  /** PascalCase name for SARIF `name`. */
  name: string;
  shortDescription: string;
  fullDescription: string;
  docs: RuleDocs;
  defaultSeverity: Severity;
  /** Tags including "security" and CWE tags such as "external/cwe/cwe-284". */
  tags: string[];
  precision: "very-high" | "high" | "medium" | "low";
}

export type FindingDraft = Omit<Finding, "fingerprint">;

/** A rule: its metadata (the single source of its docs) and a check over one analysed resource. */
export interface Rule {
  meta: RuleMeta;
  check(analysis: ResourceAnalysis): FindingDraft[];
  /**
   * The resource's policies outgrew the analysis work budget, so nothing about them is proven: a rule that can
   * speak for the worst case reports it here.
   */
  checkUnanalysed?(resource: Resource, budgetLimit: number): FindingDraft[];
}
