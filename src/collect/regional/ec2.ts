import {
  DescribeImageAttributeCommand,
  DescribeSnapshotAttributeCommand,
  GetImageBlockPublicAccessStateCommand,
  GetSnapshotBlockPublicAccessStateCommand,
  paginateDescribeImages,
  paginateDescribeSnapshots,
  type EC2Client,
  type Image,
} from "@aws-sdk/client-ec2";
import type { CallScope } from "../calls.js";
import { compareText } from "../errors.js";
import { normalizeApiValue, type Json, type JsonObject } from "../normalize.js";
import { isRead, readAllPages, readResource, regionalSite, wasDeleted } from "./read.js";
import type { RegionalClients, RegionTarget } from "./regional-clients.js";
import { presentSortedBy } from "./sorted-entries.js";

// Amazon EC2 API Reference, "Error codes for the Amazon EC2 API": the snapshot or AMI no longer exists
// (`InvalidAMIID.Unavailable`: the AMI was deregistered).
const SNAPSHOT_GONE = ["InvalidSnapshot.NotFound"];
const IMAGE_GONE = ["InvalidAMIID.NotFound", "InvalidAMIID.Unavailable"];

interface Ec2Reader {
  scope: CallScope;
  ec2: EC2Client;
  target: RegionTarget;
  /** An EC2 resource's ARN, which has no account (Service Authorization Reference, Amazon EC2, resource types). */
  arn(resource: string): string;
}

/**
 * The `ec2` section of one region: the account's own EBS snapshots with who may create volumes from them, its
 * own AMIs with who may launch them, and the region's Block Public Access states for both.
 */
export async function collectEc2(
  scope: CallScope,
  clients: RegionalClients,
  target: RegionTarget,
): Promise<JsonObject | undefined> {
  const ec2 = clients.ec2();
  const site = (operation: string) => regionalSite(target, "ec2", operation);
  const reader: Ec2Reader = {
    scope,
    ec2,
    target,
    arn: (resource) => `arn:${target.partition}:ec2:${target.region}::${resource}`,
  };
  const [snapshotBlock, imageBlock, snapshots, images] = await Promise.all([
    scope.read(site("GetSnapshotBlockPublicAccessState"), (abortSignal) =>
      ec2.send(new GetSnapshotBlockPublicAccessStateCommand({}), { abortSignal }),
    ),
    scope.read(site("GetImageBlockPublicAccessState"), (abortSignal) =>
      ec2.send(new GetImageBlockPublicAccessStateCommand({}), { abortSignal }),
    ),
    collectSnapshots(reader),
    collectImages(reader),
  ]);

  const section: JsonObject = {};
  if (typeof snapshotBlock?.State === "string") section.SnapshotBlockPublicAccessState = snapshotBlock.State;
  if (typeof imageBlock?.ImageBlockPublicAccessState === "string")
    section.ImageBlockPublicAccessState = imageBlock.ImageBlockPublicAccessState;
  if (snapshots) section.Snapshots = snapshots;
  if (images) section.Images = images;
  return Object.keys(section).length > 0 ? section : undefined;
}

async function collectSnapshots(reader: Ec2Reader): Promise<Json[] | undefined> {
  const { scope, ec2, target } = reader;
  const pages = await readAllPages(
    scope,
    regionalSite(target, "ec2", "DescribeSnapshots"),
    paginateDescribeSnapshots,
    ec2,
    // Only the account's own snapshots: those shared with it are their owner's to report.
    { OwnerIds: ["self"] },
    1000,
  );
  if (!pages) return undefined;
  const snapshots = pages.flatMap((page) => page.Snapshots ?? []);
  // Every attribute read goes through the scope, which bounds the calls in flight however many snapshots there are.
  const entries = await Promise.all(
    snapshots.flatMap(({ SnapshotId }) => (SnapshotId ? [collectSnapshot(reader, SnapshotId)] : [])),
  );
  return presentSortedBy(entries, "SnapshotId");
}

async function collectSnapshot(reader: Ec2Reader, snapshotId: string): Promise<JsonObject | undefined> {
  const { scope, ec2, target } = reader;
  const attribute = await readResource(
    scope,
    regionalSite(target, "ec2", "DescribeSnapshotAttribute", reader.arn(`snapshot/${snapshotId}`)),
    (abortSignal) =>
      ec2.send(
        new DescribeSnapshotAttributeCommand({ SnapshotId: snapshotId, Attribute: "createVolumePermission" }),
        { abortSignal },
      ),
    { gone: SNAPSHOT_GONE },
  );
  if (wasDeleted(scope, attribute)) return undefined;
  const entry: JsonObject = { SnapshotId: snapshotId };
  // Unreadable permissions: the snapshot stays listed without them (the error says why).
  if (isRead(attribute)) entry.CreateVolumePermissions = permissions(attribute.CreateVolumePermissions);
  return entry;
}

async function collectImages(reader: Ec2Reader): Promise<Json[] | undefined> {
  const { scope, ec2, target } = reader;
  const pages = await readAllPages(
    scope,
    regionalSite(target, "ec2", "DescribeImages"),
    paginateDescribeImages,
    ec2,
    // The owner sees its deprecated AMIs without asking; disabled ones are left out, having no launch
    // permissions (Amazon EC2 API Reference, DisableImage).
    { Owners: ["self"] },
    1000,
  );
  if (!pages) return undefined;
  const images = pages.flatMap((page) => page.Images ?? []);
  const entries = await Promise.all(
    images.flatMap((image) => (image.ImageId ? [collectImage(reader, image.ImageId, image)] : [])),
  );
  return presentSortedBy(entries, "ImageId");
}

async function collectImage(
  reader: Ec2Reader,
  imageId: string,
  image: Image,
): Promise<JsonObject | undefined> {
  const { scope, ec2, target } = reader;
  const attribute = await readResource(
    scope,
    regionalSite(target, "ec2", "DescribeImageAttribute", reader.arn(`image/${imageId}`)),
    (abortSignal) =>
      ec2.send(new DescribeImageAttributeCommand({ ImageId: imageId, Attribute: "launchPermission" }), {
        abortSignal,
      }),
    { gone: IMAGE_GONE },
  );
  if (wasDeleted(scope, attribute)) return undefined;
  const entry: JsonObject = { ImageId: imageId };
  if (image.Name !== undefined) entry.Name = image.Name;
  if (isRead(attribute)) entry.LaunchPermissions = permissions(attribute.LaunchPermissions);
  return entry;
}

/** Permission entries (`{ "Group": "all" }`, `{ "UserId": ... }`, ...) in a stable order. */
function permissions(list: readonly object[] | undefined): Json[] {
  return (list ?? [])
    .map((item) => normalizeApiValue(item))
    .map((item) => ({ item, key: JSON.stringify(item) }))
    .sort((a, b) => compareText(a.key, b.key))
    .map(({ item }) => item);
}
