import type { Effect, Statement } from "../model/policy.js";
import { canonicalStatement } from "./canonical.js";
import { readConditions } from "./condition.js";
import { describeValue, type JsonNode, type JsonObject } from "./json-node.js";
import {
  AWS_PAGE,
  foundKey,
  foundNoKey,
  grammarProblem,
  placeOf,
  placeOfKey,
  placeOfMissing,
  StatementIssues,
  type Place,
  type PolicyKind,
  type PolicyReading,
} from "./policy-grammar.js";
import { EVERY_PRINCIPAL, readPrincipal } from "./principal.js";

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
  "a statement element: Sid, Effect, Principal, NotPrincipal, Action, NotAction, Resource, NotResource or " +
  `Condition, spelt with this case (${AWS_PAGE.grammar})`;
const EXPECTED_EFFECT = `"Allow" or "Deny", which are case-sensitive (${AWS_PAGE.effect})`;
const EXPECTED_STRINGS = "a string or an array of strings";
const EVERY_ACTION_TEXT = "judged as granting every action";
const JUDGED_ALLOW = "judged as an Allow, the reading that reports access";

type ResourceFields = Pick<Statement, "resources" | "notResources">;

function everyAction(): string[] {
  return ["*"];
}

/**
 * One statement object; `index` is its position in the Statement array (0 for a lone object). A statement
 * outside IAM's grammar is judged toward reporting access and each problem is recorded in `reading.problems`
 * (docs/policy-grammar.md); undefined when it is a Deny that is left out, since it cannot be shown to cancel
 * anything.
 */
export function readStatement(node: JsonNode, index: number, reading: PolicyReading): Statement | undefined {
  if (node.kind !== "object") {
    reading.problems.push(
      grammarProblem(
        placeOf(node),
        `a statement object (${AWS_PAGE.grammar})`,
        describeValue(node),
        "judged as an Allow of every action to every principal, the reading that reports access",
      ),
    );
    return finish(node, index, {
      effect: "Allow",
      ...(reading.kind === "control-policy" ? {} : { principals: [EVERY_PRINCIPAL] }),
      actions: everyAction(),
      conditions: [],
    });
  }
  const statement = node.object();
  const effect = readEffect(statement);
  const issues = new StatementIssues(effect.effect);
  if (effect.issue) {
    issues.add(effect.issue.place, EXPECTED_EFFECT, effect.issue.found, effect.issue.inAllow);
    if (effect.issue.skipsDeny) issues.skipDeny();
  }
  for (const key of statement.keys()) {
    if (!STATEMENT_KEYS.has(key)) {
      issues.add(placeOfKey(statement, key), EXPECTED_KEY, foundKey(key), `${JSON.stringify(key)} ignored`);
    }
  }
  const sid = readSid(statement, issues);
  const principals = readPrincipals(statement, reading.kind, issues);
  const actions = readActions(statement, issues);
  const resources = readResources(statement, reading.kind, issues);
  const conditionNode = statement.get("Condition");
  const conditions = conditionNode ? readConditions(conditionNode, issues) : [];

  reading.problems.push(...issues.problems());
  if (issues.skipped) return undefined;
  return finish(node, index, {
    // An empty Sid (the AWS CLI samples have them) identifies nothing; treat it as absent.
    ...(sid ? { sid } : {}),
    effect: issues.effect,
    ...principals,
    ...actions,
    ...resources,
    conditions,
  });
}

function finish(
  node: JsonNode,
  index: number,
  judged: Omit<Statement, "index" | "location" | "canonical">,
): Statement {
  return new ReadStatement({ index, ...judged, location: node.deferredLocation() });
}

/**
 * A statement as read. Its canonical form is worked out when first asked for: only grants without a Sid need it
 * (their fingerprint), and building it for every statement of an organization was a large share of reading.
 */
class ReadStatement implements Statement {
  // Declared, not defined: an element the statement does not have must not be a property at all.
  declare index: number;
  declare sid?: string;
  declare effect: Effect;
  declare principals?: Statement["principals"];
  declare notPrincipals?: Statement["notPrincipals"];
  declare actions?: string[];
  declare notActions?: string[];
  declare resources?: string[];
  declare notResources?: string[];
  declare conditions: Statement["conditions"];
  declare location: Statement["location"];
  #canonical: string | undefined;

  constructor(fields: Omit<Statement, "canonical">) {
    Object.assign(this, fields);
  }

