import {
  ANY_ACCOUNT,
  ANY_ORG,
  ANY_SERVICE,
  ANY_VPC,
  UNREAD_VPC,
  bucketOwnerAccount,
  type Caller,
} from "./callers.js";
import { arnComponents, compareWithAccountArns, compareWithArn, type AccountArns } from "./arn-patterns.js";
import { ACCOUNT_ID_DOMAIN, ORGANIZATION_ID_DOMAIN } from "./patterns/domains.js";
import { isAllStars, type Glob } from "./patterns/glob.js";
import { globCoveredBy, globsIntersect } from "./patterns/relations.js";
import { cidrContains, cidrsOverlap, isTooWideToConfine, parseCidr } from "./cidr.js";
import { isAccountId } from "./arn.js";
import { isUniqueId } from "./mentions.js";
import type { ParsedOperator } from "./operators.js";
import { triFromBoolean, type Tri } from "./tri.js";
import type { ResourceType } from "../model/resource.js";
import type { WorkBudget } from "./patterns/budget.js";
import type { ResourceScopes } from "./resource-scopes.js";
import { hasWildcard, pattern as compile, wildcardMatch } from "./wildcard.js";

/** What the evaluator needs to know about the resource a policy is attached to. */
export interface EvaluationContext {
  ownerAccount: string;
  /** The owner's organization, for `${aws:ResourceOrgID}`. */
  ownerOrgId: string | undefined;
  /** Owner of an S3 bucket named in aws:SourceArn (`arn:aws:s3:::name` carries no account). */
  bucketOwner(name: string): string | undefined;
  /** The resource's own ARNs that an action is evaluated against. */
  resourceScopes: ResourceScopes;
  resourceType: ResourceType;
  /**
   * The actions a request on this resource can be: only its service's (`s3:*` for a bucket, `sts:*` for a role
   * trust policy), so `Action "*"` or a NotAction grant is compared with a Deny within them.
   */
  actionDomain: Glob;
  /** Answers that depend only on policy text, kept for the length of one resource's analysis. */
  memo: Map<string, boolean>;
  /** The resource's allowance of analysis work. */
  budget: WorkBudget;
  /**
   * The actions an anonymous (unsigned) caller can make out of a grant's actions, when the resource type limits them
   * (a Lambda function: only through a function URL with AuthType NONE). Absent: as many as any other caller.
   */
  anonymousActions?: (actions: readonly string[]) => readonly string[];
  /** Set while a Lambda function's grant of lambda:InvokeFunctionUrl alone is evaluated (function-urls.ts). */
  functionUrlInvocationsOnly?: true;
}

/** How the value of a condition key in a caller's request compares with one policy value. */
export type PatternTest = (pattern: string, operator: ParsedOperator) => Tri;

export type KeyValue =
  | { kind: "absent" }
  /** The caller sets it (sts:ExternalId, aws:SecureTransport, aws:UserAgent, tags, …): docs/semantics.md#conditions. */
  | { kind: "chosen" }
  /** `mayBeAbsent`: the caller may also leave the key out of the request (sts:ExternalId). */
  | { kind: "class"; test: PatternTest; mayBeAbsent?: boolean };

const ABSENT: KeyValue = { kind: "absent" };
const CHOSEN: KeyValue = { kind: "chosen" };

/** Replaces the policy variables we can resolve; returns undefined when the value still depends on the request. */
export function resolveVariables(value: string, ctx: EvaluationContext): string | undefined {
  if (!value.includes("${")) return value;
  let unresolved = false;
  const resolved = value.replace(/\$\{([^}]*)\}/g, (_match, name: string) => {
    const lower = name.toLowerCase();
    if (lower === "aws:resourceaccount") return ctx.ownerAccount;
    if (lower === "aws:resourceorgid" && ctx.ownerOrgId) return ctx.ownerOrgId;
    if (name === "$") return name;
    // `${*}` and `${?}` are a literal `*` and `?`, which a pattern of ours cannot hold apart from a wildcard: the
    // value is taken as depending on the request, so it neither confines an Allow nor proves a Deny.
    unresolved = true;
    return "";
  });
  return unresolved ? undefined : resolved;
}

