import type { ConditionClause } from "../model/policy.js";
import type { JsonNode } from "./json-node.js";

const EXPECTED_VALUE = "a string, boolean or number, or an array of them";

/** A Condition element: `{ operator: { key: value or [values] } }`, one clause per (operator, key). */
export function readConditions(node: JsonNode): ConditionClause[] {
  const clauses: ConditionClause[] = [];
  const operators = node.object('an object of condition operators, such as {"StringEquals": {...}}');
  for (const [operator, keysNode] of operators.entries()) {
    const keys = keysNode.object(
      'an object of condition keys to values, such as {"aws:SourceAccount": "123456789012"}',
    );
    for (const [key, valueNode] of keys.entries()) {
      clauses.push({
        operator,
        operatorLower: operator.toLowerCase(),
        key,
        keyLower: key.toLowerCase(),
        values: conditionValues(valueNode),
      });
    }
  }
  return clauses;
}

function conditionValues(node: JsonNode): string[] {
  if (node.kind !== "array") return [node.scalarText(EXPECTED_VALUE)];
  return node.array().map((element) => element.scalarText("a string, boolean or number"));
}
