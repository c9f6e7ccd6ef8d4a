import type { SourceLocation } from "./location.js";

export type Effect = "Allow" | "Deny";

/** One principal as written: `"*"` is `{ type: "AWS", value: "*" }`, the same as `{"AWS": "*"}`. */
export interface PrincipalEntry {
  type: "AWS" | "Service" | "Federated" | "CanonicalUser";
  value: string;
}

/**
 * One (operator, key) pair of a Condition block. Condition operators and keys are case-insensitive in IAM:
 * `operatorLower` and `keyLower` are for lookup, `operator` and `key` keep the author's spelling for messages.
 */
export interface ConditionClause {
  operator: string;
  operatorLower: string;
  key: string;
  keyLower: string;
  /** Values as strings (`true` becomes "true", numbers their decimal form), in the order written. */
  values: string[];
  /**
   * Set by the reader when the clause is outside IAM's grammar (an unknown operator, IfExists on Null, a value of
   * the wrong type; docs/policy-grammar.md). Nothing can be proved about it: it never narrows an Allow, and a Deny
   * that has it cancels nothing.
   */
  malformed?: true;
}

/**
 * One statement as the scan judges it. The reader turns a statement outside IAM's grammar into the reading that
 * errs toward reporting access (an Allow without Action grants every action; a Deny it cannot be sure of is left
 * out) and records a ReadProblem saying so (docs/policy-grammar.md).
 */
export interface Statement {
  /** Position in the policy's Statement array (0-based), or 0 when Statement is a single object. */
  index: number;
  sid?: string;
  effect: Effect;
  /** Exactly one of principals/notPrincipals is set for resource policies; both are absent in identity-style statements. */
  principals?: PrincipalEntry[];
  notPrincipals?: PrincipalEntry[];
  actions?: string[];
  notActions?: string[];
  resources?: string[];
  notResources?: string[];
  conditions: ConditionClause[];
  location: SourceLocation;
  /**
   * The statement in a canonical form (sorted keys and arrays, lower-cased operators and keys): the same
   * statement re-exported with other whitespace or element order gives the same string. Used for fingerprints.
   */
  canonical: string;
}

export interface PolicyDocument {
  statements: Statement[];
  location: SourceLocation;
}