/**
 * Compares an identifier class (a named id, or ANY_* standing for every id the policies do not name) with a policy
 * value. For the unnamed class the value is compared with the set of ids that can exist (`domain`): a wildcard
 * that matches no real id (`0123456789?`, `x-*`) confines to nobody, one that matches every id admits them all.
 */
function identifierTest(
  identifier: string,
  unnamed: string,
  ctx: EvaluationContext,
  domain?: Glob,
): PatternTest {
  return (pattern, op) => {
    if (identifier === unnamed) {
      if (!op.wildcards || !hasWildcard(pattern)) return "none";
      const glob = compile(pattern, op.ignoreCase);
      if (domain && !globsIntersect([glob, domain], ctx.budget)) return "none";
      if (isAllStars(pattern)) return "all";
      return domain && globCoveredBy(domain, [glob], ctx.budget) ? "all" : "some";
    }
    return triFromBoolean(
      op.wildcards
        ? wildcardMatch(pattern, identifier, op.ignoreCase, ctx.budget)
        : equal(pattern, identifier, op),
    );
  };
}

function equal(pattern: string, value: string, op: ParsedOperator): boolean {
  return op.ignoreCase || op.kind === "bool"
    ? pattern.toLowerCase() === value.toLowerCase()
    : pattern === value;
}

function literalTest(value: string, ctx: EvaluationContext): PatternTest {
  return (pattern, op) => {
    // Bool values are "true" and "false"; whether IAM also takes "True" is not documented: such a value holds for
    // some requests, so it admits under an Allow and proves nothing under a Deny.
    if (op.kind === "bool" && pattern !== value && pattern.toLowerCase() === value.toLowerCase())
      return "some";
    return triFromBoolean(
      op.wildcards ? wildcardMatch(pattern, value, op.ignoreCase, ctx.budget) : equal(pattern, value, op),
    );
  };
}

/**
 * aws:PrincipalArn / aws:SourceArn: the caller can be any principal (or resource) of its account, so a value
 * whose account part matches admits some of the class, and all of it only when every other part is a bare
 * wildcard. A caller that stands for one named principal is compared with its ARN exactly; one that stands for
 * the principals the policies do not name is never matched by a value that names a principal.
 */
function arnInAccountTest(caller: Caller, account: string, ctx: EvaluationContext): PatternTest {
  const cls: AccountArns = { account: account.startsWith("<") ? "any" : account };
  return (pattern, op) => {
    const parts = arnComponents(pattern);
    if (parts && parts[2] === "s3" && parts[4] === "") {
      const bucket = (parts[5] ?? "").split("/")[0] ?? "";
      if (op.wildcards && hasWildcard(bucket)) return "some";
      const owner = ctx.bucketOwner(bucket);
      if (owner === undefined) {
        // A bucket outside the snapshot: its owner is a party of its own, and may be any account the policy names.
        if (account === bucketOwnerAccount(bucket)) return "all";
        return account === ANY_ACCOUNT || account.startsWith("<") ? "none" : "some";
      }
      if (owner !== account) return "none";
      return "some";
    }
    if (caller.principalArn !== undefined)
      return compareWithArn(pattern, op, caller.principalArn, ctx.budget);
    const result = compareWithAccountArns(pattern, op, cls, ctx.budget);
    const namesOne = !op.wildcards || !hasWildcard(pattern);
    if (result !== "none" && namesOne && !op.ignoreCase && caller.otherThanArns?.has(pattern)) return "none";
    return result;
  };
}

/** aws:userid: `<account id>` for a root user, `AIDA…` for users, `AROA…:<session>` for role sessions. */
function userIdTest(caller: Caller, budget: WorkBudget): PatternTest {
  return (pattern, op) => {
    const id = pattern.split(":")[0] ?? "";
    // `AROA…:*`-style values name no account: docs/semantics.md#conditions does not count them as confining.
    if (isUniqueId(id)) return "some";
    if (caller.principalId) {
      const ownSession = `${caller.principalId}:session`;
      if (
        op.wildcards
          ? wildcardMatch(pattern, caller.principalId, false, budget)
          : pattern === caller.principalId
      )
        return "all";
      if (op.wildcards && wildcardMatch(pattern, ownSession, false, budget))
        return pattern.endsWith(":*") ? "all" : "some";
      return "none";
    }
    if (op.wildcards && hasWildcard(id)) return pattern === "*" ? "all" : "some";
    const account = caller.account ?? ANY_ACCOUNT;
    return account !== ANY_ACCOUNT && id === account ? "some" : "none";
  };
}

