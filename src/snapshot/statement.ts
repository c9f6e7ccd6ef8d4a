import type { Effect, Statement } from "../model/policy.js";
import { canonicalStatement } from "./canonical.js";
import { readConditions } from "./condition.js";
import type { JsonNode, JsonObject } from "./json-node.js";
import { readPrincipal } from "./principal.js";

// IAM rejects any other element, so an unknown key is a typo that would silently change the meaning.
const STATEMENT_KEYS = new Set([
  "Sid",
  "Effect",
  "Principal",
  "NotPrincipal",
  "Action",
  "NotAction",
  "Resource",
  "NotResource",
  "Condition",
]);
const EXPECTED_KEY =
  "a statement element: Sid, Effect, Principal, NotPrincipal, Action, NotAction, Resource, NotResource or Condition";

/** One statement object; `index` is its position in the Statement array (0 for a lone object). */
export function readStatement(node: JsonNode, index: number): Statement {
  const statement = node.object("a statement object");
  for (const key of statement.keys()) {
    if (!STATEMENT_KEYS.has(key)) statement.unexpectedKey(key, EXPECTED_KEY);
  }
  rejectBoth(statement, "Principal", "NotPrincipal");
  rejectBoth(statement, "Action", "NotAction");
  rejectBoth(statement, "Resource", "NotResource");

  const sid = statement.optionalString("Sid");
  const principalNode = statement.get("Principal");
  const notPrincipalNode = statement.get("NotPrincipal");
  const conditionNode = statement.get("Condition");
  const parsed: Omit<Statement, "canonical"> = {
    index,
    // An empty Sid (the AWS CLI samples have them) identifies nothing; treat it as absent.
    ...(sid ? { sid } : {}),
    effect: readEffect(statement.require("Effect", '"Allow" or "Deny"')),
    ...(principalNode ? { principals: readPrincipal(principalNode) } : {}),
    ...(notPrincipalNode ? { notPrincipals: readPrincipal(notPrincipalNode) } : {}),
    ...stringListElement(statement, "Action", "actions"),
    ...stringListElement(statement, "NotAction", "notActions"),
    ...stringListElement(statement, "Resource", "resources"),
    ...stringListElement(statement, "NotResource", "notResources"),
    conditions: conditionNode ? readConditions(conditionNode) : [],
    location: node.location,
  };
  return { ...parsed, canonical: canonicalStatement(parsed) };
}

function readEffect(node: JsonNode): Effect {
  const effect = node.string('"Allow" or "Deny"');
  if (effect !== "Allow" && effect !== "Deny") node.fail('"Allow" or "Deny"');
  return effect;
}

function stringListElement<F extends "actions" | "notActions" | "resources" | "notResources">(
  statement: JsonObject,
  key: string,
  field: F,
): Partial<Record<F, string[]>> {
  const node = statement.get(key);
  return node ? ({ [field]: node.stringList() } as Partial<Record<F, string[]>>) : {};
}

/** IAM allows an element or its Not- form in one statement, never both. */
function rejectBoth(statement: JsonObject, element: string, notElement: string): void {
  if (statement.has(element) && statement.has(notElement)) {
    statement.unexpectedKey(notElement, `${element} or ${notElement}, not both`);
  }
}
