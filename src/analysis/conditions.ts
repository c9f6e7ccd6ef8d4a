import type { ConditionClause } from "../model/policy.js";
import type { Caller } from "./callers.js";
import { keyValueFor, resolveVariables, type EvaluationContext, type KeyValue } from "./key-values.js";
import { parseOperator } from "./operators.js";
import { triAnd, triNot, triOr, type Tri } from "./tri.js";

/**
 * Truth of one (operator, key) clause for a class of callers (docs/semantics.md#conditions): OR across the clause's values,
 * absent keys false for positive operators and true for negated ones, IfExists true on absence, ForAllValues
 * true on an empty set and ForAnyValue false on it.
 */
export function evaluateClause(clause: ConditionClause, caller: Caller, ctx: EvaluationContext): Tri {
  // Outside IAM's grammar (docs/policy-grammar.md): some callers may satisfy it, none provably do, so it never
  // narrows an Allow and a Deny with it cancels nothing.
  if (clause.malformed) return "some";
  const op = parseOperator(clause.operatorLower);
  const value = keyValueFor(clause.keyLower, caller, ctx);
  if (value.kind === "class" && value.mayBeAbsent) {
    // Some callers send the key and some do not: the class is both halves.
    const whenAbsent = judgeValue(clause, op, { kind: "absent" }, ctx);
    const whenSent = judgeValue(clause, op, { kind: "class", test: value.test }, ctx);
    return whenAbsent === whenSent ? whenAbsent : "some";
  }
  return judgeValue(clause, op, value, ctx);
}

function judgeValue(
  clause: ConditionClause,
  op: ReturnType<typeof parseOperator>,
  value: KeyValue,
  ctx: EvaluationContext,
): Tri {
  if (op.base === "null") {
    const wantsAbsent = clause.values.some((v) => v.toLowerCase() === "true");
    const wantsPresent = clause.values.some((v) => v.toLowerCase() === "false");
    if (value.kind === "chosen") return "some";
    const present = value.kind !== "absent";
    return (present && wantsPresent) || (!present && wantsAbsent) ? "all" : "none";
  }
  if (value.kind === "absent") {
    if (op.set === "all") return "all";
    if (op.set === "any") return "none";
    return op.ifExists || op.negated ? "all" : "none";
  }
  if (value.kind === "chosen") return "some";

  const matches = triOr(
    clause.values.map((raw) => {
      const pattern = resolveVariables(raw, ctx);
      // A value that still holds a policy variable depends on the request: it confines nothing (docs/semantics.md#conditions).
      return pattern === undefined ? "some" : value.test(pattern, positiveOf(op));
    }),
  );
  return op.negated ? triNot(matches) : matches;
}

/** The positive operator whose match a negated operator inverts (StringNotLike → StringLike). */
function positiveOf(op: ReturnType<typeof parseOperator>): ReturnType<typeof parseOperator> {
  return op.negated ? { ...op, negated: false } : op;
}

export function evaluateConditions(
  clauses: readonly ConditionClause[],
  caller: Caller,
  ctx: EvaluationContext,
): Tri {
  return triAnd(clauses.map((clause) => evaluateClause(clause, caller, ctx)));
}
