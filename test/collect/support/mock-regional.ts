/**
 * The regional services of the mocked organization (data in mock-regional-data.ts), served to the real SDK
 * clients through aws-sdk-client-mock. Each request is answered for the account of the client's credentials and
 * the client's region, so that a call made with the wrong account's client, or in the wrong region, finds
 * nothing. Errors are raised as each SDK raises them (its exception class, and for the query protocols the wire
 * code in `Code`). `RegionalScenario` changes the regions for one test.
 */
import {
  DescribeTableCommand,
  DynamoDBClient,
  DynamoDBServiceException,
  GetResourcePolicyCommand as GetTableResourcePolicyCommand,
  ListTablesCommand,
} from "@aws-sdk/client-dynamodb";
import {
  DescribeImageAttributeCommand,
  DescribeImagesCommand,
  DescribeRegionsCommand,
  DescribeSnapshotAttributeCommand,
  DescribeSnapshotsCommand,
  EC2Client,
  EC2ServiceException,
  GetImageBlockPublicAccessStateCommand,
  GetSnapshotBlockPublicAccessStateCommand,
} from "@aws-sdk/client-ec2";
import {
  DescribeRepositoriesCommand,
  ECRClient,
  ECRServiceException,
  GetRepositoryPolicyCommand,
} from "@aws-sdk/client-ecr";
import {
  DescribeFileSystemPolicyCommand,
  DescribeFileSystemsCommand,
  EFSClient,
  EFSServiceException,
} from "@aws-sdk/client-efs";
import {
  DescribeKeyCommand,
  GetKeyPolicyCommand,
  KMSClient,
  KMSServiceException,
  ListGrantsCommand,
  ListKeysCommand,
  type KeyMetadata,
} from "@aws-sdk/client-kms";
import {
  GetLayerVersionPolicyCommand,
  GetPolicyCommand,
  LambdaClient,
  LambdaServiceException,
  ListAliasesCommand,
  ListFunctionsCommand,
  ListFunctionUrlConfigsCommand,
  ListLayersCommand,
  ListLayerVersionsCommand,
  ListVersionsByFunctionCommand,
} from "@aws-sdk/client-lambda";
import {
  DescribeDBClusterSnapshotAttributesCommand,
  DescribeDBClusterSnapshotsCommand,
  DescribeDBSnapshotAttributesCommand,
  DescribeDBSnapshotsCommand,
  RDSClient,
  RDSServiceException,
} from "@aws-sdk/client-rds";
import type { S3Client } from "@aws-sdk/client-s3";
import { GetBucketPolicyCommand, ListDirectoryBucketsCommand, S3ServiceException } from "@aws-sdk/client-s3";
import type { S3ControlClient } from "@aws-sdk/client-s3-control";
import {
  GetAccessPointCommand,
  GetAccessPointPolicyCommand,
  GetMultiRegionAccessPointPolicyCommand,
  ListAccessPointsCommand,
  ListMultiRegionAccessPointsCommand,
  S3ControlServiceException,
} from "@aws-sdk/client-s3-control";
import {
  GetResourcePolicyCommand as GetSecretResourcePolicyCommand,
  ListSecretsCommand,
  SecretsManagerClient,
  SecretsManagerServiceException,
} from "@aws-sdk/client-secrets-manager";
import {
  GetTopicAttributesCommand,
  ListTopicsCommand,
  SNSClient,
  SNSServiceException,
} from "@aws-sdk/client-sns";
import {
  GetQueueAttributesCommand,
  ListQueuesCommand,
  SQSClient,
  SQSServiceException,
} from "@aws-sdk/client-sqs";
import { mockClient, type AwsClientStub } from "aws-sdk-client-mock";
import {
  arnOf,
  EMPTY_REGION,
  MULTI_REGION_ACCESS_POINTS,
  REGIONAL_DATA,
  type MockDbSnapshot,
  type MockRegion,
} from "./mock-regional-data.js";

const SERVICE_EXCEPTIONS = {
  dynamodb: DynamoDBServiceException,
  ec2: EC2ServiceException,
  ecr: ECRServiceException,
  efs: EFSServiceException,
  kms: KMSServiceException,
  lambda: LambdaServiceException,
  rds: RDSServiceException,
  s3: S3ServiceException,
  s3control: S3ControlServiceException,
  secretsmanager: SecretsManagerServiceException,
  sns: SNSServiceException,
  sqs: SQSServiceException,
};
type ServiceName = keyof typeof SERVICE_EXCEPTIONS;

/** An error as the SDK of `service` raises it; `code`: the wire code the query protocols put in `Code`. */
export function regionalError(
  service: ServiceName,
  name: string,
  status: number,
  message: string,
  code?: string,
): Error {
  const Exception = SERVICE_EXCEPTIONS[service];
  const error = new Exception({ name, $fault: "client", $metadata: { httpStatusCode: status }, message });
  return code ? Object.assign(error, { Code: code }) : error;
}

