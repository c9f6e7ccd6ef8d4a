import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import type {
  AccessPointResource,
  KmsKeyResource,
  LambdaFunctionResource,
  MultiRegionAccessPointResource,
  PolicyResource,
  SharedResource,
} from "../../src/model/resource.js";
import type { AccountSnapshot, Snapshot } from "../../src/model/snapshot.js";
import { REGIONAL_SECTIONS } from "../../src/snapshot/format.js";
import { readSnapshot } from "../../src/snapshot/index.js";
import { fixture } from "./fixture-paths.js";

const ACCOUNT = "555566667777";
const PARTNER = "444455556666";
const VENDOR = "999988887777";
const dir = fixture("regional");
const file = join(dir, "accounts", `${ACCOUNT}.json`);

let snapshot: Snapshot;
let account: AccountSnapshot;

beforeAll(async () => {
  snapshot = await readSnapshot(dir);
  account = snapshot.accounts[0]!;
});

function resource<T extends PolicyResource | SharedResource>(arn: string): T {
  const found = account.resources.find((candidate) => candidate.arn === arn);
  if (!found) throw new Error(`no resource ${arn}`);
  return found as T;
}

function statementSids(arn: string): (string | undefined)[] | null {
  const policy = resource<PolicyResource>(arn).policy;
  return policy ? policy.statements.map((statement) => statement.sid) : null;
}

const EU = (service: string, rest: string) => `arn:aws:${service}:eu-west-1:${ACCOUNT}:${rest}`;

