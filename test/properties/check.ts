/**
 * The two differential checks between the engine and the oracle on one scenario:
 * - soundness: every concrete request from outside the zone that the oracle allows is covered by an active finding;
 * - precision: every active public-access, external-access and confused-deputy finding has a concrete witness
 *   request of its class that the oracle allows through the finding's own grant.
 * Each returns undefined when the check holds, or a description of the counterexample.
 */
import { isActive, type Finding } from "../../src/findings/finding.js";
import type { Snapshot } from "../../src/model/snapshot.js";
import { globMatch } from "../oracle/glob.js";
import { evaluate, setupFromSnapshot, type OracleDecision, type OracleSetup } from "../oracle/evaluate.js";
import type { IamCaller, OraclePrincipal, OracleRequest } from "../oracle/request.js";
import { scanPolicy, snapshotForCase } from "../helpers/scan-policy.js";
import { policyCaseOf, type Scenario } from "./arbitraries.js";
import { findingCovers, fromGrant, judgedParties } from "./coverage.js";
import { mentionsOf, type Mentions } from "./mentions.js";
import {
  type ActionOnResource,
  actionsOnResources,
  chosenContexts,
  iamCallers,
  isInsideZone,
  memberPaths,
  networks,
  outsidePrincipals,
  prng,
  requestsFor,
  sampleRequests,
  serviceCallers,
} from "./requests.js";
import {
  FRESH_ACCOUNT,
  FRESH_IP,
  FRESH_ROLE,
  FRESH_SERVICE,
  FRESH_VPCE,
  ORG_ID,
  ROLE_ARN,
  S3_ACTIONS,
} from "./world.js";

export interface Prepared {
  scenario: Scenario;
  snapshot: Snapshot;
  setup: OracleSetup;
  mentions: Mentions;
  findings: Finding[];
}

export function prepare(scenario: Scenario): Prepared {
  const policyCase = policyCaseOf(scenario);
  const snapshot = snapshotForCase(policyCase);
  return {
    scenario,
    snapshot,
    setup: setupFromSnapshot(snapshot),
    mentions: mentionsOf(snapshot),
    findings: scanPolicy(policyCase),
  };
}

export interface Counterexample {
  kind: "missed-access" | "unwitnessed-finding";
  request?: OracleRequest;
  decision?: OracleDecision;
  finding?: Pick<Finding, "ruleId" | "message" | "principal" | "actions" | "source">;
  witnessClass?: string;
}

/** Requests per scenario in the soundness check; the rest of the candidate space is sampled across runs. */
export const REQUESTS_PER_SCENARIO = 200;

export function soundnessCounterexample(p: Prepared, seed: number): Counterexample | undefined {
  const { scenario, mentions, setup, findings } = p;
  const random = prng(seed);
  const nets = networks(mentions);
  const contexts = chosenContexts(scenario, mentions);
  const targets = actionsOnResources(scenario, mentions);
  const principals = outsidePrincipals(scenario, mentions);
  for (const request of sampleRequests(principals, nets, contexts, targets, REQUESTS_PER_SCENARIO, random)) {
    const decision = evaluate(setup, request);
    if (!decision.allowed) continue;
    if (!findings.some((f) => findingCovers(f, request, decision)))
      return { kind: "missed-access", request, decision };
  }
  return undefined;
}

/** Principals of accounts the policies do not name (a fresh one, and those only a pattern matches). */
function unnamedCallers(p: Prepared): IamCaller[] {
  const { scenario, mentions } = p;
  const accounts = mentions.accounts.filter(
    (a) => !mentions.namedAccounts.includes(a) && !isInsideZone(scenario, a),
  );
  return accounts.flatMap((account) =>
    iamCallers(scenario, mentions, account).filter((c) => !c.orgId || !mentions.namedOrgs.includes(c.orgId)),
  );
}

