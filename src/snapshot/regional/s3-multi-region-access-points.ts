import type { MultiRegionAccessPointResource } from "../../model/resource.js";
import type { ReadProblem } from "../../model/snapshot.js";
import type { JsonNode } from "../json-node.js";
import { readPublicAccessBlock } from "../public-access-block.js";
import { optionalAccountId } from "./fields.js";
import { partitionOfRegion } from "./region-name.js";
import { readResourcePolicy } from "./resource-policy.js";

/** Where AWS keeps multi-region access points: their control region (S3 User Guide, "Multi-Region Access Points"). */
export const MULTI_REGION_CONTROL_REGION = "us-west-2";

/**
 * One entry of `s3.MultiRegionAccessPoints`: S3 Control ListMultiRegionAccessPoints and
 * GetMultiRegionAccessPointPolicy. The API gives no ARN; AWS writes it from the alias, with no region (S3 User
 * Guide, "Making requests through a Multi-Region Access Point"): `arn:aws:s3::<account>:accesspoint/<alias>`, in
 * the partition of the buckets behind it.
 */
export function readMultiRegionAccessPoint(
  node: JsonNode,
  accountId: string,
  problems: ReadProblem[],
): MultiRegionAccessPointResource {
  const entry = node.object(
    'a multi-region access point object such as {"Name": "...", "Alias": "....mrap", "Regions": [...]}',
  );
  const alias = entry.requireString("Alias", "the access point's alias (its ARN is written from it)");
  const regions = entry.get("Regions");
  const buckets =
    regions === undefined || regions.isNull()
      ? []
      : regions.array("an array of the buckets behind the access point").map(readRegion);
  const partition = partitionOfRegion(
    buckets.find((bucket) => bucket.region)?.region ?? MULTI_REGION_CONTROL_REGION,
  );
  return {
    type: "AWS::S3::MultiRegionAccessPoint",
    arn: `arn:${partition}:s3::${accountId}:accesspoint/${alias}`,
    name: entry.optionalString("Name") ?? alias,
    accountId,
    region: MULTI_REGION_CONTROL_REGION,
    policy: readResourcePolicy(entry, "Policy", problems),
    publicAccessBlock: readPublicAccessBlock(entry.get("PublicAccessBlock")),
    buckets,
    location: node.deferredLocation(),
  };
}

function readRegion(node: JsonNode): MultiRegionAccessPointResource["buckets"][number] {
  const region = node.object(
    'a region object such as {"Bucket": "...", "BucketAccountId": "...", "Region": "..."}',
  );
  const bucketAccountId = optionalAccountId(region, "BucketAccountId");
  const regionName = region.optionalString("Region");
  return {
    bucket: region.requireString("Bucket"),
    ...(bucketAccountId !== undefined ? { bucketAccountId } : {}),
    ...(regionName !== undefined ? { region: regionName } : {}),
  };
}
