import type { Statement } from "../model/policy.js";
import type { WorkBudget } from "./patterns/budget.js";
import { resourcePatternWithinComponents } from "./arn-patterns.js";
import type { Glob } from "./patterns/glob.js";
import { globCoveredBy } from "./patterns/relations.js";
import {
  pattern,
  patternsCover,
  patternsOverlap,
  wildcardMatch,
  widenVariables,
  withoutVariables,
} from "./wildcard.js";

/** The actions that make a role trust policy grant anything: without one of them nobody gets in. */
export const ASSUME_ACTIONS = [
  "sts:AssumeRole",
  "sts:AssumeRoleWithSAML",
  "sts:AssumeRoleWithWebIdentity",
] as const;
/** Role actions shown in findings: the assume actions and the session options that go with them. */
export const ROLE_ACTIONS = [
  ...ASSUME_ACTIONS,
  "sts:TagSession",
  "sts:SetSourceIdentity",
  "sts:SetContext",
] as const;

/** Action names are case-insensitive in IAM. */
export function statementAllowsAction(statement: Statement, action: string, budget: WorkBudget): boolean {
  if (statement.actions) return statement.actions.some((p) => wildcardMatch(p, action, true, budget));
  if (statement.notActions) return !statement.notActions.some((p) => wildcardMatch(p, action, true, budget));
  return false;
}

/**
 * Does a Deny statement cover every action that the grant's `pattern` stands for? Decided as language inclusion
 * (Action) or disjointness (NotAction) of the patterns, never by comparing their texts.
 */
export function statementCoversActionPattern(
  statement: Statement,
  pattern: string,
  budget: WorkBudget,
  actionDomain?: Glob,
  notApplicable: (action: string) => boolean = () => false,
): boolean {
  if (statement.actions) return patternsCover(statement.actions, pattern, true, budget, actionDomain);
  if (statement.notActions) {
    // Covered unless some excluded action is one that `pattern` stands for (and that applies where it is asked).
    return !statement.notActions.some(
      (p) => !notApplicable(p) && patternsOverlap(p, pattern, true, budget, actionDomain),
    );
  }
  return false;
}

/**
 * Does a Deny statement's Resource/NotResource take in every resource the grant is about? The grant's resources
 * are its Resource patterns taken within the resource's own ARNs (`scopes`: the bucket ARN and its objects, or
 * the role ARN), so an Allow on `*` is compared with what it can really reach on this resource.
 */
export function statementCoversResources(
  statement: Statement,
  grantResources: readonly string[],
  scopes: readonly Glob[],
  budget: WorkBudget,
): boolean {
  if (statement.resources) {
    const denied = deniedResourcePatterns(statement.resources);
    return grantResources.every((arn) =>
      scopes.every((scope) => globCoveredBy(pattern(arn), denied, budget, scope)),
    );
  }
  const excluded = statement.notResources?.map(widenVariables);
  if (excluded) {
    return !grantResources.some((arn) =>
      scopes.some((scope) => excluded.some((p) => patternsOverlap(p, arn, false, budget, scope))),
    );
  }
  // A trust policy has no Resource element: it is about the role itself.
  return true;
}

/** What a Deny's Resource values certainly cover (variables prove nothing; wildcards stay within components). */
export function deniedResourcePatterns(resources: readonly string[]): Glob[] {
  return withoutVariables(resources)
    .map(resourcePatternWithinComponents)
    .filter((glob): glob is Glob => glob !== undefined);
}

export type AccessLevel = "read" | "write" | "permissions" | "assume";

const PERMISSIONS_ACTIONS =
  /^s3:(\*|put(bucket|object)?(acl|policy)|deletebucketpolicy|putbucketownershipcontrols|putaccesspointpolicy)$/i;
const READ_ACTIONS = /^s3:(get|list|head)/i;

/** How much an S3 grant is worth to an attacker: reading, writing, or changing who may access the bucket. */
export function s3AccessLevel(actionPatterns: readonly string[]): AccessLevel {
  let level: AccessLevel = "read";
  for (const pattern of actionPatterns) {
    if (pattern === "*" || PERMISSIONS_ACTIONS.test(pattern)) return "permissions";
    if (/^s3:[a-z]*\*/i.test(pattern) && !READ_ACTIONS.test(pattern)) return "permissions";
    if (!READ_ACTIONS.test(pattern)) level = "write";
  }
  return level;
}
