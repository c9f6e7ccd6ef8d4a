/**
 * Whether S3 considers a bucket policy public ("Blocking public access to your Amazon S3 storage", section "The
 * meaning of public"), which decides whether RestrictPublicBuckets applies. A policy is public when some Allow
 * statement grants to `*` (or uses NotPrincipal) without a condition that pins a fixed value of a key that names
 * who or where the caller is. The S3 guide lists aws:SourceIp (a CIDR set), aws:SourceArn, aws:SourceVpc,
 * aws:SourceVpce, aws:SourceOwner, aws:SourceAccount, aws:userid (not `AROLEID:*`), s3:DataAccessPointArn and
 * s3:DataAccessPointAccount; the oracle adds the organization and principal keys that IAM Access Analyzer treats as
 * non-public (aws:PrincipalOrgID, aws:PrincipalOrgPaths, aws:PrincipalAccount, aws:PrincipalArn, aws:SourceOrgID,
 * aws:SourceOrgPaths). An IPv4 range wider than /8 (IPv6 /32) is not a confinement (the project's semantics).
 *
 * The guide does not say when an ARN or a path is "fixed". A non-public policy keeps RestrictPublicBuckets away and
 * so grants more; the oracle takes that reading: a value is fixed when the account (ARNs) or organization (paths) in
 * it has no wildcard, whatever the rest says.
 */
import type { ConditionClause, PolicyDocument, Statement } from "../../src/model/policy.js";
import { hasGlob } from "./glob.js";
import { parseRange } from "./ip.js";

const FIXING_KEYS = new Set([
  "aws:sourcearn",
  "aws:sourcevpc",
  "aws:sourcevpce",
  "aws:sourceowner",
  "aws:sourceaccount",
  "aws:userid",
  "s3:dataaccesspointarn",
  "s3:dataaccesspointaccount",
  "aws:principalorgid",
  "aws:principalorgpaths",
  "aws:principalaccount",
  "aws:principalarn",
  "aws:sourceorgid",
  "aws:sourceorgpaths",
]);

const POSITIVE_OPERATORS = new Set([
  "stringequals",
  "stringequalsignorecase",
  "stringlike",
  "arnequals",
  "arnlike",
]);

function fixedValue(key: string, value: string, operator: string): boolean {
  if (value.length === 0 || value.includes("${")) return false;
  // Under StringEquals a `*` or `?` is an ordinary character, so the value is fixed (the reading that keeps
  // RestrictPublicBuckets away, granting more).
  if (operator.startsWith("stringequals")) return true;
  if (key.endsWith("arn")) {
    const parts = value.split(":");
    return parts.length >= 6 && parts[0] === "arn" && !hasGlob(parts.slice(0, 5).join(":"));
  }
  if (key.endsWith("orgpaths")) return !hasGlob(value.split("/")[0] ?? "*");
  return !hasGlob(value);
}

function pinsCaller(clause: ConditionClause): boolean {
  const key = clause.key.toLowerCase();
  // ForAnyValue: is how a multivalued key such as aws:PrincipalOrgPaths is meant to be compared.
  // IfExists: the guide does not say; the reading that keeps RestrictPublicBuckets away (granting more) is taken.
  const operator = clause.operator
    .toLowerCase()
    .replace(/^foranyvalue:/, "")
    .replace(/ifexists$/, "");
  if (clause.values.length === 0) return false;
  if (key === "aws:sourceip") {
    return (
      operator === "ipaddress" &&
      clause.values.every((v) => {
        const range = parseRange(v);
        return range !== undefined && range.prefix >= (range.version === 4 ? 8 : 32);
      })
    );
  }
  if (!FIXING_KEYS.has(key) || !POSITIVE_OPERATORS.has(operator)) return false;
  if (key === "aws:userid")
    return clause.values.every((v) => fixedValue(key, v, operator) && !/^AROA[A-Z0-9]+:\*$/.test(v));
  return clause.values.every((v) => fixedValue(key, v, operator));
}

export function statementIsPublic(statement: Statement): boolean {
  if (statement.effect !== "Allow") return false;
  const toAnyone =
    statement.notPrincipals !== undefined ||
    (statement.principals ?? []).some((p) => p.type === "AWS" && p.value.trim() === "*");
  return toAnyone && !statement.conditions.some(pinsCaller);
}

export function policyIsPublic(policy: PolicyDocument | null): boolean {
  return (policy?.statements ?? []).some(statementIsPublic);
}
