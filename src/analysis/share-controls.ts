/**
 * The account-level controls that act on a public share (docs/semantics.md#shares-controls). Only EC2 has one,
 * per region, and only one of its settings makes what is already public private:
 *
 * - block public access for snapshots, `block-all-sharing`: snapshots that are already public are treated as
 *   private; `block-new-sharing` only refuses new public sharing (EC2 API Reference,
 *   EnableSnapshotBlockPublicAccess; Amazon EBS User Guide, "Block public access for snapshots");
 * - block public access for AMIs, `block-new-sharing`: refuses new public sharing, and AMIs that are already
 *   public stay public (EC2 API Reference, EnableImageBlockPublicAccess).
 *
 * RCPs do not apply: EC2 and RDS are not among the services AWS lists for RCPs (AWS Organizations User Guide,
 * "Resource control policies"), and a share has no policy of its own to hold a Deny.
 */
import type { SharedResource } from "../model/resource.js";
import type { Control } from "./controls.js";
import type { SharedTypeFacts } from "./share-types.js";
import type { SnapshotIndex } from "./snapshot-index.js";

export interface PublicShareControls {
  /** Controls that take a public share away whole. */
  cancelling: Control[];
  /** A setting that is on but leaves a share that is already public in place, said in the finding's message. */
  leavesPublicSharesInPlace?: string;
}

export function publicShareControls(
  resource: SharedResource,
  facts: SharedTypeFacts,
  index: SnapshotIndex,
): PublicShareControls {
  const controls = index.regionalControls?.(resource.accountId, resource.region);
  const region = resource.region;
  if (facts.blockPublicAccess === "snapshot") {
    const state = controls?.snapshotBlockPublicAccess;
    if (state === "block-all-sharing") {
      const name = `block public access for snapshots (block-all-sharing) in ${region}`;
      return {
        cancelling: [
          {
            description: {
              kind: "block-public-access",
              name,
              justification: `EC2 ${name} treats snapshots that are already publicly shared as private: no account gets them through the group "all".`,
            },
            denies: () => true,
          },
        ],
      };
    }
    if (state === "block-new-sharing") {
      return {
        cancelling: [],
        leavesPublicSharesInPlace: `block public access for snapshots is on in ${region} in block-new-sharing mode, which leaves snapshots that are already public available`,
      };
    }
  }
  if (facts.blockPublicAccess === "image" && controls?.imageBlockPublicAccess === "block-new-sharing") {
    return {
      cancelling: [],
      leavesPublicSharesInPlace: `block public access for AMIs is on in ${region}, but it does not make an AMI that is already public private`,
    };
  }
  return { cancelling: [] };
}
