/**
 * Condition values on ARN keys (aws:PrincipalArn, aws:SourceArn) compared with a class of ARNs: "every ARN of
 * account A" or one concrete ARN. Under the ARN operators IAM compares the six colon-separated components one by
 * one, each with its own wildcards (IAM User Guide, "Condition operators", ARN condition operators), so a value
 * with fewer than six components matches no ARN; under the string operators the value is one pattern over the
 * whole text.
 */
import { UNLIMITED, type WorkBudget } from "./patterns/budget.js";
import { characters, isAllStars, tokenGlob, STAR, type Glob, type Token } from "./patterns/glob.js";
import { ACCOUNT_ID_DOMAIN } from "./patterns/domains.js";
import { globCoveredBy, globsIntersect } from "./patterns/relations.js";
import type { ParsedOperator } from "./operators.js";
import { triFromBoolean, type Tri } from "./tri.js";
import { hasWildcard, pattern as compile, wildcardMatch } from "./wildcard.js";

/** An ARN's six components: `arn`, partition, service, region, account, and the resource (which keeps its colons). */
export function arnComponents(text: string): string[] | undefined {
  const parts: string[] = [];
  let rest = text;
  for (let i = 0; i < 5; i++) {
    const colon = rest.indexOf(":");
    if (colon < 0) return undefined;
    parts.push(rest.slice(0, colon));
    rest = rest.slice(colon + 1);
  }
  parts.push(rest);
  return parts;
}

/** The class "every ARN whose account is `account`" (a named account id, or any account id at all). */
export interface AccountArns {
  account: string | "any";
}

/** Partition, service and region hold no colon. */
const COMPONENT: Token = { kind: "star", cls: "not-colon" };
const chars = (text: string): Token[] => characters(text).map((ch) => ({ kind: "char", ch }));

/** The class as one pattern over the whole text, for the string operators. */
function accountArnsGlob(cls: AccountArns): Glob {
  const account = cls.account === "any" ? ACCOUNT_ID_DOMAIN.tokens : chars(cls.account);
  const tokens: Token[] = [
    ...chars("arn:"),
    COMPONENT,
    ...chars(":"),
    COMPONENT,
    ...chars(":"),
    COMPONENT,
    ...chars(":"),
    ...account,
    ...chars(":"),
    STAR,
  ];
  return tokenGlob(tokens, `arn:*:*:*:${cls.account}:*`);
}

/**
 * How a condition value compares with every ARN of an account: "all" when it matches each, "none" when it matches
 * none, "some" otherwise. `undecided` is returned where the IAM documentation does not settle the comparison.
 */
export function compareWithAccountArns(
  value: string,
  op: ParsedOperator,
  cls: AccountArns,
  budget: WorkBudget = UNLIMITED,
): Tri {
  const parts = arnComponents(value);
  if (!op.wildcards) {
    // A literal value names one ARN: it is in the class when its account is, and never covers the whole class.
    // Accounts a policy names have classes of their own, so "any account" here means any account not named.
    const account = parts?.[4];
    return account !== undefined && cls.account !== "any" && account === cls.account ? "some" : "none";
  }
  const prefixHasWildcard = parts?.slice(0, 5).some(hasWildcard) ?? true;
  if (op.kind !== "arn" && prefixHasWildcard) {
    // A string operator's `*` may run across colons: compare the whole text with the whole class.
    const glob = compile(value, op.ignoreCase);
    const classGlob = accountArnsGlob(cls);
    if (!globsIntersect([glob, classGlob], budget)) return "none";
    return globCoveredBy(classGlob, [glob], budget) ? "all" : "some";
  }
  if (!parts) return value === "*" ? "some" : "none";
  const [prefix = "", partition = "", service = "", region = "", account = "", resource = ""] = parts;
  if (!wildcardMatch(prefix, "arn", false, budget)) return "none";
  if (cls.account === "any") {
    if (!hasWildcard(account)) return "none";
    if (!globsIntersect([compile(account), ACCOUNT_ID_DOMAIN], budget)) return "none";
  } else if (!wildcardMatch(account, cls.account, false, budget)) return "none";
  const anyText = [partition, service, region, resource].every(isAllStars);
  const wholeAccount =
    cls.account === "any" ? globCoveredBy(ACCOUNT_ID_DOMAIN, [compile(account)], budget) : true;
  return anyText && wholeAccount ? "all" : "some";
}

/** Does a condition value match one concrete ARN? */
export function compareWithArn(
  value: string,
  op: ParsedOperator,
  arn: string,
  budget: WorkBudget = UNLIMITED,
): Tri {
  if (!op.wildcards) {
    return triFromBoolean(op.ignoreCase ? value.toLowerCase() === arn.toLowerCase() : value === arn);
  }
  if (op.kind !== "arn") return triFromBoolean(wildcardMatch(value, arn, op.ignoreCase, budget));
  const parts = arnComponents(value);
  const target = arnComponents(arn);
  if (!parts) return value === "*" ? "some" : "none";
  if (!target) return "none";
  return triFromBoolean(parts.every((part, i) => wildcardMatch(part, target[i] ?? "", false, budget)));
}

/**
 * A Deny's Resource value as what it certainly covers: a wildcard in the first five components of an ARN stays
 * within its component (IAM User Guide, "IAM JSON policy elements: Resource", wildcards within ARN segments), so
 * it is read that narrowly; only the resource part's wildcards may run across colons. A value with fewer than six
 * components covers nothing. (As a grant, or as what a NotResource leaves out, the wider whole-text reading is
 * kept: it errs toward reporting.)
 */
export function resourcePatternWithinComponents(text: string): Glob | undefined {
  const parts = arnComponents(text);
  if (!parts) return isAllStars(text) ? compile("*") : undefined;
  const tokens: Token[] = [];
  parts.forEach((part, index) => {
    if (index > 0) tokens.push({ kind: "char", ch: ":" });
    if (index === 5) {
      tokens.push(...compile(part).tokens);
      return;
    }
    for (const ch of characters(part)) {
      if (ch === "*") {
        if (tokens[tokens.length - 1]?.kind !== "star") tokens.push(COMPONENT);
      } else if (ch === "?") tokens.push({ kind: "class", cls: "not-colon" });
      else tokens.push({ kind: "char", ch });
    }
  });
  return tokenGlob(tokens, text);
}
