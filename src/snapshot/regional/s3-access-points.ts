import type { AccessPointResource } from "../../model/resource.js";
import type { ReadProblem } from "../../model/snapshot.js";
import type { JsonNode } from "../json-node.js";
import { readPublicAccessBlock } from "../public-access-block.js";
import { optionalAccountId, readOneOf } from "./fields.js";
import { readArn, type ArnShape } from "./regional-arn.js";
import type { RegionalContext } from "./regional-reader.js";
import { readResourcePolicy } from "./resource-policy.js";

const ACCESS_POINT_ARN: ArnShape = {
  what: "an S3 access point ARN",
  service: "s3",
  resource: /^accesspoint\/([^/]+)$/,
  example: "accesspoint/<name>",
};

/**
 * `s3.AccessPoints` of a region: S3 Control ListAccessPoints, GetAccessPoint (network origin, Block Public Access)
 * and GetAccessPointPolicy. ARN: `arn:aws:s3:<region>:<account>:accesspoint/<name>`.
 */
export function readAccessPoint(
  node: JsonNode,
  context: RegionalContext,
  problems: ReadProblem[],
): AccessPointResource {
  const entry = node.object(
    'an access point object such as {"Name": "...", "AccessPointArn": "...", "Bucket": "...", "NetworkOrigin": "Internet"}',
  );
  const { arn, name } = readArn(entry, "AccessPointArn", ACCESS_POINT_ARN, context);
  const bucketAccountId = optionalAccountId(entry, "BucketAccountId");
  // The VPC a VPC-origin access point answers for (confines callers: docs/semantics.md#s3-access-points).
  const vpcId = entry
    .get("VpcConfiguration")
    ?.object('an object such as {"VpcId": "vpc-..."}')
    .optionalString("VpcId");
  return {
    type: "AWS::S3::AccessPoint",
    arn,
    name: entry.optionalString("Name") ?? name,
    accountId: context.accountId,
    region: context.region,
    policy: readResourcePolicy(entry, "Policy", problems),
    bucket: entry.requireString("Bucket"),
    ...(bucketAccountId !== undefined ? { bucketAccountId } : {}),
    networkOrigin: readOneOf(entry, "NetworkOrigin", ["Internet", "VPC"] as const),
    ...(vpcId !== undefined ? { vpcId } : {}),
    publicAccessBlock: readPublicAccessBlock(entry.get("PublicAccessBlockConfiguration")),
    location: node.deferredLocation(),
  };
}