/** Principals of a fresh account in organization `org`, at each path the policies name under it. */
function freshCallersIn(org: string, paths: readonly string[]): IamCaller[] {
  const arns = [`arn:aws:iam::${FRESH_ACCOUNT}:root`, `arn:aws:iam::${FRESH_ACCOUNT}:role/${FRESH_ROLE}`];
  return paths.flatMap((orgPath) =>
    arns.map((arn): IamCaller => ({ kind: "iam", account: FRESH_ACCOUNT, arn, orgId: org, orgPath })),
  );
}

function networkContexts(names: readonly string[]): Record<string, string>[] {
  return names.flatMap((name): Record<string, string>[] => {
    if (name === "a VPC of their own") return [{ "aws:SourceVpce": FRESH_VPCE }];
    if (name.startsWith("VPC endpoint ")) return [{ "aws:SourceVpce": name.slice("VPC endpoint ".length) }];
    if (name.startsWith("IP range ")) {
      const range = name.slice("IP range ".length);
      const base = range.split("/")[0] ?? "";
      const last = base.split(".");
      const inner =
        range.includes("/") && !range.endsWith("/32")
          ? [...last.slice(0, 3), String(Number(last[3]) + 1)].join(".")
          : base;
      return [{ "aws:SourceIp": inner }];
    }
    return [];
  });
}

interface WitnessClass {
  name: string;
  principals: OraclePrincipal[];
  networks: Record<string, string>[];
}

/**
 * The classes a finding claims, each with the concrete callers that belong to it. Constructed: public-access
 * (anonymous callers, and principals of accounts the policy does not name, from unnamed networks), external-access
 * for named accounts, organizations, "any principal" behind named networks, and services acting for named accounts
 * or organizations, confused-deputy (services acting for an account the policy does not name, or with no source).
 * Not constructed: S3 canonical users, unresolved unique ids and owners of buckets outside the snapshot (the oracle
 * cannot know who they are), and role findings about actions other than sts:AssumeRole.
 */
/** A 12-digit account id for each wildcard account value of the policy (`11*` → 119999999999). */
function accountsMatchingWildcards(scenario: Scenario): string[] {
  const text = JSON.stringify(scenario.policy);
  const values = [...text.matchAll(/"([0-9*?]*[*?][0-9*?]*)"/g)].map((m) => m[1] ?? "");
  return values.flatMap((value) => {
    const fixed = value.replace(/\?/g, "9");
    const stars = (fixed.match(/\*/g) ?? []).length;
    const digits = fixed.replace(/\*/g, "").length;
    if (digits > 12) return [];
    const fill = "9".repeat(12 - digits);
    let first = true;
    const id = fixed.replace(/\*/g, () => {
      const piece = first ? fill : "";
      first = false;
      return piece;
    });
    return stars >= 0 && /^\d{12}$/.test(id) ? [id] : [];
  });
}

