import { describe, expect, it } from "vitest";
import type { PolicyResource } from "../../src/model/resource.js";
import { indexAccountText, readAccountFile } from "../../src/snapshot/index.js";

const ACCOUNT = "555566667777";
const OTHER = "444455556666";
const FILE = "snapshot/accounts/555566667777.json";
const REGION = "eu-west-1";
const EU = (service: string, rest: string) => `arn:aws:${service}:${REGION}:${ACCOUNT}:${rest}`;

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** Reads an account file's text with both readers: the full read and the cross-account pre-index. */
async function read(document: Json) {
  const text = JSON.stringify(document, null, 2);
  const result = await readAccountFile(FILE, ACCOUNT, "snapshot", { text: Promise.resolve(text) });
  return { ...result, index: indexAccountText(text, FILE, ACCOUNT) };
}

function accountWith(regions: Json, s3: Json = { Buckets: [] }): Json {
  return { accountId: ACCOUNT, s3, regions, errors: [] };
}

/** A valid entry of each list, the one every bad-entry case keeps beside the bad one. */
const GOOD: Record<string, Record<string, Json>> = {
  kms: { Keys: { Arn: EU("kms", "key/good"), KeyManager: "CUSTOMER", Policy: null } },
  sqs: { Queues: { QueueArn: EU("sqs", "good") } },
  sns: { Topics: { TopicArn: EU("sns", "good") } },
  lambda: {
    Functions: { FunctionArn: EU("lambda", "function:good") },
    LayerVersions: { LayerVersionArn: EU("lambda", "layer:good:1") },
  },
  secretsmanager: { Secrets: { ARN: EU("secretsmanager", "secret:good-AbCdEf") } },
  ecr: { Repositories: { repositoryArn: EU("ecr", "repository/good") } },
  efs: { FileSystems: { FileSystemArn: EU("elasticfilesystem", "file-system/fs-good") } },
  dynamodb: { Tables: { TableArn: EU("dynamodb", "table/good") } },
  s3: {
    AccessPoints: { AccessPointArn: EU("s3", "accesspoint/good"), Bucket: "b", NetworkOrigin: "VPC" },
    DirectoryBuckets: { Name: "good--euw1-az1--x-s3" },
  },
  ec2: { Snapshots: { SnapshotId: "snap-good" }, Images: { ImageId: "ami-good" } },
  rds: {
    DBSnapshots: { DBSnapshotArn: EU("rds", "snapshot:good") },
    DBClusterSnapshots: { DBClusterSnapshotArn: EU("rds", "cluster-snapshot:good") },
  },
};

const PUBLIC_STATEMENT = { Effect: "Allow", Principal: "*", Action: "*", Resource: "*" };

interface BadEntry {
  name: string;
  service: string;
  list: string;
  entry: Json;
  /** The JSON path of the problem, after the entry's own path. */
  at: string;
  /** What the entry is called in the problem (`KMS key <name> skipped`). */
  skipped: string;
  expected: string;
}