/** aws:PrincipalOrgPaths: an exact path for members of the snapshot's organization, any path under other orgs. */
function orgPathTest(caller: Caller, ctx: EvaluationContext): PatternTest {
  return (pattern, op) => {
    // Path elements are ids (o-…, r-…, ou-…): a literal `*` or `?` can be in no path.
    if (!op.wildcards && hasWildcard(pattern)) return "none";
    if (caller.orgPath !== undefined) return literalTest(caller.orgPath, ctx)(pattern, op);
    const org = caller.orgId ?? ANY_ORG;
    const [orgPart = "", ...rest] = pattern.split("/");
    const orgResult = identifierTest(org, ANY_ORG, ctx, ORGANIZATION_ID_DOMAIN)(orgPart, op);
    if (orgResult === "none") return "none";
    const everythingBelow = op.wildcards && rest.join("/") === "*";
    return orgResult === "all" && everythingBelow ? "all" : "some";
  };
}

function sourceIpTest(caller: Caller): PatternTest {
  return (pattern) => {
    // A wildcard value confines nothing (docs/semantics.md#conditions).
    if (hasWildcard(pattern)) return "some";
    const range = parseCidr(pattern);
    if (!range) return "none";
    if (isTooWideToConfine(range)) return "some";
    if (caller.network.kind !== "ip") return "none";
    if (cidrContains(range, caller.network.cidr)) return "all";
    return cidrsOverlap(range, caller.network.cidr) ? "some" : "none";
  };
}

function fixedAccountValue(account: string | undefined, ctx: EvaluationContext): KeyValue {
  return account === undefined
    ? ABSENT
    : { kind: "class", test: identifierTest(account, ANY_ACCOUNT, ctx, ACCOUNT_ID_DOMAIN) };
}

