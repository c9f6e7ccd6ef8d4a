/**
 * What a share of each attribute-shared resource type lets the accounts it names do (docs/semantics.md#shares).
 *
 * The Service Authorization Reference lists these actions at access level Write, because each creates something
 * in the caller's own account (a volume, an instance, a DB instance, a copy). On the shared resource itself each
 * only reads: creating a volume, launching an instance or restoring a database hands the caller every byte of the
 * snapshot or image. trustscan therefore counts a share as read access to the resource.
 */
import type { Resource, SharedResource, SharedResourceType } from "../model/resource.js";

export interface SharedTypeFacts {
  /** How messages name the type, e.g. "EBS snapshot". */
  label: string;
  /** The attribute the share is written in, as the API names it. */
  attribute: string;
  /** The actions a share lets the accounts it names take on the resource. */
  actions: readonly string[];
  /** The service's action prefix, within which the grant's actions lie. */
  service: "ec2" | "rds";
  /** The EC2 block public access setting for the type, where AWS has one. */
  blockPublicAccess?: "snapshot" | "image";
}

export const SHARED_TYPE_FACTS: Readonly<Record<SharedResourceType, SharedTypeFacts>> = {
  // Amazon EBS User Guide, "Share an Amazon EBS snapshot": accounts with create volume permission can create
  // volumes from the snapshot and copy it.
  "AWS::EC2::Snapshot": {
    label: "EBS snapshot",
    attribute: "createVolumePermission",
    actions: ["ec2:CreateVolume", "ec2:CopySnapshot"],
    service: "ec2",
    blockPublicAccess: "snapshot",
  },
  // Amazon EC2 User Guide, "Share an AMI with specific AWS accounts" and "Grant permissions to copy Amazon EC2
  // AMIs": launch permission lets an account launch instances from the AMI and copy it.
  "AWS::EC2::Image": {
    label: "AMI",
    attribute: "launchPermission",
    actions: ["ec2:RunInstances", "ec2:CopyImage"],
    service: "ec2",
    blockPublicAccess: "image",
  },
  // Amazon RDS API Reference, ModifyDBSnapshotAttribute: the `restore` attribute lists the accounts that can copy
  // or restore the manual DB snapshot (RestoreDBClusterFromSnapshot also takes a DB snapshot).
  "AWS::RDS::DBSnapshot": {
    label: "RDS DB snapshot",
    attribute: "restore",
    actions: [
      "rds:RestoreDBInstanceFromDBSnapshot",
      "rds:RestoreDBClusterFromSnapshot",
      "rds:CopyDBSnapshot",
    ],
    service: "rds",
  },
  // Amazon RDS API Reference, ModifyDBClusterSnapshotAttribute: the same for a manual DB cluster snapshot.
  "AWS::RDS::DBClusterSnapshot": {
    label: "RDS DB cluster snapshot",
    attribute: "restore",
    actions: ["rds:RestoreDBClusterFromSnapshot", "rds:CopyDBClusterSnapshot"],
    service: "rds",
  },
};

export function isSharedResource(resource: Resource): resource is SharedResource {
  return Object.hasOwn(SHARED_TYPE_FACTS, resource.type);
}
