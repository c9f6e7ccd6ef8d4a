/**
 * In the account zone, the other members of the owner's organization are outside callers, one per OU path, because
 * aws:PrincipalOrgPaths and aws:SourceOrgPaths can tell paths apart. Nothing else about a caller depends on its
 * path (key-values.ts reads `orgPath` for those two keys alone), so paths that every such condition of a resource
 * (its own statements and its RCPs) judges alike are judged alike everywhere: one path stands for each class. With
 * no such condition there is no per-path caller at all, since the caller for a member under any path (always built)
 * is judged exactly as each of them. A resource's callers then grow with the OU paths its policies tell apart, not
 * with the organization.
 */
import type { ConditionClause, Statement } from "../model/policy.js";
import { ANY_ACCOUNT, ANY_SERVICE, type Caller } from "./callers.js";
import { evaluateClause } from "./conditions.js";
import type { EvaluationContext } from "./key-values.js";

const ORG_PATH_KEYS = new Set(["aws:principalorgpaths", "aws:sourceorgpaths"]);

/** The condition clauses of `statements` whose key is an organization path. */
export function orgPathClauses(statements: readonly Statement[]): ConditionClause[] {
  const clauses: ConditionClause[] = [];
  for (const statement of statements) {
    for (const clause of statement.conditions) if (ORG_PATH_KEYS.has(clause.keyLower)) clauses.push(clause);
  }
  return clauses;
}

/**
 * One path for each class of `paths` (the first, in the order given; asked for only when some clause can tell them apart) that `clauses` judge alike, for members of
 * organization `orgId`: as an AWS principal (aws:PrincipalOrgPaths) and as the source a service acts for
 * (aws:SourceOrgPaths), the two kinds of caller a path is given to.
 */
export function representativePaths(
  paths: () => readonly string[],
  clauses: readonly ConditionClause[],
  orgId: string,
  ctx: EvaluationContext,
): string[] {
  if (clauses.length === 0) return [];
  const seen = new Set<string>();
  const representatives: string[] = [];
  for (const orgPath of paths()) {
    const party = { kind: "organization", id: orgId } as const;
    const network = { kind: "internet" } as const;
    const principal: Caller = { kind: "aws", account: ANY_ACCOUNT, orgId, orgPath, network, party };
    const service: Caller = {
      kind: "service",
      service: ANY_SERVICE,
      account: ANY_ACCOUNT,
      orgId,
      orgPath,
      network,
      party,
    };
    let answers = "";
    for (const clause of clauses) {
      answers += `${evaluateClause(clause, principal, ctx)},${evaluateClause(clause, service, ctx)};`;
    }
    if (seen.has(answers)) continue;
    seen.add(answers);
    representatives.push(orgPath);
  }
  return representatives;
}
