import type { PrincipalEntry, Statement } from "../model/policy.js";
import { parseArn, isAccountId } from "./arn.js";
import { parseCidr, isTooWideToConfine, type Cidr } from "./cidr.js";
import { isIamPrincipalArn } from "./principals.js";
import { hasWildcard } from "./wildcard.js";

/** Everything a set of statements names: the parties that need a representative caller of their own. */
export interface Mentions {
  accounts: Set<string>;
  orgs: Set<string>;
  unknownPrincipals: Set<string>;
  canonicalUsers: Set<string>;
  services: Set<string>;
  /** Buckets named in aws:SourceArn (`arn:aws:s3:::name` carries no account): resolved to owners later. */
  sourceBuckets: Set<string>;
  /** Buckets whose owner the snapshot does not know: their owner is a party of its own. */
  unknownBucketOwners: Set<string>;
  vpces: Set<string>;
  vpcs: Set<string>;
  cidrs: Map<string, Cidr>;
  /**
   * IAM principal ARNs the policies name exactly (in Principal, or as a literal aws:PrincipalArn value), by account:
   * each gets a caller of its own, so that a Deny naming a principal is compared with exactly that principal.
   */
  principalArns: Map<string, Set<string>>;
}

const UNIQUE_ID = /^(AROA|AIDA|AGPA|AIPA|ANPA|ANVA|ASIA|AKIA)[A-Z0-9]{8,}$/;

export function isUniqueId(value: string): boolean {
  return UNIQUE_ID.test(value);
}

/**
 * An AWS principal that names no account we can judge: an ARN whose account part is not an account id (the
 * CloudFront origin access identity `arn:aws:iam::cloudfront:user/…`). It is outside the zone (docs/semantics.md#principals).
 */
export function isUnresolvableAwsPrincipal(value: string): boolean {
  if (value === "*" || isAccountId(value)) return false;
  const account = parseArn(value)?.account;
  return account === undefined || (!isAccountId(account) && !hasWildcard(account));
}

export function emptyMentions(): Mentions {
  return {
    accounts: new Set(),
    orgs: new Set(),
    unknownPrincipals: new Set(),
    canonicalUsers: new Set(),
    services: new Set(),
    sourceBuckets: new Set(),
    unknownBucketOwners: new Set(),
    vpces: new Set(),
    vpcs: new Set(),
    cidrs: new Map(),
    principalArns: new Map(),
  };
}

function addPrincipalArn(value: string, into: Mentions): void {
  if (!isIamPrincipalArn(value)) return;
  const account = parseArn(value)?.account;
  if (!account || !isAccountId(account)) return;
  let arns = into.principalArns.get(account);
  if (!arns) {
    arns = new Set();
    into.principalArns.set(account, arns);
  }
  arns.add(value);
}

function addAccountOf(value: string, into: Mentions): void {
  if (isAccountId(value)) into.accounts.add(value);
  const account = parseArn(value)?.account;
  if (account && isAccountId(account)) into.accounts.add(account);
}

/** The party a principal names (a Principal value, or the grantee of a KMS grant). */
export function addPrincipalMention(entry: PrincipalEntry, into: Mentions): void {
  if (entry.type === "AWS") {
    if (isUniqueId(entry.value) || isUnresolvableAwsPrincipal(entry.value))
      into.unknownPrincipals.add(entry.value);
    else {
      addAccountOf(entry.value, into);
      addPrincipalArn(entry.value, into);
    }
  } else if (entry.type === "Service") into.services.add(entry.value.toLowerCase());
  else if (entry.type === "CanonicalUser") into.canonicalUsers.add(entry.value);
}

export function collectMentions(
  statements: readonly Statement[],
  into: Mentions = emptyMentions(),
): Mentions {
  for (const statement of statements) {
    for (const entry of [...(statement.principals ?? []), ...(statement.notPrincipals ?? [])]) {
      addPrincipalMention(entry, into);
    }
    for (const clause of statement.conditions) {
      for (const value of clause.values) {
        if (value.includes("${")) continue;
        switch (clause.keyLower) {
          case "aws:principalarn":
            addAccountOf(value, into);
            addPrincipalArn(value, into);
            break;
          case "aws:principalaccount":
          case "kms:calleraccount":
          case "aws:sourceaccount":
          case "aws:sourceowner":
            addAccountOf(value, into);
            break;
          case "aws:sourcearn": {
            addAccountOf(value, into);
            const arn = parseArn(value);
            const bucket =
              arn?.service === "s3" && arn.account === "" ? (arn.resource.split("/")[0] ?? "") : "";
            if (bucket && !hasWildcard(bucket)) into.sourceBuckets.add(bucket);
            break;
          }
          case "aws:userid": {
            const id = value.split(":")[0] ?? "";
            if (isAccountId(id)) into.accounts.add(id);
            break;
          }
          case "aws:principalorgid":
          case "aws:sourceorgid":
            if (!hasWildcard(value)) into.orgs.add(value);
            break;
          case "aws:principalorgpaths":
          case "aws:sourceorgpaths": {
            const org = value.split("/")[0] ?? "";
            if (org.startsWith("o-") && !hasWildcard(org)) into.orgs.add(org);
            break;
          }
          case "aws:principalservicename":
            if (!hasWildcard(value)) into.services.add(value.toLowerCase());
            break;
          case "aws:sourcevpce":
            if (!hasWildcard(value)) into.vpces.add(value);
            break;
          case "aws:sourcevpc":
            if (!hasWildcard(value)) into.vpcs.add(value);
            break;
          case "aws:sourceip": {
            const cidr = parseCidr(value);
            if (cidr && !isTooWideToConfine(cidr)) into.cidrs.set(value, cidr);
            break;
          }
        }
      }
    }
  }
  return into;
}
