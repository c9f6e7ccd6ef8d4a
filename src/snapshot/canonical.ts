import type { ConditionClause, PrincipalEntry, Statement } from "../model/policy.js";

type CanonicalInput = Omit<Statement, "index" | "location" | "canonical">;
type CanonicalValue = string | string[] | { [key: string]: CanonicalValue };

/**
 * The statement as a canonical JSON string: keys sorted, every string-or-array element a sorted array
 * without duplicates, `"*"` principals as `{"AWS": ["*"]}`, condition operators and keys lower-cased.
 * Whitespace, key order and element order of the source do not change it; the statement index does not
 * either, so moving a statement keeps its identity.
 */
export function canonicalStatement(statement: CanonicalInput): string {
  const form: Record<string, CanonicalValue> = { Effect: statement.effect };
  if (statement.sid !== undefined) form.Sid = statement.sid;
  if (statement.principals) form.Principal = principalForm(statement.principals);
  if (statement.notPrincipals) form.NotPrincipal = principalForm(statement.notPrincipals);
  if (statement.actions) form.Action = sortedUnique(statement.actions);
  if (statement.notActions) form.NotAction = sortedUnique(statement.notActions);
  if (statement.resources) form.Resource = sortedUnique(statement.resources);
  if (statement.notResources) form.NotResource = sortedUnique(statement.notResources);
  if (statement.conditions.length > 0) form.Condition = conditionForm(statement.conditions);
  return stableStringify(form);
}

function principalForm(entries: PrincipalEntry[]): Record<string, string[]> {
  const byType = new Map<string, string[]>();
  for (const entry of entries) pushAll(byType, entry.type, [entry.value]);
  return Object.fromEntries([...byType].map(([type, values]) => [type, sortedUnique(values)]));
}

/**
 * Operators and keys are case-insensitive in IAM, so `StringEquals` and `stringequals` blocks merge.
 * Maps, not plain objects, because keys come from the input (a key named `__proto__` must stay data).
 */
function conditionForm(clauses: ConditionClause[]): Record<string, Record<string, string[]>> {
  const byOperator = new Map<string, Map<string, string[]>>();
  for (const clause of clauses) {
    let byKey = byOperator.get(clause.operatorLower);
    if (!byKey) byOperator.set(clause.operatorLower, (byKey = new Map()));
    pushAll(byKey, clause.keyLower, clause.values);
  }
  return Object.fromEntries(
    [...byOperator].map(([operator, byKey]) => [
      operator,
      Object.fromEntries([...byKey].map(([key, values]) => [key, sortedUnique(values)])),
    ]),
  );
}

function pushAll(map: Map<string, string[]>, key: string, values: string[]): void {
  const list = map.get(key);
  if (list) list.push(...values);
  else map.set(key, [...values]);
}

/** Sorted by UTF-16 code units, never by locale, so the result is the same on every machine. */
function sortedUnique(values: string[]): string[] {
  return [...new Set(values)].sort();
}

function stableStringify(value: CanonicalValue): string {
  if (typeof value === "string") return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map((item) => JSON.stringify(item)).join(",")}]`;
  const keys = Object.keys(value).sort();
  return `{${keys.map((key) => `${JSON.stringify(key)}:${stableStringify(value[key] as CanonicalValue)}`).join(",")}}`;
}
