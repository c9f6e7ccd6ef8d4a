/**
 * Concrete requests for a scenario, from the values its policies mention plus fresh ones: the callers outside the
 * zone of trust (anonymous, principals of outside accounts in or out of organizations, services acting for outside
 * accounts), each from the networks the policies name and from an unnamed one, with the caller-chosen keys absent
 * or set to the values the policies name, for each action and resource the policies grant.
 */

import { globMatch } from "../oracle/glob.js";
import {
  rootOf,
  type IamCaller,
  type OraclePrincipal,
  type OracleRequest,
  type ServiceCaller,
} from "../oracle/request.js";
import type { Scenario } from "./arbitraries.js";
import type { Mentions } from "./mentions.js";
import {
  BUCKET_ARN,
  CANONICAL_IDS,
  FRESH_ACCOUNT,
  FRESH_IP,
  FRESH_ROLE,
  FRESH_SERVICE,
  ORG_ID,
  ORG_MEMBER,
  OU_ID,
  OWNER,
  MANAGEMENT,
  ROLE_ARN,
  ROOT_ID,
  S3_ACTIONS,
} from "./world.js";

type Context = Record<string, string>;

/** Where the accounts of the snapshot's organization sit. */
export function memberPaths(scenario: Scenario): Map<string, string> {
  if (scenario.organization === "none") return new Map();
  const inOu = scenario.organization === "with-ou";
  return new Map([
    [OWNER, `${ORG_ID}/${ROOT_ID}/`],
    [ORG_MEMBER, inOu ? `${ORG_ID}/${ROOT_ID}/${OU_ID}/` : `${ORG_ID}/${ROOT_ID}/`],
    [MANAGEMENT, `${ORG_ID}/${ROOT_ID}/`],
  ]);
}

export function isInsideZone(scenario: Scenario, account: string): boolean {
  if (account === OWNER) return true;
  return scenario.zone === "organization" && memberPaths(scenario).has(account);
}

/** The organizations (and path) an account can be in: fixed for members of the snapshot's organization. */
export function orgOptions(
  scenario: Scenario,
  mentions: Mentions,
  account: string,
): { orgId?: string; orgPath?: string }[] {
  const fixed = memberPaths(scenario).get(account);
  if (fixed) return [{ orgId: ORG_ID, orgPath: fixed }];
  const options: { orgId?: string; orgPath?: string }[] = [{}];
  for (const org of mentions.orgs) {
    let paths = mentions.orgPaths.filter((p) => p.startsWith(`${org}/`));
    if (org === ORG_ID && scenario.organization !== "none") {
      // An account can join the snapshot's organization tomorrow, under its root (issue 7, section 3 item 6); in
      // the organization zone it would then be inside the zone. That is a new account: one the policy names is
      // judged by the organization's membership as the snapshot records it (inviting a named outside account in is
      // a decision about that account, not a change nobody sees).
      if (scenario.zone === "organization" || account !== FRESH_ACCOUNT) continue;
      paths = [...new Set([...memberPaths(scenario).values(), ...paths])].filter((p) =>
        p.startsWith(`${ORG_ID}/${ROOT_ID}/`),
      );
    }
    for (const path of paths) options.push({ orgId: org, orgPath: path });
  }
  return options;
}

export function iamCallers(scenario: Scenario, mentions: Mentions, account: string): IamCaller[] {
  const arns = [
    rootOf(account),
    `arn:aws:iam::${account}:role/${FRESH_ROLE}`,
    ...mentions.principalArns.filter((arn) => arn.startsWith(`arn:aws:iam::${account}:`)),
  ];
  const canonical = CANONICAL_IDS[account];
  return orgOptions(scenario, mentions, account).flatMap((org) =>
    arns.map((arn): IamCaller => ({
      kind: "iam",
      account,
      arn,
      ...org,
      ...(canonical ? { canonicalUserId: canonical } : {}),
    })),
  );
}

export function serviceCallers(
  scenario: Scenario,
  mentions: Mentions,
  services: readonly string[],
  sourceAccounts: readonly string[],
  withoutSource: boolean,
): ServiceCaller[] {
  const callers: ServiceCaller[] = [];
  for (const service of services) {
    if (withoutSource) callers.push({ kind: "service", service });
    for (const account of sourceAccounts) {
      const arns = [
        `arn:aws:sns:us-east-1:${account}:fresh-topic`,
        ...mentions.sourceArns.filter((arn) => arn.split(":")[4] === account),
      ];
      for (const org of orgOptions(scenario, mentions, account)) {
        for (const sourceArn of arns) {
          callers.push({
            kind: "service",
            service,
            sourceAccount: account,
            sourceArn,
            ...(org.orgId ? { sourceOrgId: org.orgId } : {}),
            ...(org.orgPath ? { sourceOrgPath: org.orgPath } : {}),
          });
        }
      }
    }
  }
  return callers;
}