function witnessClasses(p: Prepared, finding: Finding): WitnessClass[] {
  const { scenario, mentions } = p;
  const pathsUnder = (org: string) => mentions.orgPaths.filter((path) => path.startsWith(`${org}/`));
  const unnamed: Record<string, string>[] = [{ "aws:SourceIp": FRESH_IP }, { "aws:SourceVpce": FRESH_VPCE }];
  if (finding.ruleId === "public-access") {
    // On a role, an unsigned caller comes in through sts:AssumeRoleWithWebIdentity with a token from a built-in
    // provider anyone can sign in to (Principal "*" names it too); see roleTargetsFor.
    const principals: OraclePrincipal[] =
      scenario.resource === "bucket"
        ? [{ kind: "anonymous" }]
        : [{ kind: "federated", provider: "accounts.google.com" }];
    principals.push(...unnamedCallers(p));
    return [{ name: "anyone", principals, networks: unnamed }];
  }
  const parties = judgedParties(finding);
  const serviceNames = (names: readonly string[]) =>
    names.flatMap((s) =>
      s === "<any service>" || s === "any AWS service" ? [FRESH_SERVICE, ...mentions.services] : [s],
    );
  if (finding.ruleId === "confused-deputy") {
    const services = serviceNames(parties.services ?? []);
    // "Any account" covers unnamed accounts a wildcard value admits (`11*`): one is made up for each such value.
    const unnamedAccounts = [
      ...mentions.accounts.filter((a) => !mentions.namedAccounts.includes(a) && !isInsideZone(scenario, a)),
      ...accountsMatchingWildcards(scenario).filter((a) => !isInsideZone(scenario, a)),
    ];
    return [
      {
        name: "service acting for any account",
        principals: serviceCallers(scenario, mentions, services, unnamedAccounts, true),
        networks: [{}],
      },
    ];
  }
  if (finding.ruleId !== "external-access") return [];
  const classes: WitnessClass[] = [];
  if (parties.services) {
    const services = serviceNames(parties.services);
    for (const account of parties.accounts)
      classes.push({
        name: `service acting for account ${account}`,
        principals: serviceCallers(scenario, mentions, services, [account], false),
        networks: [{}],
      });
    for (const org of parties.orgs)
      classes.push({
        name: `service acting for organization ${org}`,
        principals: serviceCallers(scenario, mentions, services, [FRESH_ACCOUNT], false).flatMap((s) =>
          pathsUnder(org).map((path) => ({ ...s, sourceOrgId: org, sourceOrgPath: path })),
        ),
        networks: [{}],
      });
    return classes;
  }
  const nets = parties.networks ? networkContexts(parties.networks) : networks(mentions);
  for (const account of parties.accounts)
    classes.push({
      name: `account ${account}`,
      principals: iamCallers(scenario, mentions, account),
      networks: nets,
    });
  for (const org of parties.orgs) {
    const members =
      org === ORG_ID
        ? [...memberPaths(scenario).keys()]
            .filter((a) => !isInsideZone(scenario, a))
            .flatMap((a) => iamCallers(scenario, mentions, a))
        : [];
    classes.push({
      name: `organization ${org}`,
      principals: [...freshCallersIn(org, pathsUnder(org)), ...members],
      networks: nets,
    });
  }
  if (parties.anyone) {
    const principals: OraclePrincipal[] = scenario.resource === "bucket" ? [{ kind: "anonymous" }] : [];
    principals.push(...unnamedCallers(p));
    classes.push({ name: "any principal", principals, networks: nets });
  }
  return classes;
}

/**
 * The oracle knows a closed world of actions (world.ts); AWS, and the engine, do not: any name may be an action.
 * A policy that names an action pattern matching none of the closed world's (`NotAction "s3:Get"`) can make the
 * oracle deny what AWS would allow through an action it lacks, so such a scenario is no test of precision (it
 * stays one of soundness). So is a pattern with `?` (`s3:?etObject`): the closed world says which names it stands
 * for, the engine cannot (the precision limit kept in counterexamples.ts). Other patterns are compared as usual.
 */
function namesActionsOutsideTheClosedWorld(scenario: Scenario): boolean {
  const known = scenario.resource === "role" ? ["sts:AssumeRole"] : S3_ACTIONS.map((a) => a.action);
  const statements = [(scenario.policy as { Statement?: unknown }).Statement ?? []].flat() as {
    Action?: string | string[];
    NotAction?: string | string[];
  }[];
  return statements.some((statement) =>
    [statement.Action ?? [], statement.NotAction ?? []]
      .flat()
      .some((pattern) => pattern.includes("?") || !known.some((action) => globMatch(pattern, action, true))),
  );
}

/**
 * A federated caller makes only sts:AssumeRoleWithWebIdentity (IAM User Guide, Principal element, web identity
 * sessions); every other caller the targets the finding names.
 */
