import type { SharedResource } from "../../model/resource.js";
import type { JsonNode } from "../json-node.js";
import { checkOwner, optionalList } from "./fields.js";
import type { RegionalContext } from "./regional-reader.js";
import { readPermissionShares, type PermissionKinds } from "./shares.js";

interface SharedImageShape {
  type: "AWS::EC2::Snapshot" | "AWS::EC2::Image";
  entry: string;
  idKey: string;
  /** The ARN's resource type: the ARN has no account (Service Authorization Reference, Amazon EC2 resource types). */
  arnResource: string;
  permissionsKey: string;
  kinds: PermissionKinds;
}

function sharedImageReader(shape: SharedImageShape) {
  return (node: JsonNode, context: RegionalContext): SharedResource => {
    const entry = node.object(shape.entry);
    const id = entry.requireString(shape.idKey);
    checkOwner(entry, "OwnerId", context.accountId);
    const permissions = optionalList(entry, shape.permissionsKey, "an array of permissions");
    return {
      type: shape.type,
      arn: `arn:${context.partition}:ec2:${context.region}::${shape.arnResource}/${id}`,
      name: id,
      accountId: context.accountId,
      region: context.region,
      shares: permissions === undefined ? undefined : readPermissionShares(permissions, shape.kinds),
      location: node.deferredLocation(),
    };
  };
}

/**
 * `ec2.Snapshots`: DescribeSnapshots (owned by the account) and DescribeSnapshotAttribute (createVolumePermission).
 * ARN: `arn:aws:ec2:<region>::snapshot/<snapshot id>`.
 */
export const readEbsSnapshot = sharedImageReader({
  type: "AWS::EC2::Snapshot",
  entry: 'a snapshot object such as {"SnapshotId": "snap-...", "CreateVolumePermissions": [...]}',
  idKey: "SnapshotId",
  arnResource: "snapshot",
  permissionsKey: "CreateVolumePermissions",
  kinds: "accounts",
});

/**
 * `ec2.Images`: DescribeImages (owned by the account) and DescribeImageAttribute (launchPermission). ARN:
 * `arn:aws:ec2:<region>::image/<image id>`.
 */
export const readImage = sharedImageReader({
  type: "AWS::EC2::Image",
  entry: 'an image object such as {"ImageId": "ami-...", "LaunchPermissions": [...]}',
  idKey: "ImageId",
  arnResource: "image",
  permissionsKey: "LaunchPermissions",
  kinds: "accounts-and-organizations",
});
