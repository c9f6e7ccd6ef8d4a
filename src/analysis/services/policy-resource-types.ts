/**
 * Per policy-based resource type (docs/snapshot-format.md, "Version 2"): the Service Authorization Reference table of
 * the actions that apply to it, and the ARN forms a policy's Resource can name to reach it
 * (docs/semantics.md#resource-types).
 */
import type { PolicyResource, PolicyResourceType, Resource } from "../../model/resource.js";
import { DYNAMODB_STREAM_ACTIONS, DYNAMODB_TABLE_ACTIONS } from "./dynamodb.js";
import { ECR_REPOSITORY_ACTIONS } from "./ecr.js";
import { EFS_FILE_SYSTEM_ACTIONS } from "./efs.js";
import { KMS_KEY_ACTIONS } from "./kms.js";
import { LAMBDA_FUNCTION_ACTIONS, LAMBDA_LAYER_VERSION_ACTIONS } from "./lambda.js";
import { S3_ACCESS_POINT_ACTIONS, S3_MULTI_REGION_ACCESS_POINT_ACTIONS } from "./s3-access-points.js";
import { S3_EXPRESS_DIRECTORY_BUCKET_ACTIONS } from "./s3-express.js";
import { SECRETS_MANAGER_SECRET_ACTIONS } from "./secrets-manager.js";
import type { ServiceActions } from "./service-actions.js";
import { SNS_TOPIC_ACTIONS } from "./sns.js";
import { SQS_QUEUE_ACTIONS } from "./sqs.js";

export const ACTIONS_OF_TYPE: Readonly<Record<PolicyResourceType, ServiceActions>> = {
  "AWS::KMS::Key": KMS_KEY_ACTIONS,
  "AWS::SQS::Queue": SQS_QUEUE_ACTIONS,
  "AWS::SNS::Topic": SNS_TOPIC_ACTIONS,
  "AWS::Lambda::Function": LAMBDA_FUNCTION_ACTIONS,
  "AWS::Lambda::LayerVersion": LAMBDA_LAYER_VERSION_ACTIONS,
  "AWS::SecretsManager::Secret": SECRETS_MANAGER_SECRET_ACTIONS,
  "AWS::ECR::Repository": ECR_REPOSITORY_ACTIONS,
  "AWS::EFS::FileSystem": EFS_FILE_SYSTEM_ACTIONS,
  "AWS::DynamoDB::Table": DYNAMODB_TABLE_ACTIONS,
  "AWS::DynamoDB::Stream": DYNAMODB_STREAM_ACTIONS,
  "AWS::S3::AccessPoint": S3_ACCESS_POINT_ACTIONS,
  "AWS::S3::MultiRegionAccessPoint": S3_MULTI_REGION_ACCESS_POINT_ACTIONS,
  "AWS::S3Express::DirectoryBucket": S3_EXPRESS_DIRECTORY_BUCKET_ACTIONS,
};

export function isPolicyResource(resource: Resource): resource is PolicyResource {
  return resource.type in ACTIONS_OF_TYPE;
}

/**
 * One ARN form a statement's Resource can name to reach the resource. `suffix`: the form is the resource's ARN
 * followed by this text and at least one more character (a function qualifier, an index name, an object key).
 * `kind`: for an access point, whether S3 evaluates bucket-level or object-level actions against it.
 */
export interface ArnForm {
  suffix?: string;
  kind?: "bucket" | "object";
}

const OWN_ARN: readonly ArnForm[] = [{}];

/**
 * - a Lambda function's policy may name the function or a qualified ARN of it (`function:name:alias`,
 *   `function:name:3`, written by AddPermission with a Qualifier: Lambda API Reference, "AddPermission"); a statement
 *   naming either is taken to reach the function, which errs toward reporting. An alias or version read on its own
 *   (a qualified resource, with its own policy) is its qualified ARN only: a Deny on `function:name` does not reach
 *   `function:name:prod`;
 * - a DynamoDB table's policy governs its indexes (`table/name/index/…`): DynamoDB Developer Guide, "Using
 *   resource-based policies for DynamoDB";
 * - an access point (or Multi-Region Access Point) is its own ARN for bucket-level actions and `…/object/<key>` for
 *   object-level ones: S3 User Guide, "Configuring IAM policies for using access points";
 * - a directory bucket is its own ARN only: "You can't grant access to objects stored in directory buckets. You can
 *   grant access only to your directory buckets" (S3 User Guide, "Security best practices for directory buckets");
 * - every other type is its own ARN (a secret's ARN keeps the random suffix Secrets Manager added to its name).
 */
export function arnFormsOf(resource: PolicyResource): readonly ArnForm[] {
  switch (resource.type) {
    case "AWS::Lambda::Function":
      return resource.qualifier === undefined ? [{}, { suffix: ":" }] : OWN_ARN;
    case "AWS::DynamoDB::Table":
      return [{}, { suffix: "/index/" }];
    case "AWS::S3::AccessPoint":
    case "AWS::S3::MultiRegionAccessPoint":
      return [{ kind: "bucket" }, { suffix: "/object/", kind: "object" }];
    default:
      return OWN_ARN;
  }
}

/** The ARN patterns that stand for the whole resource (what a statement without Resource is about). */
export function wholeResourceArns(resource: PolicyResource): string[] {
  return arnFormsOf(resource).map((form) =>
    form.suffix === undefined ? resource.arn : `${resource.arn}${form.suffix}*`,
  );
}
