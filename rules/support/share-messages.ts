import { shareGrantOf } from "../../src/analysis/share-analysis.js";
import type { AnalyzedGrant } from "../../src/analysis/resource-analysis.js";
import type { Resource } from "../../src/model/resource.js";
import { resourceLabel } from "./describe.js";

/**
 * public-access's message for a share entry `all`, or undefined for a policy grant. EC2 and RDS take only signed
 * requests, so "everyone" is every AWS account, not anonymous callers.
 */
export function publicShareMessage(resource: Resource, grant: AnalyzedGrant): string | undefined {
  const share = shareGrantOf(grant);
  if (!share) return undefined;
  const note = share.leavesPublicShareInPlace ? `; ${share.leavesPublicShareInPlace}` : "";
  return `${resourceLabel(resource)} is shared with every AWS account: its ${share.attribute} attribute lists ${share.principalWritten}${note}.`;
}

/** What external-access adds for a share entry: the entry that lets the parties in ("" for a policy grant). */
export function shareEntryText(grant: AnalyzedGrant): string {
  const share = shareGrantOf(grant);
  return share ? `: its ${share.attribute} attribute lists ${share.principalWritten}` : "";
}
