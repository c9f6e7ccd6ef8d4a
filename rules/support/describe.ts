import type { Party } from "../../src/analysis/callers.js";
import { isSharedResource, SHARED_TYPE_FACTS } from "../../src/analysis/share-types.js";
import type { Zone } from "../../src/analysis/zone.js";
import type { Resource } from "../../src/model/resource.js";
import { isPolicyResource } from "../../src/analysis/services/policy-resource-types.js";
import { POLICY_RESOURCE_LABELS } from "./resource-labels.js";

export function resourceLabel(resource: Resource): string {
  if (resource.type === "AWS::IAM::Role") return `Role ${resource.name}`;
  if (isPolicyResource(resource)) return `${POLICY_RESOURCE_LABELS[resource.type]} ${resource.name}`;
  if (isSharedResource(resource)) return `${SHARED_TYPE_FACTS[resource.type].label} ${resource.name}`;
  return `Bucket ${resource.name}`;
}

/** "outside organization o-…" or "outside account 111122223333", for messages. */
export function outsideZoneText(zone: Zone, owner: string): string {
  if (zone.kind === "organization" && zone.organizationId)
    return `outside organization ${zone.organizationId}`;
  return `outside account ${owner}`;
}

export function describeParty(party: Party): string {
  switch (party.kind) {
    case "anyone":
      return "any principal";
    case "account":
      return `account ${party.id}`;
    case "organization":
      return `organization ${party.id}`;
    case "unknown-principal":
      return `unresolved principal ${party.id}`;
    case "canonical-user":
      return `S3 canonical user ${party.id}`;
    case "bucket-owner":
      return `the owner of bucket ${party.id} (not in the snapshot)`;
  }
}

/** "account 1, account 2 and organization o-x" */
export function describeParties(parties: readonly Party[]): string {
  const texts = parties.map(describeParty);
  if (texts.length <= 1) return texts[0] ?? "nobody";
  return `${texts.slice(0, -1).join(", ")} and ${texts[texts.length - 1]}`;
}

export function accountsOf(parties: readonly Party[]): string[] {
  return parties.filter((p) => p.kind === "account").map((p) => p.id);
}

export function verbFor(resource: Resource): string {
  if (isSharedResource(resource)) return "is shared with";
  return resource.type === "AWS::IAM::Role" ? "can be assumed by" : "can be accessed by";
}

/** Renders a condition clause the way people write it: `StringEquals aws:SecureTransport = true`. */
export function renderCondition(clause: {
  operator: string;
  key: string;
  values: readonly string[];
}): string {
  return `${clause.operator} ${clause.key} = ${clause.values.join(", ")}`;
}
