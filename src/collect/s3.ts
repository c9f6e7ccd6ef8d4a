import {
  GetBucketAclCommand,
  GetBucketLocationCommand,
  GetBucketPolicyCommand,
  GetPublicAccessBlockCommand,
  ListBucketsCommand,
  type Bucket,
} from "@aws-sdk/client-s3";
import { GetPublicAccessBlockCommand as GetAccountPublicAccessBlockCommand } from "@aws-sdk/client-s3-control";
import type { CallScope } from "./calls.js";
import type { AccountClients } from "./clients.js";
import { compareText, errorCode } from "./errors.js";
import {
  collectMultiRegionAccessPoints,
  MULTI_REGION_ACCESS_POINT_REGION,
} from "./multi-region-access-points.js";
import { normalizeApiValue, parsePolicyDocument, type Json, type JsonObject } from "./normalize.js";
import { publicAccessBlock } from "./public-access-block.js";

const NO_PUBLIC_ACCESS_BLOCK = ["NoSuchPublicAccessBlockConfiguration"];
const NO_BUCKET_POLICY = ["NoSuchBucketPolicy"];

export interface S3Result {
  /** The `s3` section of the account file; undefined when nothing could be read. */
  section: JsonObject | undefined;
  /** The regions the account's buckets are in. */
  regions: Set<string>;
}

export interface S3Target {
  accountId: string;
  partition: string;
  /** The region for ListBuckets and S3 Control. */
  region: string;
}

/**
 * Reads account-level Block Public Access, every bucket with its region, policy, Block Public Access and ACL, and
 * the account's multi-region access points (managed through S3 Control in us-west-2 whatever the home region).
 */
export async function collectS3(
  scope: CallScope,
  clients: AccountClients,
  target: S3Target,
  onBucketDone: () => void = () => {},
): Promise<S3Result> {
  const [accountBlock, buckets, multiRegionAccessPoints] = await Promise.all([
    scope.read(
      { service: "s3control", operation: "GetPublicAccessBlock", resource: target.accountId },
      (abortSignal) =>
        clients.s3Control.send(new GetAccountPublicAccessBlockCommand({ AccountId: target.accountId }), {
          abortSignal,
        }),
      NO_PUBLIC_ACCESS_BLOCK,
    ),
    listBuckets(scope, clients, target.region),
    collectMultiRegionAccessPoints(
      scope,
      clients.regional(MULTI_REGION_ACCESS_POINT_REGION).s3Control(),
      target,
    ),
  ]);

  const regions = new Set<string>();
  const section: JsonObject = {};
  if (accountBlock !== undefined) {
    section.AccountPublicAccessBlock = accountBlock
      ? publicAccessBlock(accountBlock.PublicAccessBlockConfiguration)
      : null;
  }
  if (buckets) {
    const entries = await Promise.all(
      buckets.map(async (bucket) => {
        const entry = await collectBucket(scope, clients, target, bucket, regions);
        onBucketDone();
        return entry;
      }),
    );
    section.Buckets = entries.sort((a, b) => compareText(String(a.Name), String(b.Name)));
  }
  if (multiRegionAccessPoints) section.MultiRegionAccessPoints = multiRegionAccessPoints;
  return { section: Object.keys(section).length > 0 ? section : undefined, regions };
}

/** Every bucket, page by page. Undefined when the listing failed (a partial list is not passed off as whole). */
async function listBuckets(
  scope: CallScope,
  clients: AccountClients,
  region: string,
): Promise<Bucket[] | undefined> {
  const buckets: Bucket[] = [];
  let token: string | undefined;
  do {
    const page = await scope.read({ service: "s3", operation: "ListBuckets" }, (abortSignal) =>
      // MaxBuckets makes the answer paginated and include each bucket's region.
      clients
        .s3(region)
        .send(new ListBucketsCommand({ MaxBuckets: 1000, ...(token ? { ContinuationToken: token } : {}) }), {
          abortSignal,
        }),
    );
    if (!page) return undefined;
    buckets.push(...(page.Buckets ?? []));
    token = page.ContinuationToken;
  } while (token);
  return buckets.filter((b) => b.Name);
}

/** GetBucketLocation's answer as a region: empty means us-east-1, `EU` is the old name of eu-west-1. */
export function regionFromLocation(constraint: string | undefined | null): string {
  if (!constraint) return "us-east-1";
  return constraint === "EU" ? "eu-west-1" : constraint;
}

async function bucketRegion(
  scope: CallScope,
  clients: AccountClients,
  target: S3Target,
  bucket: Bucket,
  arn: string,
) {
  if (bucket.BucketRegion) return bucket.BucketRegion;
  const location = await scope.read(
    { service: "s3", operation: "GetBucketLocation", resource: arn },
    (abortSignal) =>
      clients.s3(target.region).send(new GetBucketLocationCommand({ Bucket: bucket.Name }), { abortSignal }),
  );
  return location ? regionFromLocation(location.LocationConstraint) : undefined;
}

async function collectBucket(
  scope: CallScope,
  clients: AccountClients,
  target: S3Target,
  bucket: Bucket,
  regions: Set<string>,
): Promise<JsonObject> {
  const name = bucket.Name as string;
  const arn = `arn:${target.partition}:s3:::${name}`;
  const entry: JsonObject = { Name: name };
  const region = await bucketRegion(scope, clients, target, bucket, arn);
  // Without a region the bucket's own calls cannot be addressed; the error is recorded, the bucket stays listed.
  if (!region) return entry;
  entry.Region = region;
  regions.add(region);

  const s3 = clients.s3(region);
  // ExpectedBucketOwner: a bucket re-created by someone else under the same name is not read as ours.
  const owned = { Bucket: name, ExpectedBucketOwner: target.accountId };
  const [policy, block, acl] = await Promise.all([
    scope.read(
      { service: "s3", operation: "GetBucketPolicy", resource: arn },
      (abortSignal) => s3.send(new GetBucketPolicyCommand(owned), { abortSignal }),
      NO_BUCKET_POLICY,
    ),
    scope.read(
      { service: "s3", operation: "GetPublicAccessBlock", resource: arn },
      (abortSignal) => s3.send(new GetPublicAccessBlockCommand(owned), { abortSignal }),
      NO_PUBLIC_ACCESS_BLOCK,
    ),
    scope.read({ service: "s3", operation: "GetBucketAcl", resource: arn }, (abortSignal) =>
      s3.send(new GetBucketAclCommand(owned), { abortSignal }),
    ),
  ]);

  if (policy !== undefined) entry.Policy = bucketPolicy(scope, policy?.Policy, arn);
  if (block !== undefined)
    entry.PublicAccessBlock = block ? publicAccessBlock(block.PublicAccessBlockConfiguration) : null;
  if (acl !== undefined) {
    entry.Acl = acl
      ? {
          Owner: normalizeApiValue(acl.Owner ?? {}),
          Grants: (acl.Grants ?? []).map((grant) => normalizeApiValue(grant)),
        }
      : null;
  }
  return entry;
}

function bucketPolicy(scope: CallScope, text: string | undefined, arn: string): Json {
  if (!text) return null;
  try {
    return parsePolicyDocument(text);
  } catch (error) {
    scope.record({
      service: "s3",
      operation: "GetBucketPolicy",
      resource: arn,
      code: errorCode(error),
      message: (error as Error).message,
    });
    // Kept as the text S3 returned, so that nothing is hidden; the reader reports it.
    return text;
  }
}
