/**
 * Which resources resource control policies apply to (docs/semantics.md#rcps). An RCP applied to a service it does not
 * cover would cancel real findings, so a service is listed only with an AWS page that says RCPs cover it.
 */
import type { Resource } from "../../model/resource.js";
import type { SourceReference } from "./service-actions.js";

/** AWS Organizations User Guide, "Resource control policies (RCPs)", list of AWS services that support RCPs. */
export const RCP_SERVICES_SOURCE: SourceReference = {
  title: "Resource control policies (RCPs) - AWS Organizations",
  url: "https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_rcps.html",
};

/** AWS KMS Developer Guide, "Resource control policies in AWS KMS": RCPs do not apply to AWS managed keys. */
export const RCP_KMS_SOURCE: SourceReference = {
  title: "Resource control policies in AWS KMS - AWS Key Management Service",
  url: "https://docs.aws.amazon.com/kms/latest/developerguide/resource-control-policies.html",
};

/** The service prefixes that page lists (Amazon S3, AWS STS, AWS KMS, Amazon SQS, AWS Secrets Manager). */
export const RCP_SERVICE_PREFIXES: ReadonlySet<string> = new Set([
  "s3",
  "sts",
  "kms",
  "sqs",
  "secretsmanager",
]);

/**
 * The service whose RCP coverage decides a resource's: a role is reached through STS, buckets, access points and
 * Multi-Region Access Points through S3. A directory bucket is reached through `s3express`, which the page does not
 * list: no RCP is applied to it.
 */
const SERVICE_OF: Record<Resource["type"], string | undefined> = {
  "AWS::IAM::Role": "sts",
  "AWS::S3::Bucket": "s3",
  "AWS::S3::AccessPoint": "s3",
  "AWS::S3::MultiRegionAccessPoint": "s3",
  "AWS::S3Express::DirectoryBucket": "s3express",
  "AWS::KMS::Key": "kms",
  "AWS::SQS::Queue": "sqs",
  "AWS::SNS::Topic": "sns",
  "AWS::Lambda::Function": "lambda",
  "AWS::Lambda::LayerVersion": "lambda",
  "AWS::SecretsManager::Secret": "secretsmanager",
  "AWS::ECR::Repository": "ecr",
  "AWS::EFS::FileSystem": "elasticfilesystem",
  "AWS::DynamoDB::Table": "dynamodb",
  "AWS::DynamoDB::Stream": "dynamodb",
  "AWS::EC2::Snapshot": "ec2",
  "AWS::EC2::Image": "ec2",
  "AWS::RDS::DBSnapshot": "rds",
  "AWS::RDS::DBClusterSnapshot": "rds",
};

/** Do the organization's RCPs apply to requests on this resource at all? */
export function rcpsApplyTo(resource: Resource): boolean {
  const service = SERVICE_OF[resource.type];
  if (service === undefined || !RCP_SERVICE_PREFIXES.has(service)) return false;
  // "Resource control policies in your organization do not apply to AWS managed keys."
  return !(resource.type === "AWS::KMS::Key" && resource.keyManager === "AWS");
}
