import {
  ANY_ACCOUNT,
  ANY_ORG,
  ANY_SERVICE,
  bucketOwnerAccount,
  type Caller,
  type Network,
} from "./callers.js";
import type { Mentions } from "./mentions.js";
import type { Zone } from "./zone.js";

/**
 * The representative callers outside the zone of trust for a resource owned by `owner`: anonymous callers, an
 * unnamed account (alone or in an unnamed organization), each account, organization and principal the policies
 * name, the zone's own organization when the zone is one account, and AWS services acting for each of those —
 * each AWS-side caller from the internet and from each network the policies name.
 */
export function buildOutsideCallers(
  mentions: Mentions,
  zone: Zone,
  owner: string,
  /**
   * The OU paths that need a caller of their own, given (when asked for) those with a member outside the zone:
   * org-path-classes.ts. By default every one of them.
   */
  distinctPaths: PathSelection = (outsidePaths) => outsidePaths(),
): Caller[] {
  const networks: Network[] = [
    { kind: "internet" },
    { kind: "own-vpc" },
    ...[...mentions.vpces].sort().map((id): Network => ({ kind: "vpce", id })),
    ...[...mentions.vpcs].sort().map((id): Network => ({ kind: "vpc", id })),
    ...[...mentions.cidrs.entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([text, cidr]): Network => ({ kind: "ip", cidr, text })),
  ];
  // The snapshot's own organization lists every member: its members get callers of their own below, and an
  // account it does not list cannot be in it.
  const foreignOrgs = [...mentions.orgs].filter((org) => org !== zone.organizationId).sort();
  const identities = outsideIdentities(mentions, zone, owner, foreignOrgs, distinctPaths);
  const zoneOrgIsOutside = zone.organization !== undefined && !zone.isOrgInside(zone.organization.id);
  // Services act for an account, not as one of its principals: only AWS principals are split by principal ARN.
  const principalIdentities = identities.flatMap((identity) => splitByPrincipal(identity, mentions));

  const callers: Caller[] = [];
  for (const network of networks) {
    callers.push({ kind: "anonymous", network, party: { kind: "anyone" } });
    for (const identity of principalIdentities) callers.push({ kind: "aws", network, ...identity });
    // A principal known only by an id may belong to any account and any organization outside the zone.
    const unknownOrgs = [
      undefined,
      ANY_ORG,
      ...foreignOrgs,
      ...(zoneOrgIsOutside ? [zone.organizationId] : []),
    ];
    const unknown = [
      ...[...mentions.unknownPrincipals]
        .sort()
        .map((id) => ({ id, party: { kind: "unknown-principal", id } as const })),
      ...[...mentions.canonicalUsers]
        .sort()
        .map((id) => ({ id, party: { kind: "canonical-user", id } as const })),
    ];
    for (const { id, party } of unknown) {
      for (const orgId of unknownOrgs) {
        callers.push({
          kind: "aws",
          account: ANY_ACCOUNT,
          principalId: id,
          ...(orgId ? { orgId } : {}),
          network,
          party,
        });
      }
    }
  }
  const services = [...[...mentions.services].sort(), ANY_SERVICE];
  for (const service of services) {
    // A service acting with no source context, and acting for each outside party.
    callers.push({ kind: "service", service, network: { kind: "internet" }, party: { kind: "anyone" } });
    for (const identity of identities) {
      callers.push({ kind: "service", service, network: { kind: "internet" }, ...identity });
    }
    for (const bucket of [...mentions.unknownBucketOwners].sort()) {
      callers.push({
        kind: "service",
        service,
        account: bucketOwnerAccount(bucket),
        network: { kind: "internet" },
        party: { kind: "bucket-owner", id: bucket },
      });
    }
  }
  return callers;
}

export type PathSelection = (outsidePaths: () => string[]) => readonly string[];

type Identity = Pick<Caller, "account" | "orgId" | "orgPath" | "party" | "principalArn" | "otherThanArns">;

/**
 * An account whose principals the policies name one by one is split: one identity per named principal, and one
 * for every other principal of the account. A Deny on aws:PrincipalArn can then remove exactly the principals it
 * names, and an Allow that names one principal reaches only that one.
 */
function splitByPrincipal(identity: Identity, mentions: Mentions): Identity[] {
  const arns = identity.account ? mentions.principalArns.get(identity.account) : undefined;
  if (!arns || arns.size === 0) return [identity];
  const sorted = [...arns].sort();
  return [
    ...sorted.map((principalArn) => ({ ...identity, principalArn })),
    { ...identity, otherThanArns: arns },
  ];
}

function outsideIdentities(
  mentions: Mentions,
  zone: Zone,
  owner: string,
  foreignOrgs: string[],
  distinctPaths: PathSelection,
): Identity[] {
  const identities: Identity[] = [
    { account: ANY_ACCOUNT, party: { kind: "anyone" } },
    { account: ANY_ACCOUNT, orgId: ANY_ORG, party: { kind: "anyone" } },
  ];
  for (const org of foreignOrgs) {
    identities.push({ account: ANY_ACCOUNT, orgId: org, party: { kind: "organization", id: org } });
  }
  const zoneOrg = zone.organization;
  if (zoneOrg && !zone.isOrgInside(zoneOrg.id)) {
    // Account zone: the other members of the owner's organization are outside, one caller per OU path, and so
    // is an account that joins it later, under any path: membership changes without any policy change.
    identities.push({
      account: ANY_ACCOUNT,
      orgId: zoneOrg.id,
      party: { kind: "organization", id: zoneOrg.id },
    });
    const outsidePaths = () => zone.memberPaths().filter((path) => zone.hasMemberOutsideAt(path, owner));
    for (const path of distinctPaths(outsidePaths)) {
      identities.push({
        account: ANY_ACCOUNT,
        orgId: zoneOrg.id,
        orgPath: path,
        party: { kind: "organization", id: zoneOrg.id },
      });
    }
  }
  for (const account of [...mentions.accounts].sort()) {
    if (zone.isInside(account, owner)) continue;
    const party = { kind: "account", id: account } as const;
    if (zone.isOrgMember(account) && zoneOrg) {
      identities.push({ account, orgId: zoneOrg.id, orgPath: zone.orgPathOf(account) ?? "", party });
      continue;
    }
    identities.push({ account, party }, { account, orgId: ANY_ORG, party });
    for (const org of foreignOrgs) identities.push({ account, orgId: org, party });
  }
  return identities;
}
