/**
 * The policy-based resource of a PolicyCase (scan-policy.ts): a KMS key, queue, topic, function, … with the case's
 * policy, in region us-east-1 of the case's account unless the case gives its ARN.
 */
import { ACTIONS_OF_TYPE } from "../../src/analysis/services/policy-resource-types.js";
import type { SourceLocation } from "../../src/model/location.js";
import type { PolicyDocument } from "../../src/model/policy.js";
import type {
  FunctionUrl,
  KmsGrant,
  PolicyResource,
  PolicyResourceType,
  PublicAccessBlock,
} from "../../src/model/resource.js";

/** What a case can say about a policy-based resource beyond its policy. */
export interface PolicyResourceCase {
  arn?: string;
  name?: string;
  /** KMS keys: default CUSTOMER. */
  keyManager?: "CUSTOMER" | "AWS";
  /** KMS keys: default none read (undefined). */
  grants?: Omit<KmsGrant, "location">[];
  /** Lambda functions: default none (an empty list); null: not read. */
  functionUrls?: Omit<FunctionUrl, "location">[] | null;
  /** Lambda functions: an alias or version (give its qualified `arn` too); default the unqualified function. */
  qualifier?: string;
  /** Access points. */
  bucket?: string;
  bucketAccountId?: string;
  networkOrigin?: "Internet" | "VPC";
  vpcId?: string;
  /** Access points and Multi-Region Access Points: default none (null). */
  publicAccessBlock?: Partial<PublicAccessBlock> | null;
}

const REGION = "us-east-1";

export function isPolicyResourceType(type: string): type is PolicyResourceType {
  return type in ACTIONS_OF_TYPE;
}

/** The default ARN and name of each type in `account`. */
function defaultArn(type: PolicyResourceType, account: string): { arn: string; name: string } {
  const at = (service: string, resource: string) => `arn:aws:${service}:${REGION}:${account}:${resource}`;
  switch (type) {
    case "AWS::KMS::Key":
      return {
        arn: at("kms", "key/1234abcd-12ab-34cd-56ef-1234567890ab"),
        name: "1234abcd-12ab-34cd-56ef-1234567890ab",
      };
    case "AWS::SQS::Queue":
      return { arn: at("sqs", "case-queue"), name: "case-queue" };
    case "AWS::SNS::Topic":
      return { arn: at("sns", "case-topic"), name: "case-topic" };
    case "AWS::Lambda::Function":
      return { arn: at("lambda", "function:case-function"), name: "case-function" };
    case "AWS::Lambda::LayerVersion":
      return { arn: at("lambda", "layer:case-layer:1"), name: "case-layer:1" };
    case "AWS::SecretsManager::Secret":
      return { arn: at("secretsmanager", "secret:case-secret-a1B2c3"), name: "case-secret" };
    case "AWS::ECR::Repository":
      return { arn: at("ecr", "repository/case-repository"), name: "case-repository" };
    case "AWS::EFS::FileSystem":
      return {
        arn: at("elasticfilesystem", "file-system/fs-0123456789abcdef0"),
        name: "fs-0123456789abcdef0",
      };
    case "AWS::DynamoDB::Table":
      return { arn: at("dynamodb", "table/case-table"), name: "case-table" };
    case "AWS::DynamoDB::Stream":
      return {
        arn: at("dynamodb", "table/case-table/stream/2026-01-01T00:00:00.000"),
        name: "case-table/stream/2026-01-01T00:00:00.000",
      };
    case "AWS::S3::AccessPoint":
      return { arn: at("s3", "accesspoint/case-access-point"), name: "case-access-point" };
    case "AWS::S3::MultiRegionAccessPoint":
      return { arn: `arn:aws:s3::${account}:accesspoint/mfzwi23gnjvgw.mrap`, name: "case-mrap" };
    case "AWS::S3Express::DirectoryBucket":
      return {
        arn: at("s3express", "bucket/case-bucket--use1-az4--x-s3"),
        name: "case-bucket--use1-az4--x-s3",
      };
  }
}

const NO_BLOCK: PublicAccessBlock = {
  BlockPublicAcls: false,
  IgnorePublicAcls: false,
  BlockPublicPolicy: false,
  RestrictPublicBuckets: false,
};

function block(value: Partial<PublicAccessBlock> | null | undefined): PublicAccessBlock | null {
  return value ? { ...NO_BLOCK, ...value } : null;
}

export function policyResourceForCase(
  type: PolicyResourceType,
  c: PolicyResourceCase,
  accountId: string,
  policy: PolicyDocument | null,
  location: SourceLocation,
): PolicyResource {
  const fallback = defaultArn(type, accountId);
  const base = {
    arn: c.arn ?? fallback.arn,
    name: c.name ?? fallback.name,
    accountId,
    location,
    region: type === "AWS::S3::MultiRegionAccessPoint" ? "us-west-2" : REGION,
    policy,
  };
  switch (type) {
    case "AWS::KMS::Key":
      return {
        ...base,
        type,
        keyManager: c.keyManager ?? "CUSTOMER",
        grants: c.grants?.map((grant) => ({ ...grant, location })),
      };
    case "AWS::Lambda::Function":
      return {
        ...base,
        type,
        functionUrls:
          c.functionUrls === null ? undefined : (c.functionUrls ?? []).map((url) => ({ ...url, location })),
        ...(c.qualifier !== undefined ? { qualifier: c.qualifier } : {}),
      };
    case "AWS::S3::AccessPoint":
      return {
        ...base,
        type,
        bucket: c.bucket ?? "amzn-s3-demo-bucket",
        ...(c.bucketAccountId ? { bucketAccountId: c.bucketAccountId } : {}),
        networkOrigin: c.networkOrigin ?? "Internet",
        ...(c.vpcId ? { vpcId: c.vpcId } : {}),
        publicAccessBlock: block(c.publicAccessBlock),
      };
    case "AWS::S3::MultiRegionAccessPoint":
      return { ...base, type, publicAccessBlock: block(c.publicAccessBlock), buckets: [] };
    default:
      return { ...base, type };
  }
}
