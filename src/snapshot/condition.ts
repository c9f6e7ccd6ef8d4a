import type { ConditionClause } from "../model/policy.js";
import type { JsonNode } from "./json-node.js";
import { AWS_PAGE, placeOfKey, type StatementIssues } from "./policy-grammar.js";
import { readConditionOperator, valueMismatch, type OperatorCategory } from "./condition-operators.js";

const MALFORMED_IN_ALLOW = "condition judged satisfiable by some callers: it never narrows this Allow";
const MALFORMED_IN_DENY = "condition judged unprovable: this Deny cancels nothing";
const EXPECTED_CONDITION = `an object of condition operators, such as {"StringEquals": {...}} (${AWS_PAGE.condition})`;
const EXPECTED_KEYS = `an object of condition keys to values, such as {"aws:SourceAccount": "123456789012"} (${AWS_PAGE.condition})`;

/**
 * A Condition element: `{ operator: { key: value or [values] } }`, one clause per (operator, key). A clause
 * outside the grammar (unknown operator, IfExists on Null, a value of the wrong type) is kept and marked
 * `malformed`; a block that cannot be read at all is ignored in an Allow and leaves a Deny out.
 */
export function readConditions(node: JsonNode, issues: StatementIssues): ConditionClause[] {
  if (node.kind !== "object") {
    issues.addAt(node, EXPECTED_CONDITION, "Condition element ignored, which can only widen this Allow");
    return [];
  }
  const clauses: ConditionClause[] = [];
  const operators = node.object();
  for (const [operator, keysNode] of operators.entries()) {
    if (keysNode.kind !== "object") {
      issues.addAt(
        keysNode,
        EXPECTED_KEYS,
        `${JSON.stringify(operator)} block ignored, which can only widen this Allow`,
      );
      continue;
    }
    const { category, expected } = readConditionOperator(operator);
    if (expected !== undefined) {
      issues.add(
        placeOfKey(operators, operator),
        expected,
        `the operator ${JSON.stringify(operator)}`,
        MALFORMED_IN_ALLOW,
        MALFORMED_IN_DENY,
      );
    }
    for (const [key, valueNode] of keysNode.object().entries()) {
      const { values, wellFormed } = conditionValues(valueNode, category, issues);
      clauses.push({
        operator,
        operatorLower: operator.toLowerCase(),
        key,
        keyLower: key.toLowerCase(),
        values,
        ...(expected === undefined && wellFormed ? {} : { malformed: true }),
      });
    }
  }
  return clauses;
}

/** The values that are JSON scalars, as text; `wellFormed` is false when any value is outside the grammar. */
function conditionValues(
  node: JsonNode,
  category: OperatorCategory | undefined,
  issues: StatementIssues,
): { values: string[]; wellFormed: boolean } {
  const isArray = node.kind === "array";
  const values: string[] = [];
  let wellFormed = true;
  for (const element of isArray ? node.array() : [node]) {
    if (element.kind === "object" || element.kind === "array" || element.kind === "null") {
      const expected = isArray
        ? "a string, boolean or number"
        : "a string, boolean or number, or an array of them";
      issues.addAt(element, `${expected} (${AWS_PAGE.grammar})`, MALFORMED_IN_ALLOW, MALFORMED_IN_DENY);
      wellFormed = false;
      continue;
    }
    let text: string;
    if (element.kind === "number" && element.source.deferNumbers && !element.source.host) {
      // Put as written once the whole file is read (JsonSource.resolveNumbers): the type check below needs only the kind.
      values.push("");
      element.source.deferNumber(element, values, values.length - 1);
      text = values[values.length - 1] as string;
    } else {
      text = element.scalarText("a string, boolean or number");
      values.push(text);
    }
    // A policy variable is replaced by a request value: its type is known only then.
    if (category === undefined || text.includes("${")) continue;
    const mismatch = valueMismatch(category, element.kind, text);
    if (mismatch !== undefined) {
      issues.addAt(element, mismatch, MALFORMED_IN_ALLOW, MALFORMED_IN_DENY);
      wellFormed = false;
    }
  }
  return { values, wellFormed };
}
