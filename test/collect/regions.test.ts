import { DescribeRegionsCommand } from "@aws-sdk/client-ec2";
import { ListKeysCommand } from "@aws-sdk/client-kms";
import { describe, expect, it } from "vitest";
import { DEV, MGMT, PROD } from "./support/mock-ids.js";
import { collectRegional } from "./support/regional-run.js";

// The calls that begin the reading of each service in a region, in the order errors are written.
const LIST_CALLS = [
  ["dynamodb", "ListTables"],
  ["ec2", "DescribeImages"],
  ["ec2", "DescribeSnapshots"],
  ["ec2", "GetImageBlockPublicAccessState"],
  ["ec2", "GetSnapshotBlockPublicAccessState"],
  ["ecr", "DescribeRepositories"],
  ["efs", "DescribeFileSystems"],
  ["kms", "ListKeys"],
  ["lambda", "ListFunctions"],
  ["lambda", "ListLayers"],
  ["rds", "DescribeDBClusterSnapshots"],
  ["rds", "DescribeDBSnapshots"],
  ["s3", "ListDirectoryBuckets"],
  ["s3control", "ListAccessPoints"],
  ["secretsmanager", "ListSecrets"],
  ["sns", "ListTopics"],
  ["sqs", "ListQueues"],
];

describe("collect in every region", () => {
  it("asks each account, with its own credentials, which regions it has enabled, and reads those", async () => {
    const run = await collectRegional({
      enabledRegions: { [MGMT]: ["us-east-1"], [PROD]: ["us-east-1", "eu-west-1", "ap-southeast-5"] },
    });
    expect(Object.keys(run.file(MGMT).regions ?? {})).toEqual(["us-east-1"]);
    // An opt-in region enabled by prod alone is read in prod: the caller's list would have missed it.
    expect(Object.keys(run.file(PROD).regions ?? {})).toEqual(["ap-southeast-5", "eu-west-1", "us-east-1"]);
    expect(Object.keys(run.file(DEV).regions ?? {})).toEqual(["eu-west-1", "us-east-1"]);
    expect(run.regions).toEqual(["ap-southeast-5", "eu-west-1", "us-east-1"]);
    // Services and regions in name order; a region with nothing in it has its empty lists.
    expect(Object.keys(run.file(PROD).regions?.["ap-southeast-5"] ?? {})).toEqual([
      "dynamodb",
      "ec2",
      "ecr",
      "efs",
      "kms",
      "lambda",
      "rds",
      "s3",
      "secretsmanager",
      "sns",
      "sqs",
    ]);
    expect(run.list(PROD, "ap-southeast-5", "kms", "Keys")).toEqual([]);

    const askedWith = await Promise.all(
      run.aws.mocks.ec2.commandCalls(DescribeRegionsCommand).map(async (call) => {
        const client = call.thisValue as { config: { credentials(): Promise<{ accessKeyId: string }> } };
        return (await client.config.credentials()).accessKeyId;
      }),
    );
    expect(askedWith.sort()).toEqual(["AKIDCALLEREXAMPLE", `member-key-${PROD}`, `member-key-${DEV}`]);
    for (const account of [MGMT, PROD, DEV]) {
      const selection = run.file(account).errors.filter((e) => /Regions$/.test(e.operation));
      expect(selection).toEqual([]);
    }
  });

  it("with --regions reads only those, and records a region an account has not enabled without stopping", async () => {
    const run = await collectRegional(
      { enabledRegions: { [MGMT]: ["us-east-1", "eu-west-1"], [PROD]: ["us-east-1"], [DEV]: ["us-east-1"] } },
      { regions: ["eu-west-1", "us-east-1"] },
    );
    expect(Object.keys(run.file(MGMT).regions ?? {})).toEqual(["eu-west-1", "us-east-1"]);
    for (const account of [PROD, DEV]) {
      const file = run.file(account);
      expect(Object.keys(file.regions ?? {})).toEqual(["us-east-1"]);
      expect(file.errors.filter((e) => e.region === "eu-west-1")).toEqual([
        {
          service: "trustscan",
          region: "eu-west-1",
          operation: "SelectRegions",
          code: "RegionNotEnabled",
          message: "not among the regions enabled for this account (EC2 DescribeRegions); not read",
        },
      ]);
    }
    expect(run.list(DEV, "us-east-1", "kms", "Keys")).toHaveLength(1);
    // No call in a region an account has not enabled: management 2, prod 2 pages, dev 1.
    expect(run.aws.mocks.kms.commandCalls(ListKeysCommand)).toHaveLength(5);
  });

  it("lists in the manifest the regions read, not a region asked for that no account has enabled", async () => {
    const run = await collectRegional({}, { regions: ["ap-south-2", "us-east-1"] });
    // us-east-1 for the regional services, eu-west-1 for buckets (read in their own region, whatever --regions).
    expect(run.regions).toEqual(["eu-west-1", "us-east-1"]);
    expect(run.file(MGMT).errors).toContainEqual(
      expect.objectContaining({ region: "ap-south-2", code: "RegionNotEnabled" }),
    );
  });

  it("records every list call of a region that refuses the account, with the region, and reads the others", async () => {
    const run = await collectRegional({
      failingRegions: [
        { account: PROD, region: "eu-west-1", code: "UnrecognizedClientException" },
        { account: DEV, region: "us-east-1", code: "AccessDeniedException" },
      ],
    });
    const prod = run.file(PROD);
    expect(prod.errors.filter((e) => e.region === "eu-west-1")).toEqual(
      LIST_CALLS.map(([service, operation]) => ({
        service,
        region: "eu-west-1",
        operation,
        code: "UnrecognizedClientException",
        message: "UnrecognizedClientException in eu-west-1",
      })),
    );
    expect(Object.keys(prod.regions ?? {})).toEqual(["us-east-1"]);
    expect(run.list(PROD, "us-east-1", "kms", "Keys").length).toBeGreaterThan(0);

    const dev = run.file(DEV);
    expect(dev.errors.filter((e) => e.region === "us-east-1").map((e) => `${e.operation} ${e.code}`)).toEqual(
      LIST_CALLS.map(([, operation]) => `${operation} AccessDeniedException`),
    );
    expect(Object.keys(dev.regions ?? {})).toEqual(["eu-west-1"]);
    // Never fatal: IAM and S3 were read as ever.
    expect(dev.iam).toBeDefined();
    expect(dev.s3).toBeDefined();
  });

  it("reads only the --region region when an account's regions cannot be listed, and records why", async () => {
    const run = await collectRegional({ describeRegionsError: "UnauthorizedOperation" });
    for (const account of [MGMT, PROD, DEV]) {
      const file = run.file(account);
      expect(Object.keys(file.regions ?? {})).toEqual(["us-east-1"]);
      expect(file.errors).toContainEqual({
        service: "ec2",
        operation: "DescribeRegions",
        code: "UnauthorizedOperation",
        message: "You are not authorized to perform this operation.",
      });
    }
  });

  it("with --regions and no region list, reads every region asked for", async () => {
    const run = await collectRegional(
      { describeRegionsError: "UnauthorizedOperation" },
      { regions: ["eu-west-1", "us-east-1"] },
    );
    expect(Object.keys(run.file(PROD).regions ?? {})).toEqual(["eu-west-1", "us-east-1"]);
  });
});