export function keyValueFor(keyLower: string, caller: Caller, ctx: EvaluationContext): KeyValue {
  const isAws = caller.kind === "aws";
  const isService = caller.kind === "service";
  switch (keyLower) {
    case "aws:principalaccount":
    case "kms:calleraccount":
      if (isAws && caller.principalId) return { kind: "class", test: unknownAccountTest(ctx) };
      return isAws ? fixedAccountValue(caller.account ?? ANY_ACCOUNT, ctx) : ABSENT;
    case "aws:principalarn":
      if (isAws && caller.principalId) return { kind: "class", test: unknownArnTest };
      return isAws
        ? { kind: "class", test: arnInAccountTest(caller, caller.account ?? ANY_ACCOUNT, ctx) }
        : ABSENT;
    case "aws:userid":
      return isAws ? { kind: "class", test: userIdTest(caller, ctx.budget) } : ABSENT;
    case "aws:principalorgid":
      return isAws && caller.orgId
        ? { kind: "class", test: identifierTest(caller.orgId, ANY_ORG, ctx, ORGANIZATION_ID_DOMAIN) }
        : ABSENT;
    case "aws:principalorgpaths":
      return isAws && caller.orgId ? { kind: "class", test: orgPathTest(caller, ctx) } : ABSENT;
    case "aws:principalisawsservice":
      return caller.kind === "anonymous"
        ? ABSENT
        : { kind: "class", test: literalTest(isService ? "true" : "false", ctx) };
    case "aws:principalservicename":
      return isService
        ? { kind: "class", test: identifierTest(caller.service ?? ANY_SERVICE, ANY_SERVICE, ctx) }
        : ABSENT;
    case "aws:sourceaccount":
    case "aws:sourceowner":
      return isService ? fixedAccountValue(caller.account, ctx) : ABSENT;
    case "aws:sourcearn":
      return isService && caller.account !== undefined
        ? { kind: "class", test: arnInAccountTest(caller, caller.account, ctx) }
        : ABSENT;
    case "aws:sourceorgid":
      return isService && caller.orgId
        ? { kind: "class", test: identifierTest(caller.orgId, ANY_ORG, ctx, ORGANIZATION_ID_DOMAIN) }
        : ABSENT;
    case "aws:sourceorgpaths":
      return isService && caller.orgId ? { kind: "class", test: orgPathTest(caller, ctx) } : ABSENT;
    case "aws:sourcevpce":
      return networkKey(caller, "vpce", ctx);
    case "aws:sourcevpc":
      return networkKey(caller, "vpc", ctx);
    case "aws:sourceip": {
      // Requests through a VPC endpoint and requests a service makes carry no aws:SourceIp.
      const network = caller.network.kind;
      if (isService || network === "vpc" || network === "vpce" || network === "own-vpc") return ABSENT;
      return { kind: "class", test: sourceIpTest(caller) };
    }
    case "sts:externalid":
      // Only sts:AssumeRole carries it, and only when the caller chooses to send one: any ID STS accepts, 2 to
      // 1,224 characters (STS API Reference, AssumeRole, ExternalId).
      if (ctx.resourceType !== "AWS::IAM::Role") return ABSENT;
      return { kind: "class", test: externalIdTest, mayBeAbsent: true };
    case "lambda:functionurlauthtype":
      // An anonymous caller reaches a function only through a URL with AuthType NONE (function-urls.ts). A signed
      // caller may call through an AWS_IAM URL, make a call that carries no such key, or choose the AuthType of a
      // URL it creates: it may send any value, or none.
      if (ctx.resourceType === "AWS::Lambda::Function" && caller.kind === "anonymous")
        return { kind: "class", test: literalTest("NONE", ctx) };
      // A signed lambda:InvokeFunctionUrl goes through a URL with AuthType AWS_IAM (through one with NONE it is
      // not authenticated: the anonymous caller stands for it).
      if (ctx.functionUrlInvocationsOnly) return { kind: "class", test: literalTest("AWS_IAM", ctx) };
      return CHOSEN;
    default:
      return CHOSEN;
  }
}

/**
 * A principal known only by unique id or canonical user id: its account is not known, so any value that can be an
 * account id may be its account.
 */
function unknownAccountTest(ctx: EvaluationContext): PatternTest {
  return (pattern, op) => {
    if (!op.wildcards || !hasWildcard(pattern)) return isAccountId(pattern) ? "some" : "none";
    return globsIntersect([compile(pattern, op.ignoreCase), ACCOUNT_ID_DOMAIN], ctx.budget) ? "some" : "none";
  };
}

/** The ARN of a principal known only by id is not known: any value that can be an ARN may be its ARN. */
function unknownArnTest(pattern: string, op: ParsedOperator): Tri {
  if (op.wildcards && hasWildcard(pattern)) return "some";
  return arnComponents(pattern) ? "some" : "none";
}

function externalIdTest(pattern: string, op: ParsedOperator): Tri {
  if (!op.wildcards || !hasWildcard(pattern)) {
    const length = [...pattern].length;
    return length >= 2 && length <= 1224 ? "some" : "none";
  }
  const fixed = [...pattern].filter((ch) => ch !== "*").length;
  return fixed <= 1224 ? "some" : "none";
}

function networkKey(caller: Caller, kind: "vpc" | "vpce", ctx: EvaluationContext): KeyValue {
  const network = caller.network;
  if (caller.kind === "service" || network.kind === "internet" || network.kind === "ip") return ABSENT;
  if (network.kind === "own-vpc") return { kind: "class", test: identifierTest(ANY_VPC, ANY_VPC, ctx) };
  // A caller through a named endpoint is in some VPC we do not know, and the other way round; so is one through the
  // VPC of an access point whose VPC id was not read.
  if (network.kind !== kind || (network.kind === "vpc" && network.id === UNREAD_VPC)) return CHOSEN;
  return { kind: "class", test: literalTest(network.id, ctx) };
}