const BAD_ENTRIES: BadEntry[] = [
  {
    name: "a KMS key ARN of another account",
    service: "kms",
    list: "Keys",
    entry: { Arn: `arn:aws:kms:${REGION}:${OTHER}:key/k`, KeyManager: "CUSTOMER" },
    at: ".Arn",
    skipped: `KMS key arn:aws:kms:${REGION}:${OTHER}:key/k`,
    expected: `expected a KMS key ARN in account ${ACCOUNT} (the account of the file)`,
  },
  {
    name: "a KMS key manager AWS does not have",
    service: "kms",
    list: "Keys",
    entry: { Arn: EU("kms", "key/k"), KeyManager: "PARTNER" },
    at: ".KeyManager",
    skipped: `KMS key ${EU("kms", "key/k")}`,
    expected: 'expected "CUSTOMER" or "AWS", found the string "PARTNER"',
  },
  {
    name: "a grant without a grantee",
    service: "kms",
    list: "Keys",
    entry: {
      Arn: EU("kms", "key/k"),
      KeyManager: "CUSTOMER",
      Grants: [{ GrantId: "g", Operations: ["Decrypt"] }],
    },
    at: ".Grants[0].GranteePrincipal",
    skipped: `KMS key ${EU("kms", "key/k")}`,
    expected: 'expected a string, found no "GranteePrincipal" key',
  },
  {
    name: "grant constraints that are not an object",
    service: "kms",
    list: "Keys",
    entry: {
      Arn: EU("kms", "key/k"),
      KeyManager: "CUSTOMER",
      Grants: [{ GrantId: "g", GranteePrincipal: "p", Operations: ["Decrypt"], Constraints: "none" }],
    },
    at: ".Grants[0].Constraints",
    skipped: `KMS key ${EU("kms", "key/k")}`,
    expected: "expected a constraints object",
  },
  {
    name: "a queue ARN of another region",
    service: "sqs",
    list: "Queues",
    entry: { QueueArn: `arn:aws:sqs:us-east-1:${ACCOUNT}:q` },
    at: ".QueueArn",
    skipped: `SQS queue arn:aws:sqs:us-east-1:${ACCOUNT}:q`,
    expected: `expected an SQS queue ARN in region ${REGION} (the region it is listed under)`,
  },
  {
    name: "a topic whose ARN is a queue's",
    service: "sns",
    list: "Topics",
    entry: { TopicArn: EU("sqs", "q") },
    at: ".TopicArn",
    skipped: `SNS topic ${EU("sqs", "q")}`,
    expected: `expected an SNS topic ARN such as arn:aws:sns:${REGION}:${ACCOUNT}:<topic name>`,
  },
  {
    name: "a policy string that is not JSON",
    service: "sns",
    list: "Topics",
    entry: { TopicArn: EU("sns", "t"), Policy: "allow everyone" },
    at: ".Policy",
    skipped: `SNS topic ${EU("sns", "t")}`,
    expected: "expected a policy document: an object, a JSON string or a URL-encoded JSON string",
  },
  {
    name: "a qualified function ARN as the function's own",
    service: "lambda",
    list: "Functions",
    entry: { FunctionArn: EU("lambda", "function:f:live") },
    at: ".FunctionArn",
    skipped: `Lambda function ${EU("lambda", "function:f:live")}`,
    expected: "expected an unqualified Lambda function ARN such as",
  },
  {
    name: "a function URL auth type Lambda does not have",
    service: "lambda",
    list: "Functions",
    entry: {
      FunctionArn: EU("lambda", "function:f"),
      FunctionUrlConfigs: [{ FunctionUrl: "https://x.lambda-url.eu-west-1.on.aws/", AuthType: "PUBLIC" }],
    },
    at: ".FunctionUrlConfigs[0].AuthType",
    skipped: `Lambda function ${EU("lambda", "function:f")}`,
    expected: 'expected "NONE" or "AWS_IAM"',
  },
  {
    name: "a function URL of another function",
    service: "lambda",
    list: "Functions",
    entry: {
      FunctionArn: EU("lambda", "function:f"),
      FunctionUrlConfigs: [
        {
          FunctionUrl: "https://x.lambda-url.eu-west-1.on.aws/",
          FunctionArn: EU("lambda", "function:g"),
          AuthType: "NONE",
        },
      ],
    },
    at: ".FunctionUrlConfigs[0].FunctionArn",
    skipped: `Lambda function ${EU("lambda", "function:f")}`,
    expected: "expected the ARN of function f or of one of its aliases (the function it is listed under)",
  },
  {
    name: "aliases that are not an array",
    service: "lambda",
    list: "Functions",
    entry: { FunctionArn: EU("lambda", "function:f"), Aliases: { prod: {} } },
    at: ".Aliases",
    skipped: `Lambda function ${EU("lambda", "function:f")}`,
    expected: "expected an array of aliases (ListAliases)",
  },
  {
    name: "an alias of another function",
    service: "lambda",
    list: "Functions",
    entry: {
      FunctionArn: EU("lambda", "function:f"),
      Aliases: [{ AliasArn: EU("lambda", "function:g:prod"), Name: "prod" }],
    },
    at: ".Aliases[0].AliasArn",
    skipped: `Lambda function ${EU("lambda", "function:f")}`,
    expected: "expected the ARN of an alias of function f (the function it is listed under)",
  },
  {
    name: "an alias ARN without its qualifier",
    service: "lambda",
    list: "Functions",
    entry: {
      FunctionArn: EU("lambda", "function:f"),
      Aliases: [{ AliasArn: EU("lambda", "function:f"), Name: "f" }],
    },
    at: ".Aliases[0].AliasArn",
    skipped: `Lambda function ${EU("lambda", "function:f")}`,
    expected: `expected a qualified Lambda function ARN such as arn:aws:lambda:${REGION}:${ACCOUNT}:function:<name>:<alias or version>`,
  },
  {
    name: "an alias whose name is not its ARN's qualifier",
    service: "lambda",
    list: "Functions",
    entry: {
      FunctionArn: EU("lambda", "function:f"),
      Aliases: [{ AliasArn: EU("lambda", "function:f:prod"), Name: "beta" }],
    },
    at: ".Aliases[0].Name",
    skipped: `Lambda function ${EU("lambda", "function:f")}`,
    expected: 'expected "prod", the qualifier of its AliasArn',
  },
  {
    name: "a version without its version number",
    service: "lambda",
    list: "Functions",
    entry: {
      FunctionArn: EU("lambda", "function:f"),
      Versions: [{ FunctionArn: EU("lambda", "function:f:3") }],
    },
    at: ".Versions[0].Version",
    skipped: `Lambda function ${EU("lambda", "function:f")}`,
    expected: 'found no "Version" key',
  },
  {
    name: "a version policy that is a number",
    service: "lambda",
    list: "Functions",
    entry: {
      FunctionArn: EU("lambda", "function:f"),
      Versions: [{ FunctionArn: EU("lambda", "function:f:3"), Version: "3", Policy: 3 }],
    },
    at: ".Versions[0].Policy",
    skipped: `Lambda function ${EU("lambda", "function:f")}`,
    expected: "found the number 3",
  },
  {
    name: "a layer version ARN without its version",
    service: "lambda",
    list: "LayerVersions",
    entry: { LayerVersionArn: EU("lambda", "layer:l") },
    at: ".LayerVersionArn",
    skipped: `Lambda layer version ${EU("lambda", "layer:l")}`,
    expected: "expected a Lambda layer version ARN such as",
  },
  {
    name: "a secret without an ARN",
    service: "secretsmanager",
    list: "Secrets",
    entry: { Name: "s" },
    at: ".ARN",
    skipped: `secret $.regions["${REGION}"].secretsmanager.Secrets[0]`,
    expected: 'found no "ARN" key',
  },
  {
    name: "a repository policy that is a number",
    service: "ecr",
    list: "Repositories",
    entry: { repositoryArn: EU("ecr", "repository/r"), Policy: 42 },
    at: ".Policy",
    skipped: `ECR repository ${EU("ecr", "repository/r")}`,
    expected: "found the number 42",
  },
  {
    name: "a file system ARN of another service",
    service: "efs",
    list: "FileSystems",
    entry: { FileSystemArn: EU("efs", "file-system/fs-1") },
    at: ".FileSystemArn",
    skipped: `EFS file system ${EU("efs", "file-system/fs-1")}`,
    expected: "expected an EFS file system ARN such as",
  },
  {
    name: "a stream policy without a stream",
    service: "dynamodb",
    list: "Tables",
    entry: { TableArn: EU("dynamodb", "table/t"), StreamPolicy: { Statement: [PUBLIC_STATEMENT] } },
    at: ".LatestStreamArn",
    skipped: `DynamoDB table ${EU("dynamodb", "table/t")}`,
    expected: "expected the ARN of the stream whose StreamPolicy is given",
  },
  {
    name: "the stream of another table",
    service: "dynamodb",
    list: "Tables",
    entry: { TableArn: EU("dynamodb", "table/t"), LatestStreamArn: EU("dynamodb", "table/u/stream/2026") },
    at: ".LatestStreamArn",
    skipped: `DynamoDB table ${EU("dynamodb", "table/t")}`,
    expected: "expected a stream ARN of table t (the table it is listed under)",
  },
  {
    name: "an access point network origin S3 does not have",
    service: "s3",
    list: "AccessPoints",
    entry: { AccessPointArn: EU("s3", "accesspoint/a"), Bucket: "b", NetworkOrigin: "Public" },
    at: ".NetworkOrigin",
    skipped: `access point ${EU("s3", "accesspoint/a")}`,
    expected: 'expected "Internet" or "VPC"',
  },
  {
    name: "an access point bucket owner that is no account id",
    service: "s3",
    list: "AccessPoints",
    entry: {
      AccessPointArn: EU("s3", "accesspoint/a"),
      Bucket: "b",
      BucketAccountId: "12345",
      NetworkOrigin: "VPC",
    },
    at: ".BucketAccountId",
    skipped: `access point ${EU("s3", "accesspoint/a")}`,
    expected: "expected a 12-digit AWS account id",
  },
  {
    name: "a directory bucket ARN of another region",
    service: "s3",
    list: "DirectoryBuckets",
    entry: {
      Name: "d--use1-az4--x-s3",
      BucketArn: `arn:aws:s3express:us-east-1:${ACCOUNT}:bucket/d--use1-az4--x-s3`,
    },
    at: ".BucketArn",
    skipped: "directory bucket d--use1-az4--x-s3",
    expected: `expected an S3 directory bucket ARN in region ${REGION}`,
  },
  {
    name: "a snapshot owned by another account",
    service: "ec2",
    list: "Snapshots",
    entry: { SnapshotId: "snap-1", OwnerId: OTHER },
    at: ".OwnerId",
    skipped: "EBS snapshot snap-1",
    expected: `expected account ${ACCOUNT} (the account of the file)`,
  },
  {
    name: "a snapshot shared with a group EC2 does not have",
    service: "ec2",
    list: "Snapshots",
    entry: { SnapshotId: "snap-1", CreateVolumePermissions: [{ Group: "everyone" }] },
    at: ".CreateVolumePermissions[0].Group",
    skipped: "EBS snapshot snap-1",
    expected: 'expected "all" (the only group EC2 shares with)',
  },
  {
    name: "a snapshot permission that names no one",
    service: "ec2",
    list: "Snapshots",
    entry: { SnapshotId: "snap-1", CreateVolumePermissions: [{}] },
    at: ".CreateVolumePermissions[0]",
    skipped: "EBS snapshot snap-1",
    expected: 'expected a permission such as {"Group": "all"} or {"UserId": "111122223333"}',
  },
  {
    name: "a snapshot shared with an organization (only AMIs can be)",
    service: "ec2",
    list: "Snapshots",
    entry: {
      SnapshotId: "snap-1",
      CreateVolumePermissions: [
        { OrganizationArn: "arn:aws:organizations::111122223333:organization/o-exampleorg1" },
      ],
    },
    at: ".CreateVolumePermissions[0]",
    skipped: "EBS snapshot snap-1",
    expected: 'expected a permission such as {"Group": "all"} or {"UserId": "111122223333"}',
  },
  {
    name: "an AMI shared with an organization ARN that is not one",
    service: "ec2",
    list: "Images",
    entry: { ImageId: "ami-1", LaunchPermissions: [{ OrganizationArn: "o-exampleorg1" }] },
    at: ".LaunchPermissions[0].OrganizationArn",
    skipped: "AMI ami-1",
    expected: "expected an organization ARN such as",
  },
  {
    name: "an AMI shared with a user id that is no account",
    service: "ec2",
    list: "Images",
    entry: { ImageId: "ami-1", LaunchPermissions: [{ UserId: "all" }] },
    at: ".LaunchPermissions[0].UserId",
    skipped: "AMI ami-1",
    expected: 'expected a 12-digit AWS account id, found the string "all"',
  },
  {
    name: "a restore attribute value that is neither all nor an account",
    service: "rds",
    list: "DBSnapshots",
    entry: {
      DBSnapshotArn: EU("rds", "snapshot:s"),
      Attributes: [{ AttributeName: "restore", AttributeValues: ["everyone"] }],
    },
    at: ".Attributes[0].AttributeValues[0]",
    skipped: `DB snapshot ${EU("rds", "snapshot:s")}`,
    expected: "expected a 12-digit AWS account id",
  },
  {
    name: "a cluster snapshot ARN among DB snapshots",
    service: "rds",
    list: "DBSnapshots",
    entry: { DBSnapshotArn: EU("rds", "cluster-snapshot:s") },
    at: ".DBSnapshotArn",
    skipped: `DB snapshot ${EU("rds", "cluster-snapshot:s")}`,
    expected: "expected an RDS DB snapshot ARN such as",
  },
  {
    name: "a cluster snapshot ARN of another account",
    service: "rds",
    list: "DBClusterSnapshots",
    entry: { DBClusterSnapshotArn: `arn:aws:rds:${REGION}:${OTHER}:cluster-snapshot:s` },
    at: ".DBClusterSnapshotArn",
    skipped: `DB cluster snapshot arn:aws:rds:${REGION}:${OTHER}:cluster-snapshot:s`,
    expected: `expected an RDS DB cluster snapshot ARN in account ${ACCOUNT}`,
  },
  {
    name: "an entry that is not an object",
    service: "sqs",
    list: "Queues",
    entry: "https://sqs.eu-west-1.amazonaws.com/555566667777/q",
    at: "",
    skipped: `SQS queue $.regions["${REGION}"].sqs.Queues[0]`,
    expected: "expected a queue object",
  },
];