describe("snapshot version 2: the regions section", () => {
  it("reads the fixture with no problems", () => {
    expect(snapshot.readProblems).toEqual([]);
    expect(snapshot.accounts.map((candidate) => candidate.accountId)).toEqual([ACCOUNT]);
  });

  it("reads every list of every service, in file order (multi-region access points first)", () => {
    expect(account.resources.map((entry) => [entry.type, entry.name])).toEqual([
      ["AWS::S3::MultiRegionAccessPoint", "global-assets"],
      ["AWS::KMS::Key", "1234abcd-12ab-34cd-56ef-1234567890ab"],
      ["AWS::KMS::Key", "0987dcba-09fe-87dc-65ba-ab0987654321"],
      ["AWS::SQS::Queue", "orders"],
      ["AWS::SQS::Queue", "dead-letters"],
      ["AWS::SNS::Topic", "events"],
      ["AWS::SNS::Topic", "alarms"],
      ["AWS::Lambda::Function", "api"],
      ["AWS::Lambda::Function", "worker"],
      ["AWS::Lambda::LayerVersion", "shared-libs:3"],
      ["AWS::SecretsManager::Secret", "db-password"],
      ["AWS::ECR::Repository", "app"],
      ["AWS::EFS::FileSystem", "fs-0123456789abcdef0"],
      ["AWS::DynamoDB::Table", "orders"],
      ["AWS::DynamoDB::Stream", "orders/stream/2026-11-01T00:00:00.000"],
      ["AWS::DynamoDB::Table", "sessions"],
      ["AWS::S3::AccessPoint", "shared-ap"],
      ["AWS::S3::AccessPoint", "private-ap"],
      ["AWS::S3Express::DirectoryBucket", "logs--euw1-az1--x-s3"],
      ["AWS::S3Express::DirectoryBucket", "scratch--euw1-az3--x-s3"],
      ["AWS::EC2::Snapshot", "snap-0a1b2c3d4e5f60718"],
      ["AWS::EC2::Snapshot", "snap-1b2c3d4e5f6071829"],
      ["AWS::EC2::Snapshot", "snap-2c3d4e5f607182930"],
      ["AWS::EC2::Image", "ami-0abcdef1234567890"],
      ["AWS::EC2::Image", "ami-0fedcba9876543210"],
      ["AWS::RDS::DBSnapshot", "nightly"],
      ["AWS::RDS::DBClusterSnapshot", "weekly"],
    ]);
    expect(account.resources.every((entry) => entry.accountId === ACCOUNT)).toBe(true);
    expect(
      account.resources.every((entry) => entry.location.file === file && entry.location.startLine > 0),
    ).toBe(true);
    expect(new Set(account.resources.map((entry) => entry.type)).size).toBe(17);
  });

  it("has an entry in every list the format names, and reads each one", async () => {
    const text = JSON.parse(await readFile(file, "utf8")) as {
      regions: Record<string, Record<string, Record<string, unknown[]>>>;
    };
    const eu = text.regions["eu-west-1"]!;
    const counts = Object.entries(REGIONAL_SECTIONS).flatMap(([service, section]) =>
      section.lists.map((list) => [`${service}.${list}`, eu[service]?.[list]?.length ?? 0] as const),
    );
    expect(counts.filter(([, count]) => count === 0)).toEqual([]);
    const entries = counts.reduce((sum, [, count]) => sum + count, 0);
    const streams = account.resources.filter((entry) => entry.type === "AWS::DynamoDB::Stream").length;
    const multiRegion = account.resources.filter((entry) => entry.type === "AWS::S3::MultiRegionAccessPoint");
    expect(account.resources.length).toBe(entries + streams + multiRegion.length);
  });

  it("takes the ARNs from the API fields, and writes those the APIs do not return", () => {
    expect(account.resources.map((entry) => entry.arn)).toEqual([
      `arn:aws:s3::${ACCOUNT}:accesspoint/mfzwi23gnjvgw.mrap`,
      EU("kms", "key/1234abcd-12ab-34cd-56ef-1234567890ab"),
      EU("kms", "key/0987dcba-09fe-87dc-65ba-ab0987654321"),
      EU("sqs", "orders"),
      EU("sqs", "dead-letters"),
      EU("sns", "events"),
      EU("sns", "alarms"),
      EU("lambda", "function:api"),
      EU("lambda", "function:worker"),
      EU("lambda", "layer:shared-libs:3"),
      EU("secretsmanager", "secret:db-password-AbCdEf"),
      EU("ecr", "repository/app"),
      EU("elasticfilesystem", "file-system/fs-0123456789abcdef0"),
      EU("dynamodb", "table/orders"),
      EU("dynamodb", "table/orders/stream/2026-11-01T00:00:00.000"),
      EU("dynamodb", "table/sessions"),
      EU("s3", "accesspoint/shared-ap"),
      EU("s3", "accesspoint/private-ap"),
      EU("s3express", "bucket/logs--euw1-az1--x-s3"),
      EU("s3express", "bucket/scratch--euw1-az3--x-s3"),
      "arn:aws:ec2:eu-west-1::snapshot/snap-0a1b2c3d4e5f60718",
      "arn:aws:ec2:eu-west-1::snapshot/snap-1b2c3d4e5f6071829",
      "arn:aws:ec2:eu-west-1::snapshot/snap-2c3d4e5f607182930",
      "arn:aws:ec2:eu-west-1::image/ami-0abcdef1234567890",
      "arn:aws:ec2:eu-west-1::image/ami-0fedcba9876543210",
      EU("rds", "snapshot:nightly"),
      EU("rds", "cluster-snapshot:weekly"),
    ]);
    expect(account.resources.map((entry) => entry.region)).toEqual([
      "us-west-2",
      ...Array<string>(account.resources.length - 1).fill("eu-west-1"),
    ]);
  });

  it("reads policies written as objects and as the JSON strings the APIs return", () => {
    expect(statementSids(EU("kms", "key/1234abcd-12ab-34cd-56ef-1234567890ab"))).toEqual([
      "EnableIamPolicies",
      "VendorDecrypt",
    ]);
    expect(statementSids(EU("kms", "key/0987dcba-09fe-87dc-65ba-ab0987654321"))).toEqual(["AllowViaSqs"]);
    const queue = resource<PolicyResource>(EU("sqs", "orders")).policy?.statements[0];
    expect(queue?.principals).toEqual([{ type: "AWS", value: "*" }]);
    expect(queue?.actions).toEqual(["sqs:SendMessage"]);
    expect(queue?.conditions.map((clause) => [clause.operatorLower, clause.keyLower, clause.values])).toEqual(
      [["arnequals", "aws:sourcearn", [`arn:aws:sns:eu-west-1:${ACCOUNT}:events`]]],
    );
    expect(statementSids(EU("sns", "events"))).toEqual(["PartnerPublish"]);
    expect(statementSids(EU("lambda", "function:api"))).toEqual(["FunctionURLAllowPublicAccess"]);
    expect(statementSids(EU("lambda", "layer:shared-libs:3"))).toEqual(["PublicLayer"]);
    expect(statementSids(EU("secretsmanager", "secret:db-password-AbCdEf"))).toEqual(["PartnerRead"]);
    expect(statementSids(EU("ecr", "repository/app"))).toEqual(["PartnerPull"]);
    expect(statementSids(EU("elasticfilesystem", "file-system/fs-0123456789abcdef0"))).toEqual([
      "MountAnywhere",
    ]);
    expect(statementSids(EU("dynamodb", "table/orders"))).toEqual(["PartnerQuery"]);
    expect(statementSids(EU("dynamodb", "table/orders/stream/2026-11-01T00:00:00.000"))).toEqual([
      "PartnerStream",
    ]);
    expect(statementSids(EU("s3", "accesspoint/shared-ap"))).toEqual(["PublicGet"]);
    expect(statementSids(EU("s3express", "bucket/logs--euw1-az1--x-s3"))).toEqual(["PartnerSession"]);
    expect(statementSids(`arn:aws:s3::${ACCOUNT}:accesspoint/mfzwi23gnjvgw.mrap`)).toEqual(["PartnerRead"]);
  });

  it("reads a null policy and an absent one (not read: its errors entry says why) as no policy", () => {
    expect(statementSids(EU("sqs", "dead-letters"))).toBeNull();
    expect(statementSids(EU("sns", "alarms"))).toBeNull();
    expect(statementSids(EU("lambda", "function:worker"))).toBeNull();
    expect(statementSids(EU("dynamodb", "table/sessions"))).toBeNull();
    expect(statementSids(EU("s3", "accesspoint/private-ap"))).toBeNull();
    expect(statementSids(EU("s3express", "bucket/scratch--euw1-az3--x-s3"))).toBeNull();
  });

  it("reads KMS keys: who manages them, and the grants of customer managed keys", () => {
    const customer = resource<KmsKeyResource>(EU("kms", "key/1234abcd-12ab-34cd-56ef-1234567890ab"));
    expect(customer.keyManager).toBe("CUSTOMER");
    expect(customer.grants?.map(({ location: _location, ...grant }) => grant)).toEqual([
      {
        grantId: "0c237476b39f8bc44e45212e08498fbe3151305030726c0590dd8d3e9f3d6a60",
        granteePrincipal: `arn:aws:iam::${VENDOR}:role/vendor-reader`,
        retiringPrincipal: `arn:aws:iam::${ACCOUNT}:role/key-admin`,
        operations: ["Decrypt", "GenerateDataKey"],
        hasConstraints: true,
      },
      {
        grantId: "91ad875e49b04a9d1f3bdeb84d821f9db6ea95e1098813f6d47f0c65fbe2a172",
        granteePrincipal: `arn:aws:iam::${ACCOUNT}:role/batch`,
        operations: ["Encrypt"],
        hasConstraints: false,
      },
    ]);
    const managed = resource<KmsKeyResource>(EU("kms", "key/0987dcba-09fe-87dc-65ba-ab0987654321"));
    expect(managed.keyManager).toBe("AWS");
    expect(managed.grants).toBeUndefined();
  });

  it("reads Lambda function URLs, with the alias a qualified FunctionArn names", () => {
    const api = resource<LambdaFunctionResource>(EU("lambda", "function:api"));
    expect(api.functionUrls?.map(({ location: _location, ...url }) => url)).toEqual([
      { url: "https://abcdefghijklmnopqrstuvwxyz123456.lambda-url.eu-west-1.on.aws/", authType: "NONE" },
      {
        url: "https://zyxwvutsrqponmlkjihgfedcba654321.lambda-url.eu-west-1.on.aws/",
        authType: "AWS_IAM",
        qualifier: "live",
      },
    ]);
    expect(resource<LambdaFunctionResource>(EU("lambda", "function:worker")).functionUrls).toEqual([]);
  });

  it("reads access points with their bucket, network origin and own Block Public Access", () => {
    const shared = resource<AccessPointResource>(EU("s3", "accesspoint/shared-ap"));
    expect([shared.bucket, shared.bucketAccountId, shared.networkOrigin, shared.publicAccessBlock]).toEqual([
      "assets-eu-555566667777",
      ACCOUNT,
      "Internet",
      {
        BlockPublicAcls: false,
        IgnorePublicAcls: false,
        BlockPublicPolicy: false,
        RestrictPublicBuckets: false,
      },
    ]);
    const vpc = resource<AccessPointResource>(EU("s3", "accesspoint/private-ap"));
    expect([vpc.bucketAccountId, vpc.networkOrigin, vpc.vpcId, vpc.publicAccessBlock]).toEqual([
      undefined,
      "VPC",
      "vpc-0a1b2c3d",
      null,
    ]);
    const global = resource<MultiRegionAccessPointResource>(
      `arn:aws:s3::${ACCOUNT}:accesspoint/mfzwi23gnjvgw.mrap`,
    );
    expect(global.publicAccessBlock).toEqual({
      BlockPublicAcls: true,
      IgnorePublicAcls: true,
      BlockPublicPolicy: true,
      RestrictPublicBuckets: true,
    });
    expect(global.buckets).toEqual([
      { bucket: "assets-eu-555566667777", bucketAccountId: ACCOUNT, region: "eu-west-1" },
      { bucket: "assets-us-444455556666", bucketAccountId: PARTNER, region: "us-east-1" },
    ]);
  });

  it("reads the sharing of EBS snapshots, AMIs and RDS snapshots: absent is not read, [] is shared with no one", () => {
    const shares = (arn: string) =>
      resource<SharedResource>(arn).shares?.map(({ location: _location, ...share }) => share);
    expect(shares("arn:aws:ec2:eu-west-1::snapshot/snap-0a1b2c3d4e5f60718")).toEqual([{ kind: "public" }]);
    expect(shares("arn:aws:ec2:eu-west-1::snapshot/snap-1b2c3d4e5f6071829")).toEqual([
      { kind: "account", accountId: PARTNER },
    ]);
    expect(shares("arn:aws:ec2:eu-west-1::snapshot/snap-2c3d4e5f607182930")).toBeUndefined();
    expect(shares("arn:aws:ec2:eu-west-1::image/ami-0abcdef1234567890")).toEqual([
      { kind: "organization", arn: "arn:aws:organizations::111122223333:organization/o-exampleorg1" },
      {
        kind: "organizational-unit",
        arn: "arn:aws:organizations::111122223333:ou/o-exampleorg1/ou-ab12-prod1111",
      },
      { kind: "account", accountId: VENDOR },
    ]);
    expect(shares("arn:aws:ec2:eu-west-1::image/ami-0fedcba9876543210")).toEqual([]);
    expect(shares(EU("rds", "snapshot:nightly"))).toEqual([{ kind: "public" }]);
    expect(shares(EU("rds", "cluster-snapshot:weekly"))).toEqual([
      { kind: "account", accountId: PARTNER },
      { kind: "account", accountId: VENDOR },
    ]);
  });

  it("reads EC2's block public access of every region read, and no other region", () => {
    expect([...account.regionalControls]).toEqual([
      ["eu-west-1", { snapshotBlockPublicAccess: "unblocked", imageBlockPublicAccess: "block-new-sharing" }],
      ["us-east-1", { snapshotBlockPublicAccess: "block-all-sharing" }],
    ]);
  });

  it("carries the region of a collection error, and none for a global call", () => {
    expect(snapshot.collectionErrors).toEqual([
      {
        accountId: ACCOUNT,
        region: "us-east-1",
        service: "ec2",
        operation: "GetImageBlockPublicAccessState",
        code: "UnauthorizedOperation",
        message: "You are not authorized to perform this operation.",
      },
      { accountId: ACCOUNT, service: "s3", operation: "ListMultiRegionAccessPoints", code: "AccessDenied" },
    ]);
    expect("region" in snapshot.collectionErrors[1]!).toBe(false);
  });
});

describe("snapshot version 1", () => {
  it("reads as before: no regional resources, no regional controls, no problems", async () => {
    const old = await readSnapshot(fixture("valid"));
    expect(old.readProblems).toEqual([]);
    expect(old.accounts.map((entry) => [entry.resources, entry.regionalControls.size])).toEqual([
      [[], 0],
      [[], 0],
    ]);
    expect(old.accounts.map((entry) => [entry.roles.length, entry.buckets.length])).toEqual([
      [1, 0],
      [1, 2],
    ]);
  });
});
