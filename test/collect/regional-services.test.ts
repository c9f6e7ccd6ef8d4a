import { GetKeyPolicyCommand, ListGrantsCommand, ListKeysCommand } from "@aws-sdk/client-kms";
import { GetTopicAttributesCommand } from "@aws-sdk/client-sns";
import { GetQueueAttributesCommand, ListQueuesCommand } from "@aws-sdk/client-sqs";
import { describe, expect, it } from "vitest";
import { DEV, MGMT, OUTSIDE, PROD } from "./support/mock-ids.js";
import { arnOf, KEY_IDS } from "./support/mock-regional-data.js";
import { regionalError } from "./support/mock-regional.js";
import { collectRegional, type Json } from "./support/regional-run.js";

const E1 = "us-east-1";
const byKey = (items: Json[], key: string, value: string): Json => {
  const found = items.find((item) => item[key] === value);
  if (!found) throw new Error(`no ${key} ${value}`);
  return found;
};

describe("regional collectors", () => {
  describe("KMS", () => {
    it("reads every page of keys, each key's policy and the grants of customer managed keys only", async () => {
      const run = await collectRegional();
      // Prod's us-east-1 lists its keys in two pages (the locked key is on the second): 2 + 3 + 2 calls in all.
      expect(run.aws.mocks.kms.commandCalls(ListKeysCommand)).toHaveLength(7);
      expect(run.list(PROD, E1, "kms", "Keys").map((key) => key.KeyId)).toEqual([
        KEY_IDS.prodShared,
        KEY_IDS.prodLocked,
      ]);

      const keys = run.list(MGMT, E1, "kms", "Keys");
      // Sorted by ARN.
      expect(keys.map((key) => key.KeyId)).toEqual([KEY_IDS.mgmtS3, KEY_IDS.mgmtApp]);
      const app = byKey(keys, "KeyId", KEY_IDS.mgmtApp);
      expect(app).toMatchObject({
        Arn: arnOf.key(MGMT, E1, KEY_IDS.mgmtApp),
        KeyManager: "CUSTOMER",
        KeyState: "Enabled",
        Policy: {
          Statement: [{ Sid: "Enable IAM User Permissions" }, { Sid: "AllowVendorDecryptThroughS3" }],
        },
      });
      // Sorted by grant id, kept as the API returns them.
      expect((app.Grants as Json[]).map((grant) => grant.GranteePrincipal)).toEqual([
        "dynamodb.us-east-1.amazonaws.com",
        `arn:aws:iam::${OUTSIDE}:role/vendor-batch`,
      ]);
      const aws = byKey(keys, "KeyId", KEY_IDS.mgmtS3);
      expect(aws).toMatchObject({ KeyManager: "AWS", Policy: { Id: "auto-s3-2" } });
      expect("Grants" in aws).toBe(false);
      expect(
        run.aws.mocks.kms
          .commandCalls(ListGrantsCommand)
          .filter((call) => String(call.args[0].input.KeyId).endsWith(KEY_IDS.mgmtS3)),
      ).toHaveLength(0);
    });

    it("retries a throttled key policy and counts it; records a key policy it is denied, with the region", async () => {
      const run = await collectRegional();
      expect(run.stats.throttledRetries).toBeGreaterThanOrEqual(1);
      expect(
        run.aws.mocks.kms
          .commandCalls(GetKeyPolicyCommand)
          .filter((call) => String(call.args[0].input.KeyId).endsWith(KEY_IDS.prodShared)),
      ).toHaveLength(2);
      const [shared, locked] = run.list(PROD, E1, "kms", "Keys") as [Json, Json];
      expect(shared.Policy).toMatchObject({ Statement: [{}, { Sid: "OrganizationUse" }] });
      // Denied: the policy is absent (not null, which would mean "no policy"), and the error says why.
      expect("Policy" in locked).toBe(false);
      expect(locked.Grants).toEqual([]);
      expect(run.file(PROD).errors).toContainEqual(
        expect.objectContaining({
          service: "kms",
          region: E1,
          operation: "GetKeyPolicy",
          resource: arnOf.key(PROD, E1, KEY_IDS.prodLocked),
          code: "AccessDeniedException",
        }),
      );
    });
  });

  it("SQS: every page of queues, with each queue's ARN and decoded policy (null when it has none)", async () => {
    const run = await collectRegional();
    expect(run.list(MGMT, E1, "sqs", "Queues")).toEqual([
      {
        QueueUrl: arnOf.queueUrl(MGMT, E1, "mgmt-events"),
        QueueArn: arnOf.queue(MGMT, E1, "mgmt-events"),
        Policy: {
          Version: "2012-10-17",
          Statement: [
            {
              Sid: "TopicDelivers",
              Effect: "Allow",
              Principal: { Service: "sns.amazonaws.com" },
              Action: "sqs:SendMessage",
              Resource: arnOf.queue(MGMT, E1, "mgmt-events"),
              Condition: { ArnEquals: { "aws:SourceArn": arnOf.topic(MGMT, E1, "mgmt-alerts") } },
            },
          ],
        },
      },
      {
        QueueUrl: arnOf.queueUrl(MGMT, E1, "mgmt-jobs"),
        QueueArn: arnOf.queue(MGMT, E1, "mgmt-jobs"),
        Policy: null,
      },
    ]);
    // Prod's queues come in two pages (ListQueues pages only when MaxResults is set).
    expect(run.list(PROD, E1, "sqs", "Queues").map((q) => q.QueueArn)).toEqual([
      arnOf.queue(PROD, E1, "prod-orders"),
      arnOf.queue(PROD, E1, "prod-results"),
    ]);
    for (const call of run.aws.mocks.sqs.commandCalls(ListQueuesCommand)) {
      expect(call.args[0].input.MaxResults).toBe(1000);
    }
  });

  it("SNS: every topic with its decoded policy", async () => {
    const run = await collectRegional();
    expect(run.list(MGMT, E1, "sns", "Topics")).toEqual([
      {
        TopicArn: arnOf.topic(MGMT, E1, "mgmt-alerts"),
        Policy: expect.objectContaining({
          Id: "__default_policy_ID",
          Statement: [expect.objectContaining({ Condition: { StringEquals: { "AWS:SourceOwner": MGMT } } })],
        }),
      },
    ]);
  });

  it("Lambda: functions with their policy and URLs, layer versions with theirs, never the configuration", async () => {
    const run = await collectRegional();
    const functions = run.list(MGMT, E1, "lambda", "Functions");
    expect(functions.map((f) => f.FunctionName)).toEqual(["mgmt-hook", "mgmt-private"]);
    const [hook, quiet] = functions as [Json, Json];
    expect(Object.keys(hook)).toEqual([
      "FunctionName",
      "FunctionArn",
      "Policy",
      "FunctionUrlConfigs",
      "Aliases",
      "Versions",
    ]);
    // $LATEST is the unqualified function: not a version of its own.
    expect(hook.Aliases).toEqual([]);
    expect(hook.Versions).toEqual([]);
    expect(hook.Policy).toMatchObject({
      Statement: [{ Sid: "s3-invoke" }, { Sid: "FunctionURLAllowPublicAccess" }],
    });
    expect(hook.FunctionUrlConfigs).toEqual([
      {
        AuthType: "NONE",
        CreationTime: "2025-05-05T05:05:05.000+0000",
        FunctionArn: arnOf.function(MGMT, E1, "mgmt-hook"),
        FunctionUrl: "https://mgmt-hook-latest.lambda-url.us-east-1.on.aws/",
        InvokeMode: "BUFFERED",
        LastModifiedTime: "2025-05-05T05:05:05.000+0000",
      },
    ]);
    // GetPolicy's ResourceNotFoundException means no policy.
    expect(quiet).toEqual({
      FunctionName: "mgmt-private",
      FunctionArn: arnOf.function(MGMT, E1, "mgmt-private"),
      Policy: null,
      FunctionUrlConfigs: [],
      Aliases: [],
      Versions: [],
    });
    const layer = arnOf.layer(MGMT, E1, "shared-lib");
    expect(run.list(MGMT, E1, "lambda", "LayerVersions")).toEqual([
      { LayerArn: layer, LayerVersionArn: `${layer}:1`, Version: 1, Policy: null },
      {
        LayerArn: layer,
        LayerVersionArn: `${layer}:2`,
        Version: 2,
        Policy: expect.objectContaining({ Statement: [expect.objectContaining({ Principal: "*" })] }),
      },
    ]);
    expect(JSON.stringify([...run.files.values()])).not.toContain("lambda-env-value-never-written");
  });

  it("Secrets Manager: secrets by ARN and name with their resource policy, never their description or tags", async () => {
    const run = await collectRegional();
    expect(run.list(MGMT, E1, "secretsmanager", "Secrets")).toEqual([
      { ARN: arnOf.secret(MGMT, E1, "mgmt/api-key"), Name: "mgmt/api-key", ResourcePolicy: null },
      {
        ARN: arnOf.secret(MGMT, E1, "mgmt/db-password"),
        Name: "mgmt/db-password",
        ResourcePolicy: {
          Version: "2012-10-17",
          Statement: [
            {
              Effect: "Allow",
              Principal: { AWS: `arn:aws:iam::${OUTSIDE}:role/vendor-support` },
              Action: "secretsmanager:GetSecretValue",
              Resource: "*",
            },
          ],
        },
      },
    ]);
    expect(JSON.stringify([...run.files.values()])).not.toMatch(/secret-(description|tag)-never-written/);
  });

  it("ECR: repositories as DescribeRepositories gives them, with their policy (null when none)", async () => {
    const run = await collectRegional();
    expect(run.list(MGMT, E1, "ecr", "Repositories")).toEqual([
      {
        createdAt: "2025-07-07T07:07:07Z",
        imageTagMutability: "IMMUTABLE",
        registryId: MGMT,
        repositoryArn: arnOf.repository(MGMT, E1, "mgmt-base"),
        repositoryName: "mgmt-base",
        repositoryUri: `${MGMT}.dkr.ecr.us-east-1.amazonaws.com/mgmt-base`,
        Policy: null,
      },
      expect.objectContaining({
        repositoryName: "mgmt-images",
        Policy: expect.objectContaining({ Statement: [expect.objectContaining({ Sid: "VendorPull" })] }),
      }),
    ]);
  });

  it("EFS: file systems by id, ARN, name and owner, with their policy; no size or counters", async () => {
    const run = await collectRegional();
    const [shared, scratch] = run.list(MGMT, E1, "efs", "FileSystems") as [Json, Json];
    expect(shared).toMatchObject({
      FileSystemId: "fs-0123456789abcdef0",
      FileSystemArn: arnOf.fileSystem(MGMT, E1, "fs-0123456789abcdef0"),
      Name: "shared-data",
      OwnerId: MGMT,
      Policy: { Statement: [{ Sid: "MountThroughTargetsOnly" }] },
    });
    expect(Object.keys(shared)).toEqual(["FileSystemId", "FileSystemArn", "Name", "OwnerId", "Policy"]);
    expect(scratch).toMatchObject({ FileSystemId: "fs-0fedcba9876543210", Policy: null });
  });

  it("DynamoDB: tables with their policy, and their latest stream with its own", async () => {
    const run = await collectRegional();
    const orders = arnOf.table(MGMT, E1, "mgmt-orders");
    expect(run.list(MGMT, E1, "dynamodb", "Tables")).toEqual([
      { TableName: "mgmt-audit", TableArn: arnOf.table(MGMT, E1, "mgmt-audit"), Policy: null },
      {
        TableName: "mgmt-orders",
        TableArn: orders,
        Policy: expect.objectContaining({ Statement: [expect.objectContaining({ Sid: "PartnerReads" })] }),
        LatestStreamArn: `${orders}/stream/2026-01-01T00:00:00.000`,
        StreamPolicy: expect.objectContaining({
          Statement: [expect.objectContaining({ Sid: "PartnerStream" })],
        }),
      },
    ]);
  });

  it("leaves out a resource of each service deleted between its listing and its reading, and counts it", async () => {
    const run = await collectRegional();
    // One of each type in prod's us-east-1: key, queue, topic, function, secret, repository, file system, table,
    // EBS snapshot, AMI, DB snapshot, DB cluster snapshot, access point, directory bucket.
    expect(run.stats.resourcesGone).toBe(14);
    const prod = JSON.stringify(run.file(PROD));
    for (const name of [KEY_IDS.prodDeleted, "prod-gone", "fs-0aaaaaaaaaaaaaaaa"])
      expect(prod).not.toContain(name);
    expect(run.list(PROD, E1, "sns", "Topics")).toEqual([]);
    expect(run.list(PROD, E1, "lambda", "Functions")).toEqual([]);
    expect(run.list(PROD, E1, "secretsmanager", "Secrets")).toEqual([]);
    expect(run.list(PROD, E1, "ecr", "Repositories")).toEqual([]);
    expect(run.list(PROD, E1, "dynamodb", "Tables")).toEqual([]);
    expect(run.list(PROD, E1, "ec2", "Snapshots")).toEqual([
      { SnapshotId: "snap-0b0000000000000a1", CreateVolumePermissions: [] },
      { SnapshotId: "snap-0b0000000000000a3", CreateVolumePermissions: [{ UserId: MGMT }] },
    ]);
    for (const [service, list] of [
      ["ec2", "Images"],
      ["rds", "DBSnapshots"],
      ["rds", "DBClusterSnapshots"],
      ["s3", "AccessPoints"],
      ["s3", "DirectoryBuckets"],
    ] as const)
      expect(run.list(PROD, E1, service, list)).toEqual([]);
    // Not errors: prod's only regional error is its locked key.
    expect(
      run
        .file(PROD)
        .errors.filter((e) => e.region)
        .map((e) => e.operation),
    ).toEqual(["GetKeyPolicy"]);
  });

  it("keeps a resource whose details are denied, without them, and records the refusal with its region", async () => {
    const topic = arnOf.topic(MGMT, E1, "mgmt-alerts");
    const run = await collectRegional({}, {}, (aws) => {
      aws.mocks.sns
        .on(GetTopicAttributesCommand, { TopicArn: topic })
        .rejects(
          regionalError("sns", "AuthorizationErrorException", 403, "not authorized", "AuthorizationError"),
        );
    });
    expect(run.list(MGMT, E1, "sns", "Topics")).toEqual([{ TopicArn: topic }]);
    expect(run.file(MGMT).errors).toEqual([
      {
        service: "sns",
        region: E1,
        operation: "GetTopicAttributes",
        resource: topic,
        code: "AuthorizationError",
        message: "not authorized",
      },
    ]);
  });

  it("records a policy that is not JSON and keeps its text, so that nothing is hidden", async () => {
    const queueUrl = arnOf.queueUrl(DEV, E1, "dev-public-queue");
    const run = await collectRegional({}, {}, (aws) => {
      aws.mocks.sqs.on(GetQueueAttributesCommand, { QueueUrl: queueUrl }).resolves({
        Attributes: { QueueArn: arnOf.queue(DEV, E1, "dev-public-queue"), Policy: "{not json" },
      });
    });
    expect(run.list(DEV, E1, "sqs", "Queues")[0]?.Policy).toBe("{not json");
    expect(run.file(DEV).errors).toContainEqual(
      expect.objectContaining({
        service: "sqs",
        region: E1,
        operation: "GetQueueAttributes",
        resource: arnOf.queue(DEV, E1, "dev-public-queue"),
        code: "MalformedPolicyDocument",
      }),
    );
  });
});
