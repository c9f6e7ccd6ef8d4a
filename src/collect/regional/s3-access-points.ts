import { GetBucketPolicyCommand, ListDirectoryBucketsCommand, type S3Client } from "@aws-sdk/client-s3";
import {
  GetAccessPointCommand,
  GetAccessPointPolicyCommand,
  ListAccessPointsCommand,
  type AccessPoint,
  type S3ControlClient,
} from "@aws-sdk/client-s3-control";
import type { CallScope } from "../calls.js";
import { normalizeApiValue, type Json, type JsonObject } from "../normalize.js";
import { publicAccessBlock } from "../public-access-block.js";
import type { RegionalClients, RegionTarget } from "./regional-clients.js";
import {
  decodedPolicy,
  GONE,
  presentSortedBy,
  readAllPages,
  readListed,
  regionalSites,
  type RegionalSite,
} from "./regional-reads.js";

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
    collectAccessPoints(scope, clients.s3Control(), regionalSites(target, "s3control"), target),
    collectDirectoryBuckets(scope, clients.s3(), regionalSites(target, "s3"), target),
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
  const accessPoints = await readAllPages(
    scope,
    site("ListAccessPoints"),
    (token, abortSignal) =>
      s3Control.send(
        new ListAccessPointsCommand({ AccountId: target.accountId, MaxResults: 1000, NextToken: token }),
        { abortSignal },
      ),
    (page) => page.AccessPointList,
    (page) => page.NextToken,
  );
  if (!accessPoints) return undefined;
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
    readListed(
      scope,
      site("GetAccessPoint", arn),
      (abortSignal) => s3Control.send(new GetAccessPointCommand(owned), { abortSignal }),
      { gone: ACCESS_POINT_GONE },
    ),
    readListed(
      scope,
      site("GetAccessPointPolicy", arn),
      (abortSignal) => s3Control.send(new GetAccessPointPolicyCommand(owned), { abortSignal }),
      { gone: ACCESS_POINT_GONE, notSet: NO_ACCESS_POINT_POLICY },
    ),
  ]);
  if (details === GONE || policy === GONE) return undefined;

  // The listing's values stand in for the details when those could not be read (the error says so).
  const network = details ?? listed;
  const entry: JsonObject = { Name: name, AccessPointArn: arn };
  if (listed.Bucket !== undefined) entry.Bucket = listed.Bucket;
  const bucketAccountId = details?.BucketAccountId ?? listed.BucketAccountId;
  if (bucketAccountId !== undefined) entry.BucketAccountId = bucketAccountId;
  if (network.NetworkOrigin !== undefined) entry.NetworkOrigin = network.NetworkOrigin;
  if (network.VpcConfiguration !== undefined)
    entry.VpcConfiguration = normalizeApiValue(network.VpcConfiguration);
  if (details) {
    entry.PublicAccessBlockConfiguration = details.PublicAccessBlockConfiguration
      ? publicAccessBlock(details.PublicAccessBlockConfiguration)
      : null;
  }
  if (policy !== undefined)
    entry.Policy = decodedPolicy(scope, site("GetAccessPointPolicy", arn), policy?.Policy);
  return entry;
}

async function collectDirectoryBuckets(
  scope: CallScope,
  s3: S3Client,
  site: RegionalSite,
  target: RegionTarget,
): Promise<Json[] | undefined> {
  const buckets = await readAllPages(
    scope,
    site("ListDirectoryBuckets"),
    (token, abortSignal) =>
      s3.send(new ListDirectoryBucketsCommand({ MaxDirectoryBuckets: 1000, ContinuationToken: token }), {
        abortSignal,
      }),
    (page) => page.Buckets,
    (page) => page.ContinuationToken,
  );
  if (!buckets) return undefined;
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
  const policy = await readListed(
    scope,
    policySite,
    (abortSignal) => s3.send(new GetBucketPolicyCommand({ Bucket: name }), { abortSignal }),
    { gone: BUCKET_GONE, notSet: NO_BUCKET_POLICY },
  );
  if (policy === GONE) return undefined;
  const entry: JsonObject = { Name: name, BucketArn: arn };
  if (policy !== undefined) entry.Policy = decodedPolicy(scope, policySite, policy?.Policy);
  return entry;
}