function targetsFor(
  principal: OraclePrincipal,
  targets: readonly ActionOnResource[],
  finding: Finding,
): readonly ActionOnResource[] {
  if (principal.kind !== "federated") return targets;
  if (!finding.actions.some((a) => globMatch(a, "sts:AssumeRoleWithWebIdentity", true))) return [];
  return [{ action: "sts:AssumeRoleWithWebIdentity", resource: ROLE_ARN }];
}

/**
 * A Deny naming a CanonicalUser the snapshot cannot tie to an account: the world knows whose it is, the engine
 * cannot, and does not count the Deny as covering anyone (it errs toward reporting). No test of precision.
 */
function deniesAnUnmappedCanonicalUser(p: Prepared): boolean {
  const mapped = new Set(
    p.snapshot.accounts.flatMap((a) => a.buckets.map((b) => b.acl?.ownerId).filter((id) => id !== undefined)),
  );
  const statements = [(p.scenario.policy as { Statement?: unknown }).Statement ?? []].flat() as {
    Effect?: string;
    Principal?: unknown;
    NotPrincipal?: unknown;
  }[];
  return statements.some((statement) => {
    if (statement.Effect !== "Deny") return false;
    const named = [statement.Principal, statement.NotPrincipal].flatMap((principal) =>
      principal && typeof principal === "object" && "CanonicalUser" in principal
        ? [(principal as { CanonicalUser: string | string[] }).CanonicalUser].flat()
        : [],
    );
    return named.some((id) => !mapped.has(id));
  });
}

/**
 * A string operator on an ARN key with a wildcard before the account (`StringLike aws:SourceArn
 * "arn:aws:sns:*:111122223333:*"`): that `*` may run across colons, so the engine cannot rule out another
 * account's ARN whose resource part holds ":111122223333:" and reports it (a precision limit kept on purpose,
 * docs/semantics.md); the closed world has no such ARNs. No test of precision.
 */
function comparesArnsAsStringsAcrossTheAccount(scenario: Scenario): boolean {
  const statements = [(scenario.policy as { Statement?: unknown }).Statement ?? []].flat() as {
    Condition?: Record<string, Record<string, unknown>>;
  }[];
  return statements.some((statement) =>
    Object.entries(statement.Condition ?? {}).some(
      ([operator, block]) =>
        /string/i.test(operator) &&
        Object.entries(block).some(
          ([key, values]) =>
            /arn$/i.test(key) &&
            [values]
              .flat()
              .some((v) => typeof v === "string" && /[*?]/.test(v.split(":").slice(0, 4).join(":"))),
        ),
    ),
  );
}

export function precisionCounterexample(p: Prepared): Counterexample | undefined {
  if (
    namesActionsOutsideTheClosedWorld(p.scenario) ||
    deniesAnUnmappedCanonicalUser(p) ||
    comparesArnsAsStringsAcrossTheAccount(p.scenario)
  )
    return undefined;
  const contexts = chosenContexts(p.scenario, p.mentions);
  for (const finding of p.findings) {
    if (!isActive(finding)) continue;
    const targets = actionsOnResources(p.scenario, p.mentions, finding.actions).filter(
      // A role finding is witnessed through sts:AssumeRole: one about other role actions only is not constructed.
      (t) => p.scenario.resource === "bucket" || finding.actions.some((a) => globMatch(a, t.action, true)),
    );
    if (targets.length === 0) continue;
    for (const witnessClass of witnessClasses(p, finding)) {
      const witnessed = witnessClass.principals.some((principal) =>
        requestsFor(principal, witnessClass.networks, contexts, targetsFor(principal, targets, finding)).some(
          (request) => {
            const decision = evaluate(p.setup, request);
            return decision.allowed && fromGrant(finding, decision);
          },
        ),
      );
      if (!witnessed) {
        const { ruleId, message, principal, actions, source } = finding;
        return {
          kind: "unwitnessed-finding",
          finding: { ruleId, message, principal, actions, source },
          witnessClass: witnessClass.name,
        };
      }
    }
  }
  return undefined;
}