  get canonical(): string {
    return (this.#canonical ??= canonicalStatement(this));
  }
}

interface EffectRead {
  effect: Effect;
  /** Set when the Effect is outside the grammar: how an Allow is judged, or that a Deny is left out. */
  issue?: { place: Place; found: string; inAllow: string; skipsDeny?: true };
}

/**
 * The effect, read before anything else because every other judgement depends on it. `"allow"` in any case is
 * read as Allow; `"deny"` in another case leaves the Deny out; anything else is judged as an Allow, the reading
 * that reports access (as a Deny it would cancel nothing).
 */
function readEffect(statement: JsonObject): EffectRead {
  const node = statement.get("Effect");
  if (node === undefined) {
    const place = placeOfMissing(statement, "Effect");
    return { effect: "Allow", issue: { place, found: foundNoKey("Effect"), inAllow: JUDGED_ALLOW } };
  }
  const text = node.kind === "string" ? node.string() : undefined;
  if (text === "Allow" || text === "Deny") return { effect: text };
  const place = placeOf(node);
  const found = describeValue(node);
  // A Deny is left out whatever else it says, so no Allow judgement applies.
  if (text?.toLowerCase() === "deny")
    return { effect: "Deny", issue: { place, found, inAllow: "", skipsDeny: true } };
  const inAllow =
    text?.toLowerCase() === "allow" ? 'read as "Allow", the reading that reports access' : JUDGED_ALLOW;
  return { effect: "Allow", issue: { place, found, inAllow } };
}

function readSid(statement: JsonObject, issues: StatementIssues): string | undefined {
  const node = statement.get("Sid");
  if (node === undefined || node.isNull()) return undefined;
  if (node.kind === "string") return node.string();
  issues.addAt(node, `a string (${AWS_PAGE.sid})`, "judged without a Sid", "judged without a Sid");
  return undefined;
}

function readPrincipals(
  statement: JsonObject,
  kind: PolicyKind,
  issues: StatementIssues,
): Pick<Statement, "principals" | "notPrincipals"> {
  const principalNode = statement.get("Principal");
  const notPrincipalNode = statement.get("NotPrincipal");
  const everyone = { principals: [EVERY_PRINCIPAL] };
  if (principalNode && notPrincipalNode) {
    issues.add(
      placeOfKey(statement, "NotPrincipal"),
      `Principal or NotPrincipal, not both (${AWS_PAGE.elements})`,
      foundKey("NotPrincipal"),
      'judged as Principal "*"',
    );
    return everyone;
  }
  if (principalNode) return { principals: readPrincipal(principalNode, "Principal", issues) };
  if (notPrincipalNode) return { notPrincipals: readPrincipal(notPrincipalNode, "NotPrincipal", issues) };
  // Control policies (SCPs, RCPs) apply to every principal of the accounts they are attached to.
  if (kind === "control-policy") return {};
  const policy =
    kind === "trust-policy"
      ? "a role trust policy"
      : kind === "bucket-policy"
        ? "a bucket policy"
        : "a resource-based policy";
  issues.add(
    placeOfMissing(statement, "Principal"),
    `Principal or NotPrincipal, which ${policy} must have (${AWS_PAGE.grammar}, policy grammar notes)`,
    foundNoKey("Principal"),
    'judged as Principal "*"',
  );
  return everyone;
}

function readActions(
  statement: JsonObject,
  issues: StatementIssues,
): Pick<Statement, "actions" | "notActions"> {
  const actionNode = statement.get("Action");
  const notActionNode = statement.get("NotAction");
  if (actionNode && notActionNode) {
    issues.add(
      placeOfKey(statement, "NotAction"),
      `Action or NotAction, not both (${AWS_PAGE.elements})`,
      foundKey("NotAction"),
      EVERY_ACTION_TEXT,
    );
    return { actions: everyAction() };
  }
  if (!actionNode && !notActionNode) {
    issues.add(
      placeOfMissing(statement, "Action"),
      `Action or NotAction (${AWS_PAGE.action})`,
      foundNoKey("Action"),
      EVERY_ACTION_TEXT,
    );
    return { actions: everyAction() };
  }
  const node = (actionNode ?? notActionNode) as JsonNode;
  const list = stringList(node, `${EXPECTED_STRINGS} (${AWS_PAGE.action})`, EVERY_ACTION_TEXT, issues);
  if (list === undefined) return { actions: everyAction() };
  return actionNode ? { actions: list } : { notActions: list };
}

function readResources(statement: JsonObject, kind: PolicyKind, issues: StatementIssues): ResourceFields {
  const resourceNode = statement.get("Resource");
  const notResourceNode = statement.get("NotResource");
  if (kind === "trust-policy") {
    for (const key of ["Resource", "NotResource"]) {
      if (!statement.has(key)) continue;
      issues.add(
        placeOfKey(statement, key),
        `no ${key} in a role trust policy, whose resource is the role itself (IAM refuses one: ` +
          `"MalformedPolicyDocument: Has prohibited field ${key}")`,
        foundKey(key),
        `${key} ignored: the grant is judged on the role itself`,
      );
    }
    return {};
  }
  const whole =
    kind === "bucket-policy"
      ? "judged as applying to the whole bucket"
      : kind === "control-policy"
        ? "judged as applying to every resource"
        : "judged as applying to the whole resource";
  if (resourceNode && notResourceNode) {
    issues.add(
      placeOfKey(statement, "NotResource"),
      `Resource or NotResource, not both (${AWS_PAGE.elements})`,
      foundKey("NotResource"),
      whole,
    );
    return {};
  }
  if (!resourceNode && !notResourceNode) {
    // The repository is the resource: ECR's own examples leave Resource out.
    if (kind === "repository-policy") return {};
    issues.add(
      placeOfMissing(statement, "Resource"),
      `Resource or NotResource (${AWS_PAGE.resource})`,
      foundNoKey("Resource"),
      whole,
    );
    return {};
  }
  const node = (resourceNode ?? notResourceNode) as JsonNode;
  const list = stringList(node, `${EXPECTED_STRINGS} (${AWS_PAGE.resource})`, whole, issues);
  if (list === undefined) return {};
  return resourceNode ? { resources: list } : { notResources: list };
}

/**
 * A string or a non-empty array of strings as an array; undefined (and an issue) for anything else. IAM refuses
 * an empty list ("Policy statement must contain actions", "… resources").
 */
function stringList(
  node: JsonNode,
  expected: string,
  inAllow: string,
  issues: StatementIssues,
): string[] | undefined {
  if (node.kind === "string") return [node.string()];
  if (node.kind !== "array") {
    issues.addAt(node, expected, inAllow);
    return undefined;
  }
  const elements = node.array();
  if (elements.length === 0) {
    issues.addAt(node, `a non-empty list: ${expected}`, inAllow);
    return undefined;
  }
  const bad = elements.find((element) => element.kind !== "string");
  if (bad) {
    issues.addAt(bad, `a string (${expected})`, inAllow);
    return undefined;
  }
  return elements.map((element) => element.string());
}