describe("a bad regional entry is skipped with one problem naming file, JSON path and what was expected", () => {
  it.each(BAD_ENTRIES)("$name", async ({ service, list, entry, at, skipped, expected }) => {
    const good = GOOD[service]![list]!;
    const result = await read(accountWith({ [REGION]: { [service]: { [list]: [entry, good] } } }));
    const path = `$.regions["${REGION}"].${service}.${list}[0]${at}`;
    expect(result.readProblems).toHaveLength(1);
    const [problem] = result.readProblems;
    expect(problem?.file).toBe(FILE);
    expect(problem?.jsonPath).toBe(path);
    expect(problem?.message.startsWith(`${skipped} skipped: line `)).toBe(true);
    expect(problem?.message).toContain(expected);
    // The rest is read, and the account is kept by the pre-index as by the full read.
    expect(result.account?.resources).toHaveLength(1);
    expect(result.index?.accountId).toBe(ACCOUNT);
  });

  it("has a good entry of every list that reads with no problem", async () => {
    const services = Object.fromEntries(
      Object.entries(GOOD).map(([service, lists]) => [
        service,
        Object.fromEntries(Object.entries(lists).map(([list, entry]) => [list, [entry]])),
      ]),
    );
    const result = await read(accountWith({ [REGION]: services }));
    expect(result.readProblems).toEqual([]);
    expect(result.account?.resources).toHaveLength(15);
  });

  it("skips a bad multi-region access point, keeping the others", async () => {
    const good = { Name: "m", Alias: "good.mrap", Regions: [] };
    const result = await read(
      accountWith(
        {},
        {
          MultiRegionAccessPoints: [
            { Name: "x", Regions: [] },
            good,
            { Alias: "y.mrap", Regions: [{ Bucket: "b", BucketAccountId: "1" }] },
          ],
        },
      ),
    );
    expect(
      result.readProblems.map((problem) => [problem.jsonPath, problem.message.split(": line")[0]]),
    ).toEqual([
      [
        "$.s3.MultiRegionAccessPoints[0].Alias",
        "multi-region access point $.s3.MultiRegionAccessPoints[0] skipped",
      ],
      [
        "$.s3.MultiRegionAccessPoints[2].Regions[0].BucketAccountId",
        "multi-region access point y.mrap skipped",
      ],
    ]);
    expect(result.account?.resources.map((entry) => entry.arn)).toEqual([
      `arn:aws:s3::${ACCOUNT}:accesspoint/good.mrap`,
    ]);
  });

  it("keeps none of the grammar problems of a skipped entry", async () => {
    const key = {
      Arn: EU("kms", "key/k"),
      KeyManager: "nobody",
      Policy: { Statement: { Effect: "Allow", Action: "*" } },
    };
    const result = await read(accountWith({ [REGION]: { kms: { Keys: [key] } } }));
    expect(result.readProblems.map((problem) => problem.jsonPath)).toEqual([
      `$.regions["${REGION}"].kms.Keys[0].KeyManager`,
    ]);
  });
});

