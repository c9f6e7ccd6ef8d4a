import type { CancellingControl } from "../findings/finding.js";
import type { Statement } from "../model/policy.js";
import { statementCoversActionPattern, statementCoversResources } from "./actions.js";
import type { Caller } from "./callers.js";
import type { Glob } from "./patterns/glob.js";
import { appliesOnlyElsewhere, scopesReachedBy } from "./resource-scopes.js";
import { evaluateConditions } from "./conditions.js";
import type { EvaluationContext } from "./key-values.js";
import { judgePrincipal, statementPrincipalMatches, type PrincipalContext } from "./principals.js";

/**
 * Something that takes access away from a caller: a Deny statement of the policy itself, a Deny of a resource
 * control policy, or S3 Block Public Access. docs/semantics.md#allow-minus-deny: all are applied as extra Deny statements.
 */
export interface Control {
  description: CancellingControl;
  /**
   * True when the control certainly denies this caller the action on every resource of the grant (a Deny the
   * caller can sidestep does not).
   */
  denies(caller: Caller, action: string, grantResources: readonly string[]): boolean;
  /** A Deny statement's parts, so that several Deny statements can be found to cover a grant together. */
  parts?: DenyParts;
}

export interface DenyParts {
  /** The statement certainly applies to every member of the caller class (principal and conditions). */
  appliesTo(caller: Caller): boolean;
  /** Its Action/NotAction takes in every action the pattern stands for. */
  coversAction(action: string): boolean;
  resources?: readonly string[];
  notResources?: readonly string[];
}

export function denyStatementControl(
  statement: Statement,
  description: CancellingControl,
  ctx: EvaluationContext & PrincipalContext,
): Control | undefined {
  if (statement.effect !== "Deny") return undefined;
  const principals = statement.principals?.map((p) => judgePrincipal(p, ctx));
  const notPrincipals = statement.notPrincipals?.map((p) => judgePrincipal(p, ctx));
  // RCPs and SCP-style statements have no Principal element: they apply to every caller.
  const everyone = !principals && !notPrincipals;
  const cache = new Map<Caller, boolean>();
  // Whether the Deny's Action and Resource take in the grant's does not depend on the caller: decided once.
  // Keyed by the grant's resource list (one array per grant) and then by action.
  const coverage = new WeakMap<readonly string[], Map<string, boolean>>();
  const covers = (action: string, grantResources: readonly string[]): boolean => {
    let byAction = coverage.get(grantResources);
    if (!byAction) {
      byAction = new Map();
      coverage.set(grantResources, byAction);
    }
    let result = byAction.get(action);
    if (result === undefined) {
      // Scope by scope (the bucket, its objects): an action excluded by NotAction that cannot apply in a scope
      // leaves nothing there, so `Deny NotAction s3:GetObject` on the bucket ARN covers `s3:*` on it.
      const scopes = scopesReachedBy(grantResources, action, ctx);
      result = scopes.every(
        (scope) =>
          statementCoversActionPattern(statement, action, ctx.budget, ctx.actionDomain, (name) =>
            appliesOnlyElsewhere(name, scope),
          ) && resourcesCovered(statement, grantResources, scope, ctx),
      );
      byAction.set(action, result);
    }
    return result;
  };
  const appliesTo = (caller: Caller): boolean => {
    let applies = cache.get(caller);
    if (applies === undefined) {
      ctx.budget.charge(1 + statement.conditions.length);
      const principalMatch = everyone ? "all" : statementPrincipalMatches(principals, notPrincipals, caller);
      applies = principalMatch === "all" && evaluateConditions(statement.conditions, caller, ctx) === "all";
      cache.set(caller, applies);
    }
    return applies;
  };
  const actionCoverage = new Map<string, boolean>();
  const coversAction = (action: string): boolean => {
    let result = actionCoverage.get(action);
    if (result === undefined) {
      result = statementCoversActionPattern(statement, action, ctx.budget, ctx.actionDomain);
      actionCoverage.set(action, result);
    }
    return result;
  };
  return {
    description,
    denies(caller, action, grantResources) {
      // Two look-ups and a cached judgement: several times dearer than one automaton step.
      ctx.budget.charge(4);
      return covers(action, grantResources) && appliesTo(caller);
    },
    parts: {
      appliesTo,
      coversAction,
      ...(statement.resources ? { resources: statement.resources } : {}),
      ...(statement.notResources ? { notResources: statement.notResources } : {}),
    },
  };
}

/**
 * Whether a Deny's Resource/NotResource takes in a grant's resources within a scope depends only on their texts:
 * decided once per resource analysis, however many Deny statements write the same Resource.
 */
function resourcesCovered(
  statement: Statement,
  grantResources: readonly string[],
  scope: Glob,
  ctx: EvaluationContext,
): boolean {
  const key = [
    scope.text,
    statement.resources ? `R${statement.resources.join("\n")}` : "",
    statement.notResources ? `N${statement.notResources.join("\n")}` : "",
    grantResources.join("\n"),
  ].join("\u0000");
  let result = ctx.memo.get(key);
  if (result === undefined) {
    result = statementCoversResources(statement, grantResources, [scope], ctx.budget);
    ctx.memo.set(key, result);
  }
  return result;
}

export function describeDenyStatement(statement: Statement): CancellingControl {
  const name = statement.sid ? `Deny statement "${statement.sid}"` : `Deny statement #${statement.index + 1}`;
  return {
    kind: "deny-statement",
    name,
    justification: `${name} of the same policy denies this access.`,
  };
}
