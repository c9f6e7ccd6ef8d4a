import type { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import type { EC2Client } from "@aws-sdk/client-ec2";
import type { ECRClient } from "@aws-sdk/client-ecr";
import type { EFSClient } from "@aws-sdk/client-efs";
import type { KMSClient } from "@aws-sdk/client-kms";
import type { LambdaClient } from "@aws-sdk/client-lambda";
import type { RDSClient } from "@aws-sdk/client-rds";
import type { S3Client } from "@aws-sdk/client-s3";
import type { S3ControlClient } from "@aws-sdk/client-s3-control";
import type { SecretsManagerClient } from "@aws-sdk/client-secrets-manager";
import type { SNSClient } from "@aws-sdk/client-sns";
import type { SQSClient } from "@aws-sdk/client-sqs";

/**
 * The clients that read one account in one region, each made on first use and reused for the account's other
 * calls in that region (docs/snapshot-format.md, "Version 2").
 */
export interface RegionalClients {
  readonly region: string;
  kms(): KMSClient;
  sqs(): SQSClient;
  sns(): SNSClient;
  lambda(): LambdaClient;
  secretsManager(): SecretsManagerClient;
  ecr(): ECRClient;
  efs(): EFSClient;
  dynamodb(): DynamoDBClient;
  ec2(): EC2Client;
  rds(): RDSClient;
  /** S3 Control in this region (access points are regional). */
  s3Control(): S3ControlClient;
  /** S3 in this region (directory buckets' ListDirectoryBuckets and GetBucketPolicy use its Regional endpoint). */
  s3(): S3Client;
}

/** What a regional collector is reading for: the account and its partition, and the region. */
export interface RegionTarget {
  accountId: string;
  partition: string;
  region: string;
}