describe("EC2's block public access states", () => {
  it("reads a state AWS does not have as not read, with a problem, and reads the rest", async () => {
    const result = await read(
      accountWith({
        [REGION]: {
          ec2: {
            SnapshotBlockPublicAccessState: "off",
            ImageBlockPublicAccessState: "unblocked",
            Snapshots: [GOOD.ec2!.Snapshots!],
          },
        },
      }),
    );
    expect(
      result.readProblems.map((problem) => [problem.jsonPath, problem.message.split(": line")[0]]),
    ).toEqual([
      [
        `$.regions["${REGION}"].ec2.SnapshotBlockPublicAccessState`,
        `block public access for EBS snapshots in ${REGION} treated as not read`,
      ],
    ]);
    expect(result.readProblems[0]?.message).toContain(
      'expected "block-all-sharing", "block-new-sharing", "unblocked"',
    );
    expect([...(result.account?.regionalControls ?? [])]).toEqual([
      [REGION, { imageBlockPublicAccess: "unblocked" }],
    ]);
    expect(result.account?.resources).toHaveLength(1);
  });

  it("gives a region read without EC2 no controls, and a region not read no entry", async () => {
    const result = await read(accountWith({ [REGION]: {}, "us-east-1": { ec2: { Images: [] } } }));
    expect([...(result.account?.regionalControls ?? [])]).toEqual([
      [REGION, {}],
      ["us-east-1", {}],
    ]);
  });
});

