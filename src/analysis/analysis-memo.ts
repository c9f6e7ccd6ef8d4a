/**
 * Analysis done once per distinct trust policy of an account. An organization's roles share few trust policies
 * (every Lambda role of an account trusts lambda.amazonaws.com the same way): an analysis depends on the policy's
 * statements, on the account (its zone, RCPs, Block Public Access) and, when a Deny names resources, on the role's
 * ARN — not on the role's name, path or where it is written. A role with the same policy as one already analysed
 * gets that analysis with its own resource, statements and locations put in. The rules still run per role: their
 * messages name it.
 *
 * A memo belongs to one account of one scan: it is never shared across accounts or scans.
 */
import type { PrincipalEntry, Statement } from "../model/policy.js";
import type { Resource, RoleResource } from "../model/resource.js";
import { BudgetExceeded, WorkBudget } from "./patterns/budget.js";
import { analyzeResource, type ResourceAnalysis } from "./resource-analysis.js";
import type { SnapshotIndex } from "./snapshot-index.js";
import type { Zone } from "./zone.js";

export class AnalysisMemo {
  private readonly analyses = new Map<string, ResourceAnalysis | BudgetExceeded>();
  /** True when some RCP's Deny names resources: then the role's ARN decides whether it applies. */
  private readonly rcpsNameResources: boolean;
  hits = 0;

  constructor(
    readonly account: string,
    private readonly zone: Zone,
    private readonly index: SnapshotIndex,
    private readonly budgetLimit: number,
  ) {
    this.rcpsNameResources =
      zone.organization?.policies.some(
        (policy) =>
          policy.type === "RESOURCE_CONTROL_POLICY" && policy.content.statements.some(namesResources),
      ) ?? false;
  }

  /** The resource's analysis; throws BudgetExceeded when its policies outgrow the work budget. */
  analyze(resource: Resource): ResourceAnalysis {
    if (resource.type !== "AWS::IAM::Role" || resource.accountId !== this.account) {
      return analyzeResource(resource, this.zone, this.index, new WorkBudget(this.budgetLimit));
    }
    const key = this.keyOf(resource);
    const known = this.analyses.get(key);
    if (known instanceof BudgetExceeded) throw known;
    if (known) {
      this.hits += 1;
      return rebind(known, resource);
    }
    try {
      const analysis = analyzeResource(resource, this.zone, this.index, new WorkBudget(this.budgetLimit));
      this.analyses.set(key, analysis);
      return analysis;
    } catch (error) {
      if (error instanceof BudgetExceeded) this.analyses.set(key, error);
      throw error;
    }
  }

  private keyOf(role: RoleResource): string {
    const statements = role.trustPolicy.statements;
    const arnMatters = this.rcpsNameResources || statements.some(namesResources);
    let key = arnMatters ? text(role.arn) : "-";
    for (const statement of statements) key += statementKey(statement);
    return key;
  }
}

function namesResources(statement: Statement): boolean {
  if (statement.effect !== "Deny") return false;
  const isStar = (list: string[] | undefined) => list?.length === 1 && list[0] === "*";
  if (statement.resources) return !isStar(statement.resources);
  if (statement.notResources) return !isStar(statement.notResources);
  return false;
}

/** Everything the analysis reads from a statement, exactly as read (order, duplicates and spelling kept). */
function statementKey(statement: Statement): string {
  // Each text prefixed with its length: no separator can be confused with text, whatever the policy holds.
  let key = `${statement.index}|${statement.effect}|${text(statement.sid)}`;
  key += principals(statement.principals) + principals(statement.notPrincipals);
  key += texts(statement.actions) + texts(statement.notActions);
  key += texts(statement.resources) + texts(statement.notResources);
  for (const c of statement.conditions) {
    key += `c${c.malformed ? 1 : 0}${text(c.operator)}${text(c.key)}${texts(c.values)}`;
  }
  return key;
}

function text(value: string | undefined): string {
  return value === undefined ? "-" : `${value.length}:${value}`;
}

function texts(values: readonly string[] | undefined): string {
  if (values === undefined) return "-";
  let key = `${values.length}[`;
  for (const value of values) key += text(value);
  return key;
}

function principals(entries: readonly PrincipalEntry[] | undefined): string {
  if (entries === undefined) return "-";
  let key = `${entries.length}[`;
  for (const entry of entries) key += entry.type + text(entry.value);
  return key;
}

/** `analysis` of another role with the same policy, made this role's: its resource, statements and locations. */
function rebind(analysis: ResourceAnalysis, role: RoleResource): ResourceAnalysis {
  const statements = new Map(role.trustPolicy.statements.map((statement) => [statement.index, statement]));
  const own = (statement: Statement): Statement => statements.get(statement.index) ?? statement;
  return {
    ...analysis,
    resource: role,
    grants: analysis.grants.map((grant) => {
      if (!grant.statement) return grant;
      const statement = own(grant.statement);
      return { ...grant, statement, source: { ...grant.source, location: statement.location } };
    }),
    federated: analysis.federated.map((grant) => {
      const statement = own(grant.statement);
      return { ...grant, statement, source: { ...grant.source, location: statement.location } };
    }),
  };
}
