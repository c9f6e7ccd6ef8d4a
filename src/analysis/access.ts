import type { CancellingControl } from "../findings/finding.js";
import type { ConditionClause } from "../model/policy.js";
import type { Caller } from "./callers.js";
import { evaluateConditions } from "./conditions.js";
import type { Control } from "./controls.js";
import { CombinedDenies } from "./combined-denies.js";
import type { EvaluationContext } from "./key-values.js";
import { statementPrincipalMatches, type JudgedPrincipal } from "./principals.js";

/** What one grant (a statement's principal entry, or an ACL grant) gives to the callers outside the zone. */
export interface GrantAccess {
  /** Outside callers the grant reaches before any control, with the actions each gets. */
  before: CallerAccess[];
  /** The same callers after Deny statements, Block Public Access and RCPs; callers with no action left are gone. */
  after: CallerAccess[];
  /** Controls that took access away from some caller. */
  cancelledBy: CancellingControl[];
}

export interface CallerAccess {
  caller: Caller;
  actions: string[];
}

export interface GrantToEvaluate {
  principals?: readonly JudgedPrincipal[];
  notPrincipals?: readonly JudgedPrincipal[];
  conditions: readonly ConditionClause[];
  /** Candidate actions: concrete role actions, or the bucket statement's action patterns. */
  actions: readonly string[];
  /** Without one of these actions left, a caller has no real access (the assume actions for a role). */
  essentialActions?: readonly string[];
  /** The resources the grant is about (its Resource patterns, or the role/bucket ARNs). */
  resources: readonly string[];
}

/**
 * The actions a caller can make at all: STS accepts sts:AssumeRole only as a signed request (STS API Reference,
 * AssumeRole: "you must call this operation using AWS credentials"), so an anonymous caller reaches a role only
 * through the unsigned web identity and SAML calls; other resource types may limit them too (a Lambda function:
 * function-urls.ts).
 */
function actionsOpenTo(
  actions: readonly string[],
  caller: Caller,
  ctx: EvaluationContext,
): readonly string[] {
  if (caller.kind !== "anonymous") return actions;
  if (ctx.anonymousActions) return ctx.anonymousActions(actions);
  if (ctx.resourceType !== "AWS::IAM::Role") return actions;
  return actions.filter((action) => action !== "sts:AssumeRole");
}

/** Callers indexed by account, built once per caller list. */
const byAccount = new WeakMap<readonly Caller[], Map<string, Caller[]>>();

/**
 * The callers a grant's Principal can name at all: for a Principal that lists only accounts (or principals of
 * them), the callers of those accounts; otherwise every caller. Keeps a policy of many account grants linear in
 * its size instead of quadratic.
 */
function candidateCallers(grant: GrantToEvaluate, callers: readonly Caller[]): readonly Caller[] {
  const principals = grant.principals;
  if (!principals || principals.some((p) => p.kind !== "account")) return callers;
  let index = byAccount.get(callers);
  if (!index) {
    index = new Map();
    for (const caller of callers) {
      if (caller.kind !== "aws" || caller.account === undefined) continue;
      const list = index.get(caller.account) ?? [];
      list.push(caller);
      index.set(caller.account, list);
    }
    byAccount.set(callers, index);
  }
  const accounts = new Set(principals.map((p) => (p.kind === "account" ? p.account : "")));
  return [...accounts].flatMap((account) => index.get(account) ?? []);
}

export function evaluateGrant(
  grant: GrantToEvaluate,
  callers: readonly Caller[],
  controls: readonly Control[],
  ctx: EvaluationContext,
): GrantAccess {
  const before: CallerAccess[] = [];
  const after: CallerAccess[] = [];
  const cancelling = new Map<string, CancellingControl>();
  const together = new CombinedDenies(controls, grant.resources, ctx);
  const hasEssential = (actions: readonly string[]) =>
    !grant.essentialActions || actions.some((a) => grant.essentialActions?.includes(a));

  for (const caller of candidateCallers(grant, callers)) {
    ctx.budget.charge(1 + grant.conditions.length);
    if (statementPrincipalMatches(grant.principals, grant.notPrincipals, caller) === "none") continue;
    if (evaluateConditions(grant.conditions, caller, ctx) === "none") continue;
    const actions = actionsOpenTo(grant.actions, caller, ctx);
    if (actions.length === 0 || !hasEssential(actions)) continue;
    before.push({ caller, actions: [...actions] });
    const remaining: string[] = [];
    for (const action of actions) {
      ctx.budget.charge(1);
      const single = controls.filter((control) => control.denies(caller, action, grant.resources));
      const denying = single.length > 0 ? single : together.deniedBy(caller, action);
      if (denying.length === 0) remaining.push(action);
      for (const control of denying) cancelling.set(control.description.name, control.description);
    }
    if (remaining.length > 0 && hasEssential(remaining)) after.push({ caller, actions: remaining });
  }
  return {
    before,
    after,
    cancelledBy: [...cancelling.values()].sort((a, b) => a.name.localeCompare(b.name)),
  };
}