describe("the shape of regions is checked as a whole, by the full read and the pre-index alike", () => {
  const cases: { name: string; document: Json; path: string; expected: string }[] = [
    {
      name: "regions that is not an object",
      document: accountWith([]),
      path: "$.regions",
      expected: "an object with one entry per region",
    },
    {
      name: "a key that is no region name",
      document: accountWith({ Europe: {} }),
      path: "$.regions.Europe",
      expected: "an AWS region name such as eu-west-1",
    },
    {
      name: "a region that is not an object",
      document: accountWith({ [REGION]: null }),
      path: `$.regions["${REGION}"]`,
      expected: "an object with one entry per service",
    },
    {
      name: "a service that is not an object",
      document: accountWith({ [REGION]: { kms: [] } }),
      path: `$.regions["${REGION}"].kms`,
      expected: "an object with the kms lists",
    },
    {
      name: "a list that is not an array",
      document: accountWith({ [REGION]: { rds: { DBSnapshots: {} } } }),
      path: `$.regions["${REGION}"].rds.DBSnapshots`,
      expected: "an array of rds DBSnapshots",
    },
    {
      name: "multi-region access points that are not an array",
      document: accountWith({}, { MultiRegionAccessPoints: {} }),
      path: "$.s3.MultiRegionAccessPoints",
      expected: "an array of multi-region access points",
    },
  ];

  it.each(cases)("leaves the account out for $name", async ({ document, path, expected }) => {
    const result = await read(document);
    expect(result.account).toBeUndefined();
    expect(result.index).toBeUndefined();
    expect(result.readProblems.map((problem) => problem.jsonPath)).toEqual([path]);
    expect(result.readProblems[0]?.message.startsWith(`account ${ACCOUNT} skipped: line `)).toBe(true);
    expect(result.readProblems[0]?.message).toContain(`expected ${expected}`);
  });

  it("ignores services and lists the format does not have, as other unknown keys", async () => {
    const result = await read(
      accountWith({ [REGION]: { cloudfront: 5, kms: { Keys: [GOOD.kms!.Keys!], Aliases: "x" } } }),
    );
    expect(result.readProblems).toEqual([]);
    expect(result.account?.resources.map((entry) => entry.type)).toEqual(["AWS::KMS::Key"]);
    expect(result.index?.accountId).toBe(ACCOUNT);
  });

  it("accepts region names of every partition, and writes the ARNs AWS does not return in the region's partition", async () => {
    const regions: Record<string, Json> = {};
    for (const region of [
      "cn-north-1",
      "us-gov-west-1",
      "eusc-de-east-1",
      "us-isob-east-1",
      "ap-southeast-5",
    ]) {
      regions[region] = {
        ec2: { Snapshots: [{ SnapshotId: "snap-1" }] },
        s3: { DirectoryBuckets: [{ Name: "d--x-s3" }] },
      };
    }
    const result = await read(accountWith(regions));
    expect(result.readProblems).toEqual([]);
    expect(result.account?.resources.map((entry) => entry.arn)).toEqual([
      "arn:aws-cn:ec2:cn-north-1::snapshot/snap-1",
      `arn:aws-cn:s3express:cn-north-1:${ACCOUNT}:bucket/d--x-s3`,
      "arn:aws-us-gov:ec2:us-gov-west-1::snapshot/snap-1",
      `arn:aws-us-gov:s3express:us-gov-west-1:${ACCOUNT}:bucket/d--x-s3`,
      "arn:aws-eusc:ec2:eusc-de-east-1::snapshot/snap-1",
      `arn:aws-eusc:s3express:eusc-de-east-1:${ACCOUNT}:bucket/d--x-s3`,
      "arn:aws-iso-b:ec2:us-isob-east-1::snapshot/snap-1",
      `arn:aws-iso-b:s3express:us-isob-east-1:${ACCOUNT}:bucket/d--x-s3`,
      "arn:aws:ec2:ap-southeast-5::snapshot/snap-1",
      `arn:aws:s3express:ap-southeast-5:${ACCOUNT}:bucket/d--x-s3`,
    ]);
  });

  it("writes a multi-region access point's ARN in the partition of its buckets", async () => {
    const result = await read(
      accountWith(
        {},
        { MultiRegionAccessPoints: [{ Alias: "m.mrap", Regions: [{ Bucket: "b", Region: "cn-north-1" }] }] },
      ),
    );
    expect(result.account?.resources.map((entry) => entry.arn)).toEqual([
      `arn:aws-cn:s3::${ACCOUNT}:accesspoint/m.mrap`,
    ]);
  });

  it("reads an account file with no regions as one of version 1", async () => {
    const result = await read({ accountId: ACCOUNT, s3: { Buckets: [] } });
    expect(result.readProblems).toEqual([]);
    expect(result.account?.resources).toEqual([]);
    expect(result.account?.regionalControls.size).toBe(0);
  });
});