/** Changes for one test. */
export interface RegionalScenario {
  /** Regions enabled per account (DescribeRegions); default: every region of REGIONAL_DATA. */
  enabledRegions?: Record<string, string[]>;
  /** Regions in which every call of the account fails with this error code (an SCP, an invalid token). */
  failingRegions?: { account: string; region: string; code: string }[];
  /** DescribeRegions fails with this code for every account. */
  describeRegionsError?: string;
}

export type RegionalMocks = Record<Exclude<ServiceName, "s3" | "s3control">, ReturnType<typeof mockClient>>;

/** The S3 and S3 Control mocks of mock-scenario.ts, which the regional S3 calls are added to. */
export interface S3Mocks {
  s3: AwsClientStub<S3Client>;
  s3Control: AwsClientStub<S3ControlClient>;
}

type ClientOf = () => unknown;

/** How mock-scenario.ts tells the account and region of a request. */
export interface RequestContext {
  accountOf(getClient: ClientOf): Promise<string>;
  regionOf(getClient: ClientOf): Promise<string>;
}

interface Where extends MockRegion {
  account: string;
  region: string;
}

/** One page of `items` (pages of `size`, tokens `<prefix>-<index>`). */
function pageOf<T>(items: T[], size: number | undefined, token: string | undefined, prefix: string) {
  const per = size ?? Math.max(items.length, 1);
  const index = token ? Number(token.replace(`${prefix}-`, "")) : 0;
  const next = (index + 1) * per < items.length ? `${prefix}-${index + 1}` : undefined;
  return { items: items.slice(index * per, (index + 1) * per), next };
}

const when = (iso: string) => new Date(iso);
const live = <T extends { deletedAfterListing?: boolean }>(item: T | undefined): item is T =>
  item !== undefined && !item.deletedAfterListing;

