import type { CancellingControl } from "../../src/findings/finding.js";
import { summarizeReach } from "../../src/analysis/reach.js";
import type { AnalyzedGrant, ResourceAnalysis } from "../../src/analysis/resource-analysis.js";
import type { FindingDraft } from "../types.js";
import { renderCondition } from "./describe.js";
import { isConfiningKey } from "./confining-keys.js";

/** The parts of a finding that come straight from the resource and the grant. */
export function findingBase(
  analysis: ResourceAnalysis,
  grant: Pick<AnalyzedGrant, "source" | "principalWritten" | "conditions">,
): Pick<FindingDraft, "resource" | "source" | "conditions"> {
  const { resource } = analysis;
  return {
    resource: { arn: resource.arn, type: resource.type, accountId: resource.accountId, name: resource.name },
    source: grant.source,
    // What an outside party must still satisfy: everything but the keys that decided who they are.
    conditions: grant.conditions.filter((c) => !isConfiningKey(c.keyLower)).map(renderCondition),
  };
}

/** `cancelledBy` for a finding that exists only before controls; empty for an active one. */
export function cancellation(active: boolean, controls: readonly CancellingControl[]): CancellingControl[] {
  return active ? [] : [...controls];
}

/**
 * Is the statement this grant belongs to public through another of its principals (`{"AWS": ["*", "…"]}`)?
 * Then public-access speaks for the whole statement: external-access is never reported beside it (docs/semantics.md#rules).
 */
export function statementIsPublic(analysis: ResourceAnalysis, grant: AnalyzedGrant): boolean {
  if (grant.source.kind !== "statement") return false;
  return analysis.grants.some(
    (other) =>
      other.source.kind === "statement" &&
      other.source.index === grant.source.index &&
      summarizeReach(other.access.after).public,
  );
}
