/**
 * What the Service Authorization Reference says about a service's actions on one resource type: which actions apply
 * to it and how much each is worth (docs/semantics.md#resource-types). The tables live one service a file beside this.
 */
import { UNLIMITED } from "../patterns/budget.js";
import { wildcardMatch } from "../wildcard.js";

/** The access levels of the Service Authorization Reference, folded as the severity model needs them. */
export type ActionLevel = "read" | "write" | "permissions";

/** A public page a table rests on. */
export interface SourceReference {
  title: string;
  url: string;
}

export interface ServiceReference {
  /** The IAM service prefix (`kms`, `elasticfilesystem`). */
  prefix: string;
  /** The service's page of the Service Authorization Reference. */
  source: SourceReference;
}

/** The actions that apply to one resource type, by access level; names as the reference writes them. */
export interface ServiceActions {
  service: ServiceReference;
  read: readonly string[];
  write: readonly string[];
  permissions: readonly string[];
}

const RANK: Record<ActionLevel, number> = { read: 0, write: 1, permissions: 2 };

/**
 * The highest access level among the actions an action pattern (as a policy writes it: `kms:Decrypt`, `sqs:*`, `*`)
 * stands for. A pattern that matches no action of the table (an action of another resource type, or a name the
 * table does not hold) counts as `write`: more than read, so the severity errs high rather than low.
 */
export function levelOfActionPattern(table: ServiceActions, pattern: string): ActionLevel {
  // Highest level first: the first level with a matching action is the pattern's level. Case-insensitive, as IAM
  // compares action names; the table is fixed and the pattern is matched by automaton.
  for (const level of ["permissions", "write", "read"] as const) {
    const prefix = `${table.service.prefix}:`;
    if (table[level].some((name) => wildcardMatch(pattern, prefix + name, true, UNLIMITED))) return level;
  }
  return "write";
}

/** The highest level of all the patterns; `read` for none. */
export function levelOfActionPatterns(table: ServiceActions, patterns: readonly string[]): ActionLevel {
  let level: ActionLevel = "read";
  for (const pattern of patterns) {
    const next = levelOfActionPattern(table, pattern);
    if (RANK[next] > RANK[level]) level = next;
    if (level === "permissions") break;
  }
  return level;
}
