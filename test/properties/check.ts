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
import { FRESH_ACCOUNT, FRESH_IP, FRESH_ROLE, FRESH_SERVICE, FRESH_VPCE, ORG_ID } from "./world.js";

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
function witnessClasses(p: Prepared, finding: Finding): WitnessClass[] {
  const { scenario, mentions } = p;
  const pathsUnder = (org: string) => mentions.orgPaths.filter((path) => path.startsWith(`${org}/`));
  const unnamed: Record<string, string>[] = [{ "aws:SourceIp": FRESH_IP }, { "aws:SourceVpce": FRESH_VPCE }];
  if (finding.ruleId === "public-access") {
    const principals: OraclePrincipal[] = scenario.resource === "bucket" ? [{ kind: "anonymous" }] : [];
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
    const unnamedAccounts = mentions.accounts.filter(
      (a) => !mentions.namedAccounts.includes(a) && !isInsideZone(scenario, a),
    );
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

export function precisionCounterexample(p: Prepared): Counterexample | undefined {
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
        requestsFor(principal, witnessClass.networks, contexts, targets).some((request) => {
          const decision = evaluate(p.setup, request);
          return decision.allowed && fromGrant(finding, decision);
        }),
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