describe("the grammar of resource-based policies", () => {
  async function readPolicy(service: "kms" | "ecr", statement: Json) {
    const entry: Json =
      service === "kms"
        ? { Arn: EU("kms", "key/k"), KeyManager: "CUSTOMER", Policy: { Statement: statement } }
        : { repositoryArn: EU("ecr", "repository/r"), Policy: JSON.stringify({ Statement: statement }) };
    const list = service === "kms" ? "Keys" : "Repositories";
    const result = await read(accountWith({ [REGION]: { [service]: { [list]: [entry] } } }));
    const resource = result.account?.resources[0] as PolicyResource | undefined;
    return { problems: result.readProblems, statement: resource?.policy?.statements[0] };
  }

  it("wants a Principal, as in any resource-based policy", async () => {
    const { problems, statement } = await readPolicy("kms", {
      Effect: "Allow",
      Action: "kms:*",
      Resource: "*",
    });
    expect(problems.map((problem) => [problem.kind, problem.jsonPath])).toEqual([
      ["policy-grammar", `$.regions["${REGION}"].kms.Keys[0].Policy.Statement.Principal`],
    ]);
    expect(problems[0]?.message).toContain(
      "Principal or NotPrincipal, which a resource-based policy must have",
    );
    expect(statement?.principals).toEqual([{ type: "AWS", value: "*" }]);
  });

  it("judges a statement without Resource as applying to the whole resource", async () => {
    const { problems, statement } = await readPolicy("kms", {
      Effect: "Allow",
      Principal: "*",
      Action: "kms:*",
    });
    expect(problems.map((problem) => problem.message.split(":")[0])).toEqual([
      "judged as applying to the whole resource",
    ]);
    expect(statement?.resources).toBeUndefined();
  });

  it("lets an ECR repository policy leave Resource out, as ECR's own examples do", async () => {
    const { problems, statement } = await readPolicy("ecr", {
      Effect: "Allow",
      Principal: "*",
      Action: "ecr:BatchGetImage",
    });
    expect(problems).toEqual([]);
    expect(statement?.resources).toBeUndefined();
    expect(statement?.actions).toEqual(["ecr:BatchGetImage"]);
  });
});
