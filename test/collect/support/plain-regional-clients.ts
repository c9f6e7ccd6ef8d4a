/**
 * RegionalClients made of plain SDK clients, for collector tests that mock the clients with aws-sdk-client-mock
 * (which answers every instance of a mocked client class, so no request leaves the process).
 */
import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { EC2Client } from "@aws-sdk/client-ec2";
import { ECRClient } from "@aws-sdk/client-ecr";
import { EFSClient } from "@aws-sdk/client-efs";
import { KMSClient } from "@aws-sdk/client-kms";
import { LambdaClient } from "@aws-sdk/client-lambda";
import { RDSClient } from "@aws-sdk/client-rds";
import { S3Client } from "@aws-sdk/client-s3";
import { S3ControlClient } from "@aws-sdk/client-s3-control";
import { SecretsManagerClient } from "@aws-sdk/client-secrets-manager";
import { SNSClient } from "@aws-sdk/client-sns";
import { SQSClient } from "@aws-sdk/client-sqs";
import { CallScope } from "../../../src/collect/calls.js";
import type { RegionalClients, RegionTarget } from "../../../src/collect/regional/regional-clients.js";
import { createStats } from "../../../src/collect/stats.js";

export const ACCOUNT = "111122223333";
export const TEST_RETRY = { rounds: 3, baseDelayMs: 1, maxDelayMs: 2 };

export function regionTarget(region = "eu-west-1"): RegionTarget {
  return { accountId: ACCOUNT, partition: "aws", region };
}

/** A scope as an account's: retries of throttled calls (quick), a bound on calls in flight. */
export function testScope(callsInFlight = 4): CallScope {
  return new CallScope(createStats(), TEST_RETRY, callsInFlight);
}

export function plainRegionalClients(region = "eu-west-1"): RegionalClients {
  const config = { region, credentials: { accessKeyId: "test", secretAccessKey: "test" } };
  const made = new Map<string, unknown>();
  const once = <T>(name: string, make: () => T): T => {
    if (!made.has(name)) made.set(name, make());
    return made.get(name) as T;
  };
  return {
    region,
    kms: () => once("kms", () => new KMSClient(config)),
    sqs: () => once("sqs", () => new SQSClient(config)),
    sns: () => once("sns", () => new SNSClient(config)),
    lambda: () => once("lambda", () => new LambdaClient(config)),
    secretsManager: () => once("secretsManager", () => new SecretsManagerClient(config)),
    ecr: () => once("ecr", () => new ECRClient(config)),
    efs: () => once("efs", () => new EFSClient(config)),
    dynamodb: () => once("dynamodb", () => new DynamoDBClient(config)),
    ec2: () => once("ec2", () => new EC2Client(config)),
    rds: () => once("rds", () => new RDSClient(config)),
    s3Control: () => once("s3Control", () => new S3ControlClient(config)),
    s3: () => once("s3", () => new S3Client(config)),
  };
}

/** An error as the SDK raises it for a service's error answer. */
export function serviceError<E extends Error>(
  Exception: new (options: {
    name: string;
    $fault: "client" | "server";
    $metadata: { httpStatusCode: number };
    message: string;
  }) => E,
  name: string,
  status: number,
  message: string,
  extra: Record<string, unknown> = {},
): E {
  return Object.assign(
    new Exception({
      name,
      $fault: status >= 500 ? "server" : "client",
      $metadata: { httpStatusCode: status },
      message,
    }),
    extra,
  );
}
