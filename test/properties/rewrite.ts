/** Rewritings of a policy that IAM reads the same way: element order, string vs one-element list, key case, layout. */
import type { ConditionJson, PolicyJson, StatementJson, StringOrList } from "./arbitraries.js";

/** Flips every element that holds one value between `"x"` and `["x"]`, where `flip` says so. */
export function toggleSingletons(policy: PolicyJson, flip: () => boolean): PolicyJson {
  const toggle = (value: StringOrList): StringOrList => {
    if (typeof value === "string") return flip() ? [value] : value;
    return value.length === 1 && flip() ? (value[0] ?? "") : value;
  };
  const principal = (p: StatementJson["Principal"]) =>
    p === undefined || p === "*"
      ? p
      : Object.fromEntries(Object.entries(p).map(([type, values]) => [type, toggle(values as StringOrList)]));
  return {
    ...policy,
    Statement: policy.Statement.map((s) => {
      const out: StatementJson = { ...s };
      for (const key of ["Action", "NotAction", "Resource", "NotResource"] as const) {
        const value = s[key];
        if (value !== undefined) out[key] = toggle(value);
      }
      if (s.Principal !== undefined) out.Principal = principal(s.Principal);
      if (s.NotPrincipal !== undefined) out.NotPrincipal = principal(s.NotPrincipal);
      if (s.Condition) {
        out.Condition = Object.fromEntries(
          Object.entries(s.Condition).map(([op, keys]) => [
            op,
            Object.fromEntries(Object.entries(keys).map(([k, v]) => [k, toggle(v)])),
          ]),
        );
      }
      return out;
    }),
  };
}

/** Rewrites the case of condition operators and keys (values keep theirs), as `recase` picks. */
export function recaseConditions(policy: PolicyJson, recase: (name: string) => string): PolicyJson {
  return {
    ...policy,
    Statement: policy.Statement.map((s) => {
      if (!s.Condition) return s;
      const condition: ConditionJson = {};
      for (const [op, keys] of Object.entries(s.Condition)) {
        condition[recase(op)] = Object.fromEntries(Object.entries(keys).map(([k, v]) => [recase(k), v]));
      }
      return { ...s, Condition: condition };
    }),
  };
}

/** The statements in the order `order` gives (a permutation of their indices). */
export function reorder(policy: PolicyJson, order: readonly number[]): PolicyJson {
  return { ...policy, Statement: order.map((i) => policy.Statement[i] as StatementJson) };
}
