import type { PolicyResourceType } from "../../src/model/resource.js";

/** How messages name each policy-based resource type (`KMS key 1234abcd-…`). */
export const POLICY_RESOURCE_LABELS: Readonly<Record<PolicyResourceType, string>> = {
  "AWS::KMS::Key": "KMS key",
  "AWS::SQS::Queue": "SQS queue",
  "AWS::SNS::Topic": "SNS topic",
  "AWS::Lambda::Function": "Lambda function",
  "AWS::Lambda::LayerVersion": "Lambda layer version",
  "AWS::SecretsManager::Secret": "Secrets Manager secret",
  "AWS::ECR::Repository": "ECR repository",
  "AWS::EFS::FileSystem": "EFS file system",
  "AWS::DynamoDB::Table": "DynamoDB table",
  "AWS::DynamoDB::Stream": "DynamoDB stream",
  "AWS::S3::AccessPoint": "S3 access point",
  "AWS::S3::MultiRegionAccessPoint": "S3 Multi-Region Access Point",
  "AWS::S3Express::DirectoryBucket": "S3 directory bucket",
};