export function mockRegionalServices(
  context: RequestContext,
  s3Mocks: S3Mocks,
  scenario: RegionalScenario = {},
): RegionalMocks {
  const throttled = new Set<string>();

  /** The data of the request's account and region; throws as AWS would when the region fails as a whole. */
  const where = async (service: ServiceName, getClient: ClientOf): Promise<Where> => {
    // aws-sdk-client-mock's getClient answers the client of the latest request: asked before any await.
    const client = getClient();
    const account = await context.accountOf(() => client);
    const region = await context.regionOf(() => client);
    const failing = scenario.failingRegions?.find((f) => f.account === account && f.region === region);
    if (failing) throw regionalError(service, failing.code, 400, `${failing.code} in ${region}`);
    // A region enabled for a test only has nothing in it.
    return { ...(REGIONAL_DATA[account]?.[region] ?? EMPTY_REGION), account, region };
  };

  const ec2 = mockClient(EC2Client);
  ec2.on(DescribeRegionsCommand).callsFake(async (input: { AllRegions?: boolean }, getClient) => {
    if (input.AllRegions !== false)
      throw new Error("only the regions enabled for the account must be asked for");
    const account = await context.accountOf(getClient);
    if (scenario.describeRegionsError) {
      throw regionalError(
        "ec2",
        scenario.describeRegionsError,
        403,
        "You are not authorized to perform this operation.",
      );
    }
    const enabled = scenario.enabledRegions?.[account] ?? Object.keys(REGIONAL_DATA[account] ?? {});
    return {
      Regions: enabled.map((name) => ({
        RegionName: name,
        Endpoint: `ec2.${name}.amazonaws.com`,
        OptInStatus: "opt-in-not-required",
      })),
    };
  });

  // ---------------------------------------------------------------- KMS
  const kms = mockClient(KMSClient);
  const keyOf = async (keyId: string, getClient: ClientOf) => {
    const at = await where("kms", getClient);
    const key = at.keys.find((k) => keyId === k.id || keyId === arnOf.key(at.account, at.region, k.id));
    if (!live(key)) throw regionalError("kms", "NotFoundException", 400, `Key '${keyId}' does not exist`);
    return { key, arn: arnOf.key(at.account, at.region, key.id), account: at.account };
  };
  kms.on(ListKeysCommand).callsFake(async (input: { Marker?: string }, getClient) => {
    const at = await where("kms", getClient);
    const { items, next } = pageOf(at.keys, at.pageSize, input.Marker, "keys");
    return {
      Keys: items.map((key) => ({ KeyId: key.id, KeyArn: arnOf.key(at.account, at.region, key.id) })),
      Truncated: next !== undefined,
      ...(next ? { NextMarker: next } : {}),
    };
  });
  kms.on(DescribeKeyCommand).callsFake(async (input: { KeyId: string }, getClient) => {
    const { key, arn, account } = await keyOf(input.KeyId, getClient);
    const metadata: KeyMetadata = {
      AWSAccountId: account,
      KeyId: key.id,
      Arn: arn,
      CreationDate: when("2024-09-09T09:09:09Z"),
      Enabled: true,
      ...(key.description ? { Description: key.description } : {}),
      KeyUsage: "ENCRYPT_DECRYPT",
      KeyState: "Enabled",
      Origin: "AWS_KMS",
      KeyManager: key.manager,
      KeySpec: "SYMMETRIC_DEFAULT",
      EncryptionAlgorithms: ["SYMMETRIC_DEFAULT"],
      MultiRegion: false,
    };
    return { KeyMetadata: metadata };
  });
  kms.on(GetKeyPolicyCommand).callsFake(async (input: { KeyId: string; PolicyName?: string }, getClient) => {
    const { key, arn, account } = await keyOf(input.KeyId, getClient);
    if (input.PolicyName !== "default") throw new Error("a key has only the policy named default");
    if (key.throttlePolicyOnce && !throttled.has(arn)) {
      throttled.add(arn);
      throw regionalError("kms", "ThrottlingException", 400, "Rate exceeded");
    }
    if (key.policy === "denied") {
      throw regionalError(
        "kms",
        "AccessDeniedException",
        400,
        `User: arn:aws:sts::${account}:assumed-role/OrganizationAccountAccessRole/trustscan-collect is not authorized to perform: kms:GetKeyPolicy on this resource because the resource does not exist in this Region, no resource-based policies allow access, or a resource-based policy explicitly denies access`,
      );
    }
    return { Policy: JSON.stringify(key.policy), PolicyName: "default" };
  });
  kms.on(ListGrantsCommand).callsFake(async (input: { KeyId: string }, getClient) => {
    const { key } = await keyOf(input.KeyId, getClient);
    if (key.manager === "AWS") throw new Error("AWS managed keys' grants are not read");
    return { Grants: key.grants ?? [], Truncated: false };
  });

  // ---------------------------------------------------------------- SQS
  const sqs = mockClient(SQSClient);
  sqs
    .on(ListQueuesCommand)
    .callsFake(async (input: { NextToken?: string; MaxResults?: number }, getClient) => {
      const at = await where("sqs", getClient);
      // SQS pages only when MaxResults is given.
      const { items, next } = pageOf(
        at.queues,
        input.MaxResults ? at.pageSize : undefined,
        input.NextToken,
        "queues",
      );
      return {
        QueueUrls: items.map((q) => arnOf.queueUrl(at.account, at.region, q.name)),
        ...(next ? { NextToken: next } : {}),
      };
    });
  sqs
    .on(GetQueueAttributesCommand)
    .callsFake(async (input: { QueueUrl: string; AttributeNames?: string[] }, getClient) => {
      const at = await where("sqs", getClient);
      const queue = at.queues.find((q) => arnOf.queueUrl(at.account, at.region, q.name) === input.QueueUrl);
      if (!live(queue)) {
        throw regionalError(
          "sqs",
          "QueueDoesNotExist",
          400,
          "The specified queue does not exist.",
          "AWS.SimpleQueueService.NonExistentQueue",
        );
      }
      if (!input.AttributeNames?.includes("Policy"))
        throw new Error("the Policy attribute must be asked for");
      return {
        Attributes: {
          QueueArn: arnOf.queue(at.account, at.region, queue.name),
          ...(queue.policy ? { Policy: JSON.stringify(queue.policy) } : {}),
        },
      };
    });

  // ---------------------------------------------------------------- SNS
  const sns = mockClient(SNSClient);
  sns.on(ListTopicsCommand).callsFake(async (input: { NextToken?: string }, getClient) => {
    const at = await where("sns", getClient);
    const { items, next } = pageOf(at.topics, at.pageSize, input.NextToken, "topics");
    return {
      Topics: items.map((t) => ({ TopicArn: arnOf.topic(at.account, at.region, t.name) })),
      ...(next ? { NextToken: next } : {}),
    };
  });
  sns.on(GetTopicAttributesCommand).callsFake(async (input: { TopicArn: string }, getClient) => {
    const at = await where("sns", getClient);
    const topic = at.topics.find((t) => arnOf.topic(at.account, at.region, t.name) === input.TopicArn);
    if (!live(topic))
      throw regionalError("sns", "NotFoundException", 404, "Topic does not exist", "NotFound");
    return {
      Attributes: {
        TopicArn: input.TopicArn,
        Owner: at.account,
        ...(topic.policy ? { Policy: JSON.stringify(topic.policy) } : {}),
      },
    };
  });

  // ---------------------------------------------------------------- Lambda
  const lambda = mockClient(LambdaClient);
  const notFound = (what: string) =>
    regionalError(
      "lambda",
      "ResourceNotFoundException",
      404,
      `The resource you requested does not exist. (${what})`,
    );
  const functionOf = async (name: string, getClient: ClientOf) => {
    const at = await where("lambda", getClient);
    const found = at.functions.find(
      (f) => name === f.name || name === arnOf.function(at.account, at.region, f.name),
    );
    if (!live(found)) throw notFound(name);
    return { at, found, arn: arnOf.function(at.account, at.region, found.name) };
  };
  lambda.on(ListFunctionsCommand).callsFake(async (input: { Marker?: string }, getClient) => {
    const at = await where("lambda", getClient);
    const { items, next } = pageOf(at.functions, at.pageSize, input.Marker, "functions");
    return {
      Functions: items.map((f) => ({
        FunctionName: f.name,
        FunctionArn: arnOf.function(at.account, at.region, f.name),
        Runtime: "nodejs22.x",
        // Never to be written to a snapshot.
        Environment: { Variables: { DB_PASSWORD: "lambda-env-value-never-written" } },
      })),
      ...(next ? { NextMarker: next } : {}),
    };
  });
  lambda.on(GetPolicyCommand).callsFake(async (input: { FunctionName: string }, getClient) => {
    const { found } = await functionOf(input.FunctionName, getClient);
    if (!found.policy) throw notFound("no policy");
    return { Policy: JSON.stringify(found.policy), RevisionId: "rev-1" };
  });
  lambda.on(ListFunctionUrlConfigsCommand).callsFake(async (input: { FunctionName: string }, getClient) => {
    const { found, arn } = await functionOf(input.FunctionName, getClient);
    return {
      FunctionUrlConfigs: found.urls.map((url) => ({
        FunctionUrl: `https://${found.name}-${url.qualifier ?? "latest"}.lambda-url.us-east-1.on.aws/`,
        FunctionArn: url.qualifier ? `${arn}:${url.qualifier}` : arn,
        AuthType: url.authType,
        CreationTime: "2025-05-05T05:05:05.000+0000",
        LastModifiedTime: "2025-05-05T05:05:05.000+0000",
        InvokeMode: "BUFFERED",
      })),
    };
  });
  // No aliases and no published versions: only $LATEST, which the collector leaves to the unqualified function
  // (test/collect/regional/lambda.test.ts has aliases and versions).
  lambda.on(ListAliasesCommand).callsFake(async (input: { FunctionName: string }, getClient) => {
    await functionOf(input.FunctionName, getClient);
    return { Aliases: [] };
  });
  lambda.on(ListVersionsByFunctionCommand).callsFake(async (input: { FunctionName: string }, getClient) => {
    const { arn } = await functionOf(input.FunctionName, getClient);
    return {
      Versions: [{ FunctionName: input.FunctionName, FunctionArn: `${arn}:$LATEST`, Version: "$LATEST" }],
    };
  });
  lambda.on(ListLayersCommand).callsFake(async (_input, getClient) => {
    const at = await where("lambda", getClient);
    return {
      Layers: at.layers.map((layer) => ({
        LayerName: layer.name,
        LayerArn: arnOf.layer(at.account, at.region, layer.name),
      })),
    };
  });
  const layerOf = async (name: string, getClient: ClientOf) => {
    const at = await where("lambda", getClient);
    const layer = at.layers.find((l) => arnOf.layer(at.account, at.region, l.name) === name);
    if (!layer) throw notFound(name);
    return { layer, arn: arnOf.layer(at.account, at.region, layer.name) };
  };
  lambda.on(ListLayerVersionsCommand).callsFake(async (input: { LayerName: string }, getClient) => {
    const { layer, arn } = await layerOf(input.LayerName, getClient);
    return {
      LayerVersions: layer.versions.map((v) => ({
        LayerVersionArn: `${arn}:${v.version}`,
        Version: v.version,
        CreatedDate: "2025-06-06T06:06:06.000+0000",
      })),
    };
  });
  lambda
    .on(GetLayerVersionPolicyCommand)
    .callsFake(async (input: { LayerName: string; VersionNumber: number }, getClient) => {
      const { layer } = await layerOf(input.LayerName, getClient);
      const version = layer.versions.find((v) => v.version === input.VersionNumber);
      if (!version?.policy) throw notFound("no policy");
      return { Policy: JSON.stringify(version.policy), RevisionId: "rev-1" };
    });

  // ---------------------------------------------------------------- Secrets Manager
  const secretsManager = mockClient(SecretsManagerClient);
  secretsManager.on(ListSecretsCommand).callsFake(async (input: { NextToken?: string }, getClient) => {
    const at = await where("secretsmanager", getClient);
    const { items, next } = pageOf(at.secrets, at.pageSize, input.NextToken, "secrets");
    return {
      SecretList: items.map((s) => ({
        ARN: arnOf.secret(at.account, at.region, s.name),
        Name: s.name,
        Description: "secret-description-never-written",
        Tags: [{ Key: "owner", Value: "secret-tag-never-written" }],
      })),
      ...(next ? { NextToken: next } : {}),
    };
  });
  secretsManager
    .on(GetSecretResourcePolicyCommand)
    .callsFake(async (input: { SecretId: string }, getClient) => {
      const at = await where("secretsmanager", getClient);
      const secret = at.secrets.find((s) => arnOf.secret(at.account, at.region, s.name) === input.SecretId);
      if (!live(secret)) {
        throw regionalError(
          "secretsmanager",
          "ResourceNotFoundException",
          400,
          "Secrets Manager can't find the specified secret.",
        );
      }
      return {
        ARN: input.SecretId,
        Name: secret.name,
        ...(secret.policy ? { ResourcePolicy: JSON.stringify(secret.policy) } : {}),
      };
    });

  // ---------------------------------------------------------------- ECR
  const ecr = mockClient(ECRClient);
  ecr.on(DescribeRepositoriesCommand).callsFake(async (input: { nextToken?: string }, getClient) => {
    const at = await where("ecr", getClient);
    const { items, next } = pageOf(at.repositories, at.pageSize, input.nextToken, "repositories");
    return {
      repositories: items.map((r) => ({
        repositoryArn: arnOf.repository(at.account, at.region, r.name),
        registryId: at.account,
        repositoryName: r.name,
        repositoryUri: `${at.account}.dkr.ecr.${at.region}.amazonaws.com/${r.name}`,
        createdAt: when("2025-07-07T07:07:07Z"),
        imageTagMutability: "IMMUTABLE",
      })),
      ...(next ? { nextToken: next } : {}),
    };
  });
  ecr
    .on(GetRepositoryPolicyCommand)
    .callsFake(async (input: { repositoryName: string; registryId?: string }, getClient) => {
      const at = await where("ecr", getClient);
      if (input.registryId !== at.account) throw new Error("the repository's own registry must be named");
      const repository = at.repositories.find((r) => r.name === input.repositoryName);
      if (!live(repository)) {
        throw regionalError("ecr", "RepositoryNotFoundException", 400, "The repository does not exist.");
      }
      if (!repository.policy) {
        throw regionalError(
          "ecr",
          "RepositoryPolicyNotFoundException",
          400,
          "Repository policy does not exist for the repository.",
        );
      }
      return {
        registryId: at.account,
        repositoryName: repository.name,
        policyText: JSON.stringify(repository.policy),
      };
    });

  // ---------------------------------------------------------------- EFS
  const efs = mockClient(EFSClient);
  efs.on(DescribeFileSystemsCommand).callsFake(async (input: { Marker?: string }, getClient) => {
    const at = await where("efs", getClient);
    const { items, next } = pageOf(at.fileSystems, at.pageSize, input.Marker, "filesystems");
    return {
      FileSystems: items.map((fs) => ({
        FileSystemId: fs.id,
        FileSystemArn: arnOf.fileSystem(at.account, at.region, fs.id),
        Name: fs.name,
        OwnerId: at.account,
        // Changes all the time: not written.
        SizeInBytes: { Value: 6144 },
        NumberOfMountTargets: 2,
        LifeCycleState: "available",
      })),
      ...(next ? { NextMarker: next } : {}),
    };
  });
  efs.on(DescribeFileSystemPolicyCommand).callsFake(async (input: { FileSystemId: string }, getClient) => {
    const at = await where("efs", getClient);
    const fs = at.fileSystems.find((f) => f.id === input.FileSystemId);
    if (!live(fs))
      throw regionalError(
        "efs",
        "FileSystemNotFound",
        404,
        `File system '${input.FileSystemId}' does not exist.`,
      );
    if (!fs.policy)
      throw regionalError("efs", "PolicyNotFound", 404, "The file system does not have a policy.");
    return { FileSystemId: fs.id, Policy: JSON.stringify(fs.policy) };
  });

  // ---------------------------------------------------------------- DynamoDB
  const dynamodb = mockClient(DynamoDBClient);
  dynamodb.on(ListTablesCommand).callsFake(async (input: { ExclusiveStartTableName?: string }, getClient) => {
    const at = await where("dynamodb", getClient);
    const names = at.tables.map((t) => t.name);
    const start = input.ExclusiveStartTableName ? names.indexOf(input.ExclusiveStartTableName) + 1 : 0;
    const size = at.pageSize ?? names.length;
    const items = names.slice(start, start + size);
    const more = start + size < names.length;
    return { TableNames: items, ...(more ? { LastEvaluatedTableName: items.at(-1) } : {}) };
  });
  const streamArnOf = (at: Where, name: string, label: string) =>
    `${arnOf.table(at.account, at.region, name)}/stream/${label}`;
  dynamodb.on(DescribeTableCommand).callsFake(async (input: { TableName: string }, getClient) => {
    const at = await where("dynamodb", getClient);
    const table = at.tables.find((t) => t.name === input.TableName);
    if (!live(table)) {
      throw regionalError(
        "dynamodb",
        "ResourceNotFoundException",
        400,
        `Requested resource not found: Table: ${input.TableName} not found`,
      );
    }
    return {
      Table: {
        TableName: table.name,
        TableArn: arnOf.table(at.account, at.region, table.name),
        TableId: "e1f2a3b4-0000-4000-8000-00000000000a",
        TableStatus: "ACTIVE",
        // Change all the time: not written.
        ItemCount: 1234,
        TableSizeBytes: 56789,
        ...(table.stream
          ? {
              StreamSpecification: { StreamEnabled: true, StreamViewType: "NEW_IMAGE" },
              LatestStreamLabel: table.stream.label,
              LatestStreamArn: streamArnOf(at, table.name, table.stream.label),
            }
          : {}),
      },
    };
  });
  dynamodb.on(GetTableResourcePolicyCommand).callsFake(async (input: { ResourceArn: string }, getClient) => {
    const at = await where("dynamodb", getClient);
    for (const table of at.tables) {
      const policy =
        input.ResourceArn === arnOf.table(at.account, at.region, table.name)
          ? table.policy
          : table.stream && input.ResourceArn === streamArnOf(at, table.name, table.stream.label)
            ? table.stream.policy
            : undefined;
      if (policy === undefined) continue;
      if (!policy) {
        throw regionalError(
          "dynamodb",
          "PolicyNotFoundException",
          400,
          `Resource-based policy not found for the provided ResourceArn: ${input.ResourceArn}`,
        );
      }
      return { Policy: JSON.stringify(policy), RevisionId: "1700000000000" };
    }
    throw regionalError(
      "dynamodb",
      "ResourceNotFoundException",
      400,
      `Requested resource not found: ${input.ResourceArn}`,
    );
  });

  // ---------------------------------------------------------------- EC2 snapshots and AMIs
  ec2.on(GetSnapshotBlockPublicAccessStateCommand).callsFake(async (_input, getClient) => {
    await where("ec2", getClient);
    return { State: "unblocked" };
  });
  ec2.on(GetImageBlockPublicAccessStateCommand).callsFake(async (_input, getClient) => {
    await where("ec2", getClient);
    return { ImageBlockPublicAccessState: "block-new-sharing" };
  });
  const ownedOnly = (owners: string[] | undefined) => {
    if (owners?.length !== 1 || owners[0] !== "self")
      throw new Error("only the account's own snapshots and AMIs must be asked for");
  };
  ec2
    .on(DescribeSnapshotsCommand)
    .callsFake(async (input: { OwnerIds?: string[]; NextToken?: string }, getClient) => {
      ownedOnly(input.OwnerIds);
      const at = await where("ec2", getClient);
      const { items, next } = pageOf(at.snapshots, at.pageSize, input.NextToken, "snapshots");
      return {
        Snapshots: items.map((snapshot) => ({
          SnapshotId: snapshot.id,
          OwnerId: at.account,
          State: "completed",
          VolumeSize: 8,
          StartTime: when("2026-01-01T00:00:00Z"),
        })),
        ...(next ? { NextToken: next } : {}),
      };
    });
  ec2
    .on(DescribeSnapshotAttributeCommand)
    .callsFake(async (input: { SnapshotId: string; Attribute: string }, getClient) => {
      const at = await where("ec2", getClient);
      const snapshot = at.snapshots.find((s) => s.id === input.SnapshotId);
      if (!live(snapshot))
        throw regionalError(
          "ec2",
          "InvalidSnapshot.NotFound",
          400,
          `The snapshot '${input.SnapshotId}' does not exist.`,
        );
      if (input.Attribute !== "createVolumePermission") throw new Error("unexpected snapshot attribute");
      return { SnapshotId: snapshot.id, CreateVolumePermissions: snapshot.permissions };
    });
  ec2
    .on(DescribeImagesCommand)
    .callsFake(async (input: { Owners?: string[]; NextToken?: string }, getClient) => {
      ownedOnly(input.Owners);
      const at = await where("ec2", getClient);
      const { items, next } = pageOf(at.images, at.pageSize, input.NextToken, "images");
      return {
        Images: items.map((image) => ({
          ImageId: image.id,
          Name: image.name,
          OwnerId: at.account,
          State: "available",
          Public: image.permissions.some((p) => "Group" in p),
        })),
        ...(next ? { NextToken: next } : {}),
      };
    });
  ec2
    .on(DescribeImageAttributeCommand)
    .callsFake(async (input: { ImageId: string; Attribute: string }, getClient) => {
      const at = await where("ec2", getClient);
      const image = at.images.find((i) => i.id === input.ImageId);
      if (!live(image))
        throw regionalError(
          "ec2",
          "InvalidAMIID.NotFound",
          400,
          `The image id '[${input.ImageId}]' does not exist`,
        );
      if (input.Attribute !== "launchPermission") throw new Error("unexpected image attribute");
      return { ImageId: image.id, LaunchPermissions: image.permissions };
    });

  // ---------------------------------------------------------------- RDS snapshots
  const rds = mockClient(RDSClient);
  const manualOnly = (type: string | undefined) => {
    if (type !== "manual") throw new Error("only manual snapshots must be asked for");
  };
  const restoreAttributes = (snapshot: MockDbSnapshot) => [
    { AttributeName: "restore", AttributeValues: snapshot.restore },
  ];
  rds
    .on(DescribeDBSnapshotsCommand)
    .callsFake(async (input: { SnapshotType?: string; Marker?: string }, getClient) => {
      manualOnly(input.SnapshotType);
      const at = await where("rds", getClient);
      const { items, next } = pageOf(at.dbSnapshots, at.pageSize, input.Marker, "db-snapshots");
      return {
        DBSnapshots: items.map((snapshot) => ({
          DBSnapshotIdentifier: snapshot.id,
          DBSnapshotArn: arnOf.dbSnapshot(at.account, at.region, snapshot.id),
          SnapshotType: "manual",
          Status: "available",
        })),
        ...(next ? { Marker: next } : {}),
      };
    });
  rds
    .on(DescribeDBSnapshotAttributesCommand)
    .callsFake(async (input: { DBSnapshotIdentifier: string }, getClient) => {
      const at = await where("rds", getClient);
      const snapshot = at.dbSnapshots.find((s) => s.id === input.DBSnapshotIdentifier);
      if (!live(snapshot))
        throw regionalError(
          "rds",
          "DBSnapshotNotFound",
          404,
          `DBSnapshot ${input.DBSnapshotIdentifier} not found.`,
          "DBSnapshotNotFound",
        );
      return {
        DBSnapshotAttributesResult: {
          DBSnapshotIdentifier: snapshot.id,
          DBSnapshotAttributes: restoreAttributes(snapshot),
        },
      };
    });
  rds
    .on(DescribeDBClusterSnapshotsCommand)
    .callsFake(async (input: { SnapshotType?: string; Marker?: string }, getClient) => {
      manualOnly(input.SnapshotType);
      const at = await where("rds", getClient);
      const { items, next } = pageOf(at.clusterSnapshots, at.pageSize, input.Marker, "cluster-snapshots");
      return {
        DBClusterSnapshots: items.map((snapshot) => ({
          DBClusterSnapshotIdentifier: snapshot.id,
          DBClusterSnapshotArn: arnOf.clusterSnapshot(at.account, at.region, snapshot.id),
          SnapshotType: "manual",
          Status: "available",
        })),
        ...(next ? { Marker: next } : {}),
      };
    });
  rds
    .on(DescribeDBClusterSnapshotAttributesCommand)
    .callsFake(async (input: { DBClusterSnapshotIdentifier: string }, getClient) => {
      const at = await where("rds", getClient);
      const snapshot = at.clusterSnapshots.find((s) => s.id === input.DBClusterSnapshotIdentifier);
      if (!live(snapshot))
        throw regionalError(
          "rds",
          "DBClusterSnapshotNotFoundFault",
          404,
          `DBClusterSnapshot ${input.DBClusterSnapshotIdentifier} not found.`,
          "DBClusterSnapshotNotFoundFault",
        );
      return {
        DBClusterSnapshotAttributesResult: {
          DBClusterSnapshotIdentifier: snapshot.id,
          DBClusterSnapshotAttributes: restoreAttributes(snapshot),
        },
      };
    });

  // ---------------------------------------------------------------- S3 access points and directory buckets
  const { s3, s3Control } = s3Mocks;
  const noAccessPoint = (name: string) =>
    regionalError("s3control", "NoSuchAccessPoint", 404, `The specified accesspoint does not exist: ${name}`);
  /** The access point asked for, of the account the request is made for (and only with its own credentials). */
  const accessPointOf = async (input: { AccountId: string; Name: string }, getClient: ClientOf) => {
    const client = getClient();
    const at = await where("s3control", () => client);
    if (at.account !== input.AccountId)
      throw regionalError("s3control", "AccessDenied", 403, "Access Denied");
    const accessPoint = at.accessPoints.find((ap) => ap.name === input.Name);
    if (!live(accessPoint)) throw noAccessPoint(input.Name);
    return { at, accessPoint };
  };
  s3Control
    .on(ListAccessPointsCommand)
    .callsFake(async (input: { AccountId: string; NextToken?: string }, getClient) => {
      const client = getClient();
      const at = await where("s3control", () => client);
      if (at.account !== input.AccountId)
        throw regionalError("s3control", "AccessDenied", 403, "Access Denied");
      const { items, next } = pageOf(at.accessPoints, at.pageSize, input.NextToken, "access-points");
      return {
        AccessPointList: items.map((ap) => ({
          Name: ap.name,
          Bucket: ap.bucket,
          NetworkOrigin: ap.vpcId ? "VPC" : "Internet",
          ...(ap.vpcId ? { VpcConfiguration: { VpcId: ap.vpcId } } : {}),
          AccessPointArn: arnOf.accessPoint(at.account, at.region, ap.name),
          BucketAccountId: at.account,
        })),
        ...(next ? { NextToken: next } : {}),
      };
    });
  s3Control
    .on(GetAccessPointCommand)
    .callsFake(async (input: { AccountId: string; Name: string }, getClient) => {
      const { at, accessPoint } = await accessPointOf(input, getClient);
      return {
        Name: accessPoint.name,
        Bucket: accessPoint.bucket,
        NetworkOrigin: accessPoint.vpcId ? "VPC" : "Internet",
        ...(accessPoint.vpcId ? { VpcConfiguration: { VpcId: accessPoint.vpcId } } : {}),
        // An access point's own Block Public Access: all four on unless turned off when it was made.
        PublicAccessBlockConfiguration: {
          BlockPublicAcls: true,
          IgnorePublicAcls: true,
          BlockPublicPolicy: !accessPoint.policy,
          RestrictPublicBuckets: !accessPoint.policy,
        },
        CreationDate: when("2026-02-01T00:00:00Z"),
        AccessPointArn: arnOf.accessPoint(at.account, at.region, accessPoint.name),
        BucketAccountId: at.account,
      };
    });
  s3Control
    .on(GetAccessPointPolicyCommand)
    .callsFake(async (input: { AccountId: string; Name: string }, getClient) => {
      const { accessPoint } = await accessPointOf(input, getClient);
      if (!accessPoint.policy)
        throw regionalError(
          "s3control",
          "NoSuchAccessPointPolicy",
          404,
          "The specified accesspoint policy does not exist",
        );
      return { Policy: JSON.stringify(accessPoint.policy) };
    });

  // Multi-region access points are managed in us-west-2 only.
  const multiRegionAccessPointsOf = async (accountId: string, getClient: ClientOf) => {
    const client = getClient();
    const account = await context.accountOf(() => client);
    const region = await context.regionOf(() => client);
    if (region !== "us-west-2")
      throw regionalError(
        "s3control",
        "PermanentRedirect",
        301,
        "Multi-Region Access Points are managed in us-west-2",
      );
    if (account !== accountId) throw regionalError("s3control", "AccessDenied", 403, "Access Denied");
    return MULTI_REGION_ACCESS_POINTS[account] ?? [];
  };
  s3Control
    .on(ListMultiRegionAccessPointsCommand)
    .callsFake(async (input: { AccountId: string; NextToken?: string }, getClient) => {
      const all = await multiRegionAccessPointsOf(input.AccountId, getClient);
      const { items, next } = pageOf(all, 1, input.NextToken, "mraps");
      return {
        AccessPoints: items.map((mrap) => ({
          Name: mrap.name,
          Alias: mrap.alias,
          CreatedAt: when("2026-03-01T00:00:00Z"),
          Status: "READY",
          PublicAccessBlock: {
            BlockPublicAcls: mrap.blockPublicAccess,
            IgnorePublicAcls: mrap.blockPublicAccess,
            BlockPublicPolicy: mrap.blockPublicAccess,
            RestrictPublicBuckets: mrap.blockPublicAccess,
          },
          Regions: mrap.buckets.map(({ bucket, region }) => ({
            Bucket: bucket,
            Region: region,
            BucketAccountId: input.AccountId,
          })),
        })),
        ...(next ? { NextToken: next } : {}),
      };
    });
  s3Control
    .on(GetMultiRegionAccessPointPolicyCommand)
    .callsFake(async (input: { AccountId: string; Name: string }, getClient) => {
      const mrap = (await multiRegionAccessPointsOf(input.AccountId, getClient)).find(
        (m) => m.name === input.Name,
      );
      if (!mrap)
        throw regionalError(
          "s3control",
          "NoSuchMultiRegionAccessPoint",
          404,
          "The specified Multi-Region Access Point does not exist",
        );
      const document = mrap.policy ? { Policy: JSON.stringify(mrap.policy) } : {};
      return { Policy: mrap.policyProposedOnly ? { Proposed: document } : { Established: document } };
    });

  s3.on(ListDirectoryBucketsCommand).callsFake(async (input: { ContinuationToken?: string }, getClient) => {
    const at = await where("s3", getClient);
    const { items, next } = pageOf(
      at.directoryBuckets,
      at.pageSize,
      input.ContinuationToken,
      "directory-buckets",
    );
    return {
      Buckets: items.map((bucket) => ({
        Name: bucket.name,
        BucketRegion: at.region,
        BucketArn: arnOf.directoryBucket(at.account, at.region, bucket.name),
        CreationDate: when("2026-02-02T00:00:00Z"),
      })),
      ...(next ? { ContinuationToken: next } : {}),
    };
  });
  // Directory bucket names end in `--x-s3`: their policies are answered here, the general buckets' by
  // mock-scenario.ts.
  const directoryBucketNames = new Set(
    Object.values(REGIONAL_DATA).flatMap((regions) =>
      Object.values(regions).flatMap((region) => region.directoryBuckets.map((bucket) => bucket.name)),
    ),
  );
  for (const name of directoryBucketNames) {
    s3.on(GetBucketPolicyCommand, { Bucket: name }).callsFake(
      async (input: { Bucket: string }, getClient) => {
        const at = await where("s3", getClient);
        const bucket = at.directoryBuckets.find((b) => b.name === input.Bucket);
        if (!live(bucket))
          throw regionalError("s3", "NoSuchBucket", 404, "The specified bucket does not exist");
        if (!bucket.policy)
          throw regionalError("s3", "NoSuchBucketPolicy", 404, "The bucket policy does not exist");
        return { Policy: JSON.stringify(bucket.policy) };
      },
    );
  }

  return { dynamodb, ec2, ecr, efs, kms, lambda, rds, secretsmanager: secretsManager, sns, sqs };
}
