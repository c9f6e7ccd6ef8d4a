/**
 * The analysis of a resource shared by an attribute (EBS snapshots, AMIs, RDS DB and DB cluster snapshots): each
 * entry of the attribute becomes a grant, judged against the same outside callers, zone of trust and controls as
 * a policy grant, so that the rules read it like any other (docs/semantics.md#shares).
 */
import type { SharedResource } from "../model/resource.js";
import { evaluateGrant, type GrantToEvaluate } from "./access.js";
import { buildOutsideCallers } from "./build-callers.js";
import type { EvaluationContext } from "./key-values.js";
import { emptyMentions } from "./mentions.js";
import type { WorkBudget } from "./patterns/budget.js";
import { literalDomain } from "./patterns/domains.js";
import { globOf } from "./patterns/glob.js";
import type { AnalyzedGrant, ResourceAnalysis } from "./resource-analysis.js";
import { publicShareControls } from "./share-controls.js";
import { shareGrantee } from "./share-grantees.js";
import { SHARED_TYPE_FACTS } from "./share-types.js";
import type { SnapshotIndex } from "./snapshot-index.js";
import type { Zone } from "./zone.js";

/** A grant of a share entry, with what its message needs beyond a policy grant. */
export interface ShareGrant extends AnalyzedGrant {
  /** The attribute the entry is in (`createVolumePermission`, `launchPermission`, `restore`). */
  attribute: string;
  /** A control that is on but leaves this public share in place. */
  leavesPublicShareInPlace?: string;
}

/** The share grant behind a finding's grant, or undefined for a policy statement or ACL grant. */
export function shareGrantOf(grant: AnalyzedGrant): ShareGrant | undefined {
  return grant.source.kind === "share" ? (grant as ShareGrant) : undefined;
}

export function analyzeShares(
  resource: SharedResource,
  zone: Zone,
  index: SnapshotIndex,
  budget: WorkBudget,
): ResourceAnalysis {
  const facts = SHARED_TYPE_FACTS[resource.type];
  const mentions = emptyMentions();
  // undefined: the attribute could not be read; the collector recorded it in `errors`, reported with the scan.
  const shares = resource.shares ?? [];
  const grantees = shares.map((share) => shareGrantee(share, resource.type, mentions));
  const scopes = [literalDomain(resource.arn)];
  const ctx: EvaluationContext = {
    ownerAccount: resource.accountId,
    ownerOrgId: zone.isOrgMember(resource.accountId) ? zone.organizationId : undefined,
    bucketOwner: (name) => index.bucketOwner(name),
    resourceScopes: () => scopes,
    resourceType: resource.type,
    actionDomain: globOf(`${facts.service}:?*`, true),
    memo: new Map(),
    budget,
  };
  const callers = buildOutsideCallers(mentions, zone, resource.accountId);
  const publicControls = publicShareControls(resource, facts, index);
  const resources = [resource.arn];
  const grants = grantees.map((grantee, position): ShareGrant => {
    const share = shares[position] as (typeof shares)[number];
    const evaluated: GrantToEvaluate = {
      principals: grantee.principals,
      conditions: grantee.conditions,
      actions: facts.actions,
      resources,
    };
    const controls = grantee.isPublic ? publicControls.cancelling : [];
    const note = grantee.isPublic ? publicControls.leavesPublicSharesInPlace : undefined;
    return {
      source: { kind: "share", index: position, location: share.location, identity: grantee.identity },
      principalWritten: grantee.written,
      actionsWritten: [`${facts.attribute} (${facts.actions.join(", ")})`],
      // Who the grantee is was said as conditions; nothing is left for the outside party to satisfy.
      conditions: [],
      access: evaluateGrant(evaluated, callers, controls, ctx),
      evaluated,
      attribute: facts.attribute,
      ...(note ? { leavesPublicShareInPlace: note } : {}),
    };
  });
  return { resource, zone, grants, federated: [] };
}
