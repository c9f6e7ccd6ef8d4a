/**
 * Condition operators as the IAM User Guide ("IAM JSON policy elements: Condition operators", "Single-valued vs.
 * multivalued context keys") defines them, for the oracle. AND across clauses, OR across a clause's values; a
 * negated operator holds when no value matches; a key absent from the request makes a positive operator false and
 * a negated one true, `…IfExists` true, `ForAllValues:` true and `ForAnyValue:` false.
 */
import type { ConditionClause } from "../../src/model/policy.js";
import { globMatch } from "./glob.js";
import { parseIp, parseRange, rangeContains } from "./ip.js";
import type { RequestContext } from "./request.js";

export class OracleUnsupportedError extends Error {}

type Family = "string" | "arn" | "ip" | "bool" | "numeric" | "date" | "binary";

interface Operator {
  set?: "any" | "all";
  ifExists: boolean;
  negated: boolean;
  family: Family;
  /** How one policy value compares with one request value, before negation. */
  matches: (policyValue: string, requestValue: string) => boolean;
}

const numeric = (compare: (a: number, b: number) => boolean) => (policy: string, request: string) => {
  const p = Number(policy);
  const r = Number(request);
  return (
    policy.trim() !== "" && request.trim() !== "" && !Number.isNaN(p) && !Number.isNaN(r) && compare(r, p)
  );
};

function epoch(text: string): number {
  return /^\d+$/.test(text) ? Number(text) * 1000 : Date.parse(text);
}

const dated = (compare: (a: number, b: number) => boolean) => (policy: string, request: string) => {
  const p = epoch(policy);
  const r = epoch(request);
  return !Number.isNaN(p) && !Number.isNaN(r) && compare(r, p);
};

/** ARN operators: each of the six colon-separated parts separately, wildcards within a part (IAM User Guide). */
export function arnMatches(pattern: string, arn: string): boolean {
  const patternParts = splitArn(pattern);
  const arnParts = splitArn(arn);
  // The guide does not say what a value of fewer than six parts means; "*" alone is read as every ARN (the widest
  // reading), anything else shorter than an ARN as no ARN.
  if (!patternParts) return pattern === "*";
  if (!arnParts) return false;
  return patternParts.every((part, i) => globMatch(part, arnParts[i] ?? ""));
}

function splitArn(text: string): string[] | undefined {
  const parts = text.split(":");
  if (parts.length < 6) return undefined;
  return [...parts.slice(0, 5), parts.slice(5).join(":")];
}

const BASES: Record<string, { family: Family; negated: boolean; matches: Operator["matches"] }> = {
  stringequals: { family: "string", negated: false, matches: (p, r) => p === r },
  stringnotequals: { family: "string", negated: true, matches: (p, r) => p === r },
  stringequalsignorecase: {
    family: "string",
    negated: false,
    matches: (p, r) => p.toLowerCase() === r.toLowerCase(),
  },
  stringnotequalsignorecase: {
    family: "string",
    negated: true,
    matches: (p, r) => p.toLowerCase() === r.toLowerCase(),
  },
  stringlike: { family: "string", negated: false, matches: (p, r) => globMatch(p, r) },
  stringnotlike: { family: "string", negated: true, matches: (p, r) => globMatch(p, r) },
  arnequals: { family: "arn", negated: false, matches: arnMatches },
  arnlike: { family: "arn", negated: false, matches: arnMatches },
  arnnotequals: { family: "arn", negated: true, matches: arnMatches },
  arnnotlike: { family: "arn", negated: true, matches: arnMatches },
  ipaddress: { family: "ip", negated: false, matches: ipMatches },
  notipaddress: { family: "ip", negated: true, matches: ipMatches },
  bool: { family: "bool", negated: false, matches: (p, r) => p.toLowerCase() === r.toLowerCase() },
  numericequals: { family: "numeric", negated: false, matches: numeric((r, p) => r === p) },
  numericnotequals: { family: "numeric", negated: true, matches: numeric((r, p) => r === p) },
  numericlessthan: { family: "numeric", negated: false, matches: numeric((r, p) => r < p) },
  numericlessthanequals: { family: "numeric", negated: false, matches: numeric((r, p) => r <= p) },
  numericgreaterthan: { family: "numeric", negated: false, matches: numeric((r, p) => r > p) },
  numericgreaterthanequals: { family: "numeric", negated: false, matches: numeric((r, p) => r >= p) },
  dateequals: { family: "date", negated: false, matches: dated((r, p) => r === p) },
  datenotequals: { family: "date", negated: true, matches: dated((r, p) => r === p) },
  datelessthan: { family: "date", negated: false, matches: dated((r, p) => r < p) },
  datelessthanequals: { family: "date", negated: false, matches: dated((r, p) => r <= p) },
  dategreaterthan: { family: "date", negated: false, matches: dated((r, p) => r > p) },
  dategreaterthanequals: { family: "date", negated: false, matches: dated((r, p) => r >= p) },
  binaryequals: { family: "binary", negated: false, matches: (p, r) => p === r },
};

