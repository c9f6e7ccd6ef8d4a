import type { BucketResource } from "../model/resource.js";
import type { ReadProblem } from "../model/snapshot.js";
import { readBucketAcl } from "./bucket-acl.js";
import type { JsonNode } from "./json-node.js";
import { readPolicyDocument } from "./policy-document.js";
import { readPublicAccessBlock } from "./public-access-block.js";

/** One entry of a snapshot's `s3.Buckets`, owned by `accountId` (the account file's); policy grammar problems go to `problems`. */
export function readBucket(node: JsonNode, accountId: string, problems: ReadProblem[]): BucketResource {
  const bucket = node.object("a bucket object");
  const name = bucket.requireString("Name");
  const region = bucket.optionalString("Region");
  const policyNode = bucket.get("Policy");
  return {
    type: "AWS::S3::Bucket",
    arn: `arn:aws:s3:::${name}`,
    name,
    accountId,
    ...(region !== undefined ? { region } : {}),
    // The model has no "unreadable" policy: an absent Policy reads as none, and its `errors` entry says why.
    policy:
      policyNode === undefined || policyNode.isNull()
        ? null
        : readPolicyDocument(policyNode, { kind: "bucket-policy", problems }),
    publicAccessBlock: readPublicAccessBlock(bucket.get("PublicAccessBlock")),
    acl: readBucketAcl(bucket.get("Acl")),
    location: node.deferredLocation(),
  };
}
