import type { Statement } from "../model/policy.js";
import { patternCovers, wildcardMatch } from "./wildcard.js";

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
export function statementAllowsAction(statement: Statement, action: string): boolean {
  if (statement.actions) return statement.actions.some((p) => wildcardMatch(p, action, true));
  if (statement.notActions) return !statement.notActions.some((p) => wildcardMatch(p, action, true));
  return false;
}

/** Does the statement cover every action that `pattern` stands for? (for Deny statements) */
export function statementCoversActionPattern(statement: Statement, pattern: string): boolean {
  if (statement.actions) return statement.actions.some((p) => patternCovers(p, pattern, true));
  if (statement.notActions) {
    // Covered unless some excluded action could be one that `pattern` stands for.
    return !statement.notActions.some(
      (p) => wildcardMatch(p, pattern, true) || wildcardMatch(pattern, p, true),
    );
  }
  return false;
}

/**
 * Does a Deny statement's Resource/NotResource take in every resource the grant is about? `grantResources` are the
 * granting statement's own Resource patterns (a bucket policy may grant on the bucket, its objects, or both).
 */
export function statementCoversResources(statement: Statement, grantResources: readonly string[]): boolean {
  if (statement.resources) {
    return grantResources.every((arn) => statement.resources?.some((p) => patternCovers(p, arn)));
  }
  if (statement.notResources) {
    return !grantResources.some((arn) =>
      statement.notResources?.some((p) => wildcardMatch(p, arn) || wildcardMatch(arn, p)),
    );
  }
  // A trust policy has no Resource element: it is about the role itself.
  return true;
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
