import type { PlainPolicyResource } from "../../model/resource.js";
import type { ReadProblem } from "../../model/snapshot.js";
import type { JsonNode } from "../json-node.js";
import { readArn, type ArnShape } from "./regional-arn.js";
import type { RegionalContext } from "./regional-reader.js";
import { readResourcePolicy } from "./resource-policy.js";

const DIRECTORY_BUCKET_ARN: ArnShape = {
  what: "an S3 directory bucket ARN",
  service: "s3express",
  resource: /^bucket\/(.+)$/,
  example: "bucket/<base name>--<zone id>--x-s3",
};

/**
 * `s3.DirectoryBuckets` of a region: S3 ListDirectoryBuckets and GetBucketPolicy. ARN (S3 User Guide, "Authorizing
 * Regional endpoint API operations with IAM"): `arn:aws:s3express:<region>:<account>:bucket/<name>`, written here
 * when the API gave none.
 */
export function readDirectoryBucket(
  node: JsonNode,
  context: RegionalContext,
  problems: ReadProblem[],
): PlainPolicyResource {
  const entry = node.object('a directory bucket object such as {"Name": "...--x-s3", "Policy": {...}}');
  const name = entry.requireString("Name");
  const arnNode = entry.get("BucketArn");
  const arn =
    arnNode === undefined || arnNode.isNull()
      ? `arn:${context.partition}:s3express:${context.region}:${context.accountId}:bucket/${name}`
      : readArn(entry, "BucketArn", DIRECTORY_BUCKET_ARN, context).arn;
  return {
    type: "AWS::S3Express::DirectoryBucket",
    arn,
    name,
    accountId: context.accountId,
    region: context.region,
    policy: readResourcePolicy(entry, "Policy", problems),
    location: node.deferredLocation(),
  };
}
