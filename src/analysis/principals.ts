import type { PrincipalEntry } from "../model/policy.js";
import { isAccountId, parseArn } from "./arn.js";
import type { Caller } from "./callers.js";
import { isUniqueId, isUnresolvableAwsPrincipal } from "./mentions.js";
import { triNot, triOr, type Tri } from "./tri.js";

/** How a Principal value is judged (docs/semantics.md#principals). */
export type JudgedPrincipal =
  | { kind: "anyone" }
  /** S3 ACL group AuthenticatedUsers: any signed request from any AWS account, but no anonymous caller. */
  | { kind: "any-aws-account" }
  /** Every principal of the account (`123456789012`, `arn:…:root`) or one of them (a role, user or session ARN). */
  | { kind: "account"; account: string; whole: boolean; arn?: string }
  | { kind: "unknown-principal"; id: string }
  | { kind: "canonical-user"; id: string; account?: string }
  | { kind: "service"; service: string }
  | { kind: "federated"; provider: string };

export interface PrincipalContext {
  /** Account of an S3 canonical user id, when the snapshot knows it (ACL owners). */
  accountOfCanonicalUser(id: string): string | undefined;
}

export function judgePrincipal(entry: PrincipalEntry, ctx: PrincipalContext): JudgedPrincipal {
  const value = entry.value.trim();
  switch (entry.type) {
    case "Service":
      return { kind: "service", service: value.toLowerCase() };
    case "Federated":
      return { kind: "federated", provider: value };
    case "CanonicalUser": {
      const account = ctx.accountOfCanonicalUser(value);
      return account ? { kind: "canonical-user", id: value, account } : { kind: "canonical-user", id: value };
    }
    case "AWS": {
      if (value === "*") return { kind: "anyone" };
      if (isAccountId(value)) return { kind: "account", account: value, whole: true };
      if (isUniqueId(value) || isUnresolvableAwsPrincipal(value))
        return { kind: "unknown-principal", id: value };
      const arn = parseArn(value);
      // IAM rejects wildcards in Principal ARNs; a snapshot that has one is judged as widely as it reads.
      if (!arn || arn.account.includes("*") || arn.account.includes("?")) return { kind: "anyone" };
      const whole = arn.resource === "root";
      return whole
        ? { kind: "account", account: arn.account, whole }
        : { kind: "account", account: arn.account, whole, arn: value };
    }
  }
}

/** Does a Principal entry name the caller class: all of it, some of it (one role of an account), or none? */
export function principalMatches(judged: JudgedPrincipal, caller: Caller): Tri {
  switch (judged.kind) {
    case "anyone":
      return "all";
    case "any-aws-account":
      return caller.kind === "aws" ? "all" : "none";
    case "account":
      if (caller.kind !== "aws" || caller.principalId || caller.account !== judged.account) return "none";
      if (judged.whole) return "all";
      return namedPrincipalMatches(judged.arn ?? "", caller);
    case "unknown-principal":
      return caller.kind === "aws" && caller.principalId === judged.id ? "all" : "none";
    case "canonical-user":
      if (caller.kind !== "aws") return "none";
      if (judged.account) return caller.account === judged.account && !caller.principalId ? "all" : "none";
      return caller.principalId === judged.id ? "all" : "none";
    case "service":
      return caller.kind === "service" && caller.service === judged.service ? "all" : "none";
    case "federated":
      // Compared exactly: a Deny written with another spelling of the provider is not proven to be the same one.
      return caller.federatedProvider !== undefined && caller.federatedProvider === judged.provider
        ? "all"
        : "none";
  }
}

/**
 * One principal ARN of the caller's account against a caller that may stand for one named principal, or for every
 * principal the policies do not name. A role ARN in Principal means that role's sessions, exactly the principals
 * whose aws:PrincipalArn is that ARN (IAM User Guide, "AWS JSON policy elements: Principal", role sessions), so
 * IAM ARNs are compared exactly; a session ARN (`arn:aws:sts::…:assumed-role/…`) names one session of a role and is
 * left as "some".
 */
function namedPrincipalMatches(arn: string, caller: Caller): Tri {
  if (!isIamPrincipalArn(arn)) return "some";
  if (caller.principalArn !== undefined) return caller.principalArn === arn ? "all" : "none";
  if (caller.otherThanArns?.has(arn)) return "none";
  return "some";
}

/** `arn:<partition>:iam::<account>:role/…` or `…:user/…`: a principal whose aws:PrincipalArn is the ARN itself. */
export function isIamPrincipalArn(arn: string): boolean {
  const parsed = parseArn(arn);
  return (
    parsed !== undefined &&
    parsed.service === "iam" &&
    (parsed.resource.startsWith("role/") || parsed.resource.startsWith("user/")) &&
    !arn.includes("*") &&
    !arn.includes("?")
  );
}

/** Principal or NotPrincipal block against a caller; a statement without either (identity-style) matches nobody. */
export function statementPrincipalMatches(
  principals: readonly JudgedPrincipal[] | undefined,
  notPrincipals: readonly JudgedPrincipal[] | undefined,
  caller: Caller,
): Tri {
  if (principals) return triOr(principals.map((p) => principalMatches(p, caller)));
  if (notPrincipals) return triNot(triOr(notPrincipals.map((p) => principalMatches(p, caller))));
  return "none";
}

export function describePrincipalEntry(entry: PrincipalEntry): string {
  return JSON.stringify({ [entry.type]: entry.value });
}