/** Network contexts: the unnamed internet, each IP range and VPC endpoint the policies name, and a fresh endpoint. */
export function networks(mentions: Mentions): Context[] {
  return [
    { "aws:SourceIp": FRESH_IP },
    ...mentions.ips.map((ip) => ({ "aws:SourceIp": ip })),
    ...mentions.vpces.map((v) => ({ "aws:SourceVpce": v })),
  ];
}

/**
 * Caller-chosen keys: absent, each value the policies name, or a fresh value (aws:SecureTransport: true or false).
 * Only keys a request of this kind can carry: sts:ExternalId exists in STS requests only, and STS takes 2 to 1,224
 * characters (STS API Reference, AssumeRole).
 */
export function chosenContexts(scenario: Scenario, mentions: Mentions): Context[] {
  let contexts: Context[] = [{}];
  for (const [key, values] of mentions.chosen) {
    if (key.startsWith("sts:") && scenario.resource !== "role") continue;
    const valid = key === "sts:externalid" ? values.filter((v) => v.length >= 2 && v.length <= 1224) : values;
    const options: (string | undefined)[] =
      key === "aws:securetransport" ? ["true", "false"] : [undefined, ...valid, "fresh-value"];
    contexts = contexts.flatMap((c) => options.map((v) => (v === undefined ? c : { ...c, [key]: v })));
  }
  return contexts;
}

export interface ActionOnResource {
  action: string;
  resource: string;
}

export function actionsOnResources(
  scenario: Scenario,
  mentions: Mentions,
  actionPatterns?: readonly string[],
): ActionOnResource[] {
  if (scenario.resource === "role") return [{ action: "sts:AssumeRole", resource: ROLE_ARN }];
  const wanted = S3_ACTIONS.filter(
    (a) => !actionPatterns || actionPatterns.some((p) => globMatch(p, a.action, true)),
  );
  return wanted.flatMap(({ action, on }) =>
    on === "bucket"
      ? [{ action, resource: BUCKET_ARN }]
      : mentions.objectKeys.map((key) => ({ action, resource: `${BUCKET_ARN}/${key}` })),
  );
}

/** Every outside principal the scenario's policies can concern, and a few fresh ones. */
export function outsidePrincipals(scenario: Scenario, mentions: Mentions): OraclePrincipal[] {
  const outsideAccounts = mentions.accounts.filter((a) => !isInsideZone(scenario, a));
  const principals: OraclePrincipal[] = scenario.resource === "bucket" ? [{ kind: "anonymous" }] : [];
  for (const account of outsideAccounts) principals.push(...iamCallers(scenario, mentions, account));
  principals.push(
    ...serviceCallers(scenario, mentions, [...mentions.services, FRESH_SERVICE], outsideAccounts, true),
  );
  return principals;
}

/** Services reach S3 and STS from AWS's own network: no aws:SourceIp, no endpoint. */
function networksOf(principal: OraclePrincipal, networkOptions: readonly Context[]): readonly Context[] {
  return principal.kind === "service" ? [{}] : networkOptions;
}

export function requestsFor(
  principal: OraclePrincipal,
  networkOptions: readonly Context[],
  contextOptions: readonly Context[],
  targets: readonly ActionOnResource[],
): OracleRequest[] {
  const out: OracleRequest[] = [];
  for (const net of networksOf(principal, networkOptions))
    for (const chosen of contextOptions)
      for (const target of targets) out.push({ principal, ...target, context: { ...net, ...chosen } });
  return out;
}

/**
 * Up to `max` requests of the product principals × networks × chosen keys × targets: all of them when there are
 * few; else every principal, network, chosen-key set and target at least once (the other dimensions drawn at
 * random), then uniform draws, without building the product.
 */
export function sampleRequests(
  principals: readonly OraclePrincipal[],
  networkOptions: readonly Context[],
  contextOptions: readonly Context[],
  targets: readonly ActionOnResource[],
  max: number,
  random: () => number,
): OracleRequest[] {
  const total = principals.reduce(
    (sum, p) => sum + networksOf(p, networkOptions).length * contextOptions.length * targets.length,
    0,
  );
  if (total <= max) return principals.flatMap((p) => requestsFor(p, networkOptions, contextOptions, targets));
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  const request = (
    principal: OraclePrincipal,
    net?: Context,
    chosen?: Context,
    target?: ActionOnResource,
  ) => {
    const nets = networksOf(principal, networkOptions);
    return {
      principal,
      ...(target ?? pick(targets)),
      context: { ...(net && nets.includes(net) ? net : pick(nets)), ...(chosen ?? pick(contextOptions)) },
    };
  };
  const out: OracleRequest[] = [
    ...principals.map((p) => request(p)),
    ...targets.map((t) => request(pick(principals), undefined, undefined, t)),
    ...contextOptions.map((c) => request(pick(principals), undefined, c)),
    ...networkOptions.map((n) =>
      request(pick(principals.filter((p) => p.kind !== "service")) ?? pick(principals), n),
    ),
  ];
  while (out.length < max) out.push(request(pick(principals)));
  return out;
}

/** A deterministic PRNG (mulberry32), so a sampled subset is reproduced from fast-check's seed. */
export function prng(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