function ipMatches(policy: string, request: string): boolean {
  const range = parseRange(policy);
  const address = parseIp(request);
  return range !== undefined && address !== undefined && rangeContains(range, address);
}

/** `ForAnyValue:StringNotLikeIfExists` → set any, negated StringLike, IfExists. Operator names in any case. */
export function parseConditionOperator(operator: string): Operator {
  let rest = operator.toLowerCase();
  let set: Operator["set"];
  for (const [prefix, kind] of [
    ["foranyvalue:", "any"],
    ["forallvalues:", "all"],
  ] as const) {
    if (rest.startsWith(prefix)) {
      set = kind;
      rest = rest.slice(prefix.length);
    }
  }
  const ifExists = rest.endsWith("ifexists");
  const base = BASES[ifExists ? rest.slice(0, -"ifexists".length) : rest];
  if (!base) throw new OracleUnsupportedError(`oracle: unknown condition operator ${operator}`);
  return { ...(set ? { set } : {}), ifExists, ...base };
}

/**
 * `${aws:PrincipalAccount}`-style policy variables take the request's value; `${*}`, `${?}`, `${$}` are the
 * literal characters. A variable whose key is absent or multivalued makes the policy value match nothing.
 */
function resolveVariables(value: string, context: RequestContext): string | undefined {
  let unresolved = false;
  const resolved = value.replace(/\$\{([^}]*)\}/g, (_whole, name: string) => {
    if (name === "*" || name === "?" || name === "$") return name;
    const values = context.get(name.toLowerCase());
    if (values?.length !== 1) {
      unresolved = true;
      return "";
    }
    return values[0] ?? "";
  });
  return unresolved ? undefined : resolved;
}

export function clauseHolds(clause: ConditionClause, context: RequestContext): boolean {
  const requestValues = context.get(clause.key.toLowerCase());
  const present = requestValues !== undefined && requestValues.length > 0;
  if (/^null$/i.test(clause.operator)) {
    // "true": the key must be absent; "false": present.
    return clause.values.some((v) =>
      v.toLowerCase() === "true" ? !present : v.toLowerCase() === "false" && present,
    );
  }
  const op = parseConditionOperator(clause.operator);
  if (!present) {
    if (op.set === "all") return true;
    if (op.set === "any") return false;
    return op.ifExists || op.negated;
  }
  const policyValues = clause.values
    .map((v) => resolveVariables(v, context))
    .filter((v): v is string => v !== undefined);
  const oneValue = (requestValue: string) => {
    const anyMatch = policyValues.some((p) => op.matches(p, requestValue));
    return op.negated ? !anyMatch : anyMatch;
  };
  if (op.set === "all") return requestValues.every(oneValue);
  if (op.set === "any") return requestValues.some(oneValue);
  // A single-valued operator on a multivalued key (aws:PrincipalOrgPaths holds one path): positive operators need
  // one request value to match, negated ones need every request value to match none.
  return op.negated ? requestValues.every(oneValue) : requestValues.some(oneValue);
}

export function conditionsHold(clauses: readonly ConditionClause[], context: RequestContext): boolean {
  return clauses.every((clause) => clauseHolds(clause, context));
}
