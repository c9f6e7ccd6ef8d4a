import { GetBucketPolicyCommand, paginateListDirectoryBuckets, type S3Client } from "@aws-sdk/client-s3";
import {
  GetAccessPointCommand,
  GetAccessPointPolicyCommand,
  paginateListAccessPoints,
  type AccessPoint,
  type S3ControlClient,
} from "@aws-sdk/client-s3-control";
import type { CallScope } from "../calls.js";
import { normalizeApiValue, type Json, type JsonObject } from "../normalize.js";
import { publicAccessBlock } from "../public-access-block.js";
import type { CallSite } from "../errors.js";
import { decodedPolicy, isRead, readAllPages, readResource, regionalSite, wasDeleted } from "./read.js";
import type { RegionalClients, RegionTarget } from "./regional-clients.js";
import { presentSortedBy } from "./sorted-entries.js";

type RegionalSite = (operation: string, resource?: string) => CallSite;

function sitesOf(target: RegionTarget, service: string): RegionalSite {
  return (operation, resource) => regionalSite(target, service, operation, resource);
}

// Amazon S3 API Reference, "List of error codes": the access point or bucket no longer exists, or has no policy.
const ACCESS_POINT_GONE = ["NoSuchAccessPoint"];
const NO_ACCESS_POINT_POLICY = ["NoSuchAccessPointPolicy"];
const BUCKET_GONE = ["NoSuchBucket"];
const NO_BUCKET_POLICY = ["NoSuchBucketPolicy"];

/**
 * The regional `s3` section: the region's access points (network origin, their own Block Public Access, policy)
 * and directory buckets (policy). General purpose buckets and multi-region access points are in the account's
 * top-level `s3` section.
 */
export async function collectRegionalS3(
  scope: CallScope,
  clients: RegionalClients,
  target: RegionTarget,
): Promise<JsonObject | undefined> {
  const [accessPoints, directoryBuckets] = await Promise.all([
    collectAccessPoints(scope, clients.s3Control(), sitesOf(target, "s3control"), target),
    collectDirectoryBuckets(scope, clients.s3(), sitesOf(target, "s3"), target),
  ]);
  const section: JsonObject = {};
  if (accessPoints) section.AccessPoints = accessPoints;
  if (directoryBuckets) section.DirectoryBuckets = directoryBuckets;
  return Object.keys(section).length > 0 ? section : undefined;
}

async function collectAccessPoints(
  scope: CallScope,
  s3Control: S3ControlClient,
  site: RegionalSite,
  target: RegionTarget,
): Promise<Json[] | undefined> {
  const pages = await readAllPages(
    scope,
    site("ListAccessPoints"),
    paginateListAccessPoints,
    s3Control,
    { AccountId: target.accountId },
    1000,
  );
  if (!pages) return undefined;
  const accessPoints = pages.flatMap((page) => page.AccessPointList ?? []);
  const entries = await Promise.all(
    accessPoints.flatMap((listed) =>
      listed.Name ? [collectAccessPoint(scope, s3Control, site, target, listed.Name, listed)] : [],
    ),
  );
  return presentSortedBy(entries, "AccessPointArn");
}

async function collectAccessPoint(
  scope: CallScope,
  s3Control: S3ControlClient,
  site: RegionalSite,
  target: RegionTarget,
  name: string,
  listed: AccessPoint,
): Promise<JsonObject | undefined> {
  const arn =
    listed.AccessPointArn ??
    `arn:${target.partition}:s3:${target.region}:${target.accountId}:accesspoint/${name}`;
  const owned = { AccountId: target.accountId, Name: name };
  const [details, policy] = await Promise.all([
    readResource(
      scope,
      site("GetAccessPoint", arn),
      (abortSignal) => s3Control.send(new GetAccessPointCommand(owned), { abortSignal }),
      { gone: ACCESS_POINT_GONE },
    ),
    readResource(
      scope,
      site("GetAccessPointPolicy", arn),
      (abortSignal) => s3Control.send(new GetAccessPointPolicyCommand(owned), { abortSignal }),
      { gone: ACCESS_POINT_GONE, absent: NO_ACCESS_POINT_POLICY },
    ),
  ]);
  if (wasDeleted(scope, details, policy)) return undefined;

  // The listing's values stand in for the details when those could not be read (the error says so).
  const network = isRead(details) ? details : listed;
  const entry: JsonObject = { Name: name, AccessPointArn: arn };
  if (listed.Bucket !== undefined) entry.Bucket = listed.Bucket;
  const bucketAccountId = (isRead(details) ? details.BucketAccountId : undefined) ?? listed.BucketAccountId;
  if (bucketAccountId !== undefined) entry.BucketAccountId = bucketAccountId;
  if (network.NetworkOrigin !== undefined) entry.NetworkOrigin = network.NetworkOrigin;
  if (network.VpcConfiguration !== undefined)
    entry.VpcConfiguration = normalizeApiValue(network.VpcConfiguration);
  if (isRead(details)) {
    entry.PublicAccessBlockConfiguration = details.PublicAccessBlockConfiguration
      ? publicAccessBlock(details.PublicAccessBlockConfiguration)
      : null;
  }
  if (policy !== undefined)
    entry.Policy = decodedPolicy(
      scope,
      site("GetAccessPointPolicy", arn),
      isRead(policy) ? policy.Policy : null,
    );
  return entry;
}

async function collectDirectoryBuckets(
  scope: CallScope,
  s3: S3Client,
  site: RegionalSite,
  target: RegionTarget,
): Promise<Json[] | undefined> {
  const pages = await readAllPages(
    scope,
    site("ListDirectoryBuckets"),
    paginateListDirectoryBuckets,
    s3,
    {},
    1000,
  );
  if (!pages) return undefined;
  const buckets = pages.flatMap((page) => page.Buckets ?? []);
  const entries = await Promise.all(
    buckets
      // A bucket said to be in another region is read with that region, not twice.
      .filter((bucket) => bucket.BucketRegion === undefined || bucket.BucketRegion === target.region)
      .flatMap(({ Name: name, BucketArn }) => {
        if (!name) return [];
        const arn =
          BucketArn ??
          `arn:${target.partition}:s3express:${target.region}:${target.accountId}:bucket/${name}`;
        return [collectDirectoryBucket(scope, s3, site("GetBucketPolicy", arn), name, arn)];
      }),
  );
  return presentSortedBy(entries, "Name");
}

async function collectDirectoryBucket(
  scope: CallScope,
  s3: S3Client,
  policySite: ReturnType<RegionalSite>,
  name: string,
  arn: string,
): Promise<JsonObject | undefined> {
  // No ExpectedBucketOwner: directory buckets answer it with 501 Not Implemented (Amazon S3 API Reference,
  // GetBucketPolicy); ListDirectoryBuckets lists only the caller's own buckets.
  const policy = await readResource(
    scope,
    policySite,
    (abortSignal) => s3.send(new GetBucketPolicyCommand({ Bucket: name }), { abortSignal }),
    { gone: BUCKET_GONE, absent: NO_BUCKET_POLICY },
  );
  if (wasDeleted(scope, policy)) return undefined;
  const entry: JsonObject = { Name: name, BucketArn: arn };
  if (policy !== undefined)
    entry.Policy = decodedPolicy(scope, policySite, isRead(policy) ? policy.Policy : null);
  return entry;
}
