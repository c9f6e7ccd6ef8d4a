import { DescribeRegionsCommand } from "@aws-sdk/client-ec2";
import { GetKeyPolicyCommand, ListGrantsCommand, ListKeysCommand } from "@aws-sdk/client-kms";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { AccountFile } from "../../src/collect/account.js";
import { collect, type CollectSettings } from "../../src/collect/collect.js";
import { createStats, type CollectStats } from "../../src/collect/stats.js";
import { DEV, MGMT, OUTSIDE, PROD } from "./support/mock-ids.js";
import type { RegionalScenario } from "./support/mock-regional.js";
import { mockScenario, TEST_RETRY, type MockedAws } from "./support/mock-scenario.js";

interface Run {
  files: Map<string, AccountFile>;
  stats: CollectStats;
  regions: string[];
}

type Json = Record<string, unknown>;

describe("collect in every region", () => {
  let aws: MockedAws;
  let scenario: RegionalScenario = {};

  beforeEach(() => {
    scenario = {};
  });
  afterEach(() => aws.restore());

  async function run(settings: Partial<CollectSettings> = {}): Promise<Run> {
    aws = mockScenario({ regional: scenario });
    const stats = createStats();
    const files = new Map<string, AccountFile>();
    const outcome = await collect(
      {
        organization: false,
        accounts: [MGMT, PROD, DEV],
        roleName: "OrganizationAccountAccessRole",
        concurrency: 3,
        callsPerAccount: 3,
        retry: TEST_RETRY,
        ...settings,
      },
      aws.clients,
      stats,
      async (file) => {
        files.set(file.accountId, file);
      },
    );
    return { files, stats, regions: [...outcome.regions].sort() };
  }

  const fileOf = (result: Run, account: string): AccountFile => {
    const file = result.files.get(account);
    if (!file) throw new Error(`no file for ${account}`);
    return file;
  };
  const keysOf = (result: Run, account: string, region: string) =>
    ((fileOf(result, account).regions?.[region] as Json)?.kms as { Keys: Json[] }).Keys;

  it("asks each account, with its own credentials, which regions it has enabled, and reads those", async () => {
    scenario = {
      enabledRegions: { [MGMT]: ["us-east-1"], [PROD]: ["us-east-1", "eu-west-1", "ap-southeast-5"] },
    };
    const result = await run();
    expect(Object.keys(fileOf(result, MGMT).regions ?? {})).toEqual(["us-east-1"]);
    // An opt-in region enabled by prod alone is read in prod: the caller's list would have missed it.
    expect(Object.keys(fileOf(result, PROD).regions ?? {})).toEqual([
      "ap-southeast-5",
      "eu-west-1",
      "us-east-1",
    ]);
    expect(Object.keys(fileOf(result, DEV).regions ?? {})).toEqual(["eu-west-1", "us-east-1"]);
    expect(result.regions).toEqual(["ap-southeast-5", "eu-west-1", "us-east-1"]);
    const asked = await Promise.all(
      aws.mocks.ec2.commandCalls(DescribeRegionsCommand).map(async (call) => {
        const client = call.thisValue as { config: { credentials(): Promise<{ accessKeyId: string }> } };
        return (await client.config.credentials()).accessKeyId;
      }),
    );
    expect(asked.sort()).toEqual(["AKIDCALLEREXAMPLE", `member-key-${PROD}`, `member-key-${DEV}`]);
    for (const account of [MGMT, PROD, DEV])
      expect(fileOf(result, account).errors).not.toContainEqual(
        expect.objectContaining({ operation: "DescribeRegions" }),
      );
  });

  it("with --regions reads only those, and records a region an account has not enabled without stopping", async () => {
    scenario = {
      enabledRegions: { [MGMT]: ["us-east-1", "eu-west-1"], [PROD]: ["us-east-1"], [DEV]: ["us-east-1"] },
    };
    const result = await run({ regions: ["eu-west-1", "us-east-1"] });
    expect(Object.keys(fileOf(result, MGMT).regions ?? {})).toEqual(["eu-west-1", "us-east-1"]);
    for (const account of [PROD, DEV]) {
      const file = fileOf(result, account);
      expect(Object.keys(file.regions ?? {})).toEqual(["us-east-1"]);
      expect(file.errors).toContainEqual({
        service: "trustscan",
        region: "eu-west-1",
        operation: "SelectRegions",
        code: "RegionNotEnabled",
        message: "not among the regions enabled for this account (EC2 DescribeRegions); not read",
      });
      expect(file.errors.filter((e) => e.region === "eu-west-1")).toHaveLength(1);
    }
    expect(keysOf(result, DEV, "us-east-1")).toHaveLength(1);
    // No call was made in a region the account has not enabled.
    expect(aws.mocks.kms.commandCalls(ListKeysCommand)).toHaveLength(2 + 2 + 1);
  });

  it("records every call of a region that refuses the account, with the region, and reads the others", async () => {
    scenario = {
      failingRegions: [
        { account: PROD, region: "eu-west-1", code: "UnrecognizedClientException" },
        { account: DEV, region: "us-east-1", code: "AccessDeniedException" },
      ],
    };
    const result = await run();
    const prod = fileOf(result, PROD);
    expect(prod.errors.filter((e) => e.region === "eu-west-1")).toEqual([
      {
        service: "kms",
        region: "eu-west-1",
        operation: "ListKeys",
        code: "UnrecognizedClientException",
        message: "UnrecognizedClientException in eu-west-1",
      },
    ]);
    expect(Object.keys(prod.regions ?? {})).toEqual(["us-east-1"]);
    expect(keysOf(result, PROD, "us-east-1").length).toBeGreaterThan(0);

    const dev = fileOf(result, DEV);
    expect(dev.errors).toContainEqual(
      expect.objectContaining({
        service: "kms",
        region: "us-east-1",
        operation: "ListKeys",
        code: "AccessDeniedException",
      }),
    );
    expect(Object.keys(dev.regions ?? {})).toEqual(["eu-west-1"]);
    // Never fatal: IAM and S3 were read as ever.
    expect(dev.iam).toBeDefined();
    expect(dev.s3).toBeDefined();
  });

  it("reads only the --region region when the account's regions cannot be listed, and records why", async () => {
    scenario = { describeRegionsError: "UnauthorizedOperation" };
    const result = await run();
    for (const account of [MGMT, PROD, DEV]) {
      const file = fileOf(result, account);
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
    scenario = { describeRegionsError: "UnauthorizedOperation" };
    const result = await run({ regions: ["eu-west-1", "us-east-1"] });
    expect(Object.keys(fileOf(result, PROD).regions ?? {})).toEqual(["eu-west-1", "us-east-1"]);
  });

  describe("KMS", () => {
    it("reads every page of keys, each key's policy and the grants of customer managed keys", async () => {
      const result = await run();
      const prodKeys = keysOf(result, PROD, "us-east-1");
      // Prod's us-east-1 lists its keys in two pages (the locked key is on the second): 3 + 2 + 2 calls in all.
      expect(aws.mocks.kms.commandCalls(ListKeysCommand)).toHaveLength(7);
      expect(prodKeys.map((key) => key.KeyId)).toEqual([
        "2222aaaa-0000-4000-8000-000000000001",
        "2222aaaa-0000-4000-8000-000000000002",
      ]);

      const [appKey, s3Key] = [
        "1234abcd-12ab-34cd-56ef-1234567890ab",
        "0987dcba-09fe-87dc-65ba-ab0987654321",
      ].map((id) => keysOf(result, MGMT, "us-east-1").find((key) => key.KeyId === id) as Json);
      expect(appKey).toMatchObject({
        Arn: "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab",
        KeyManager: "CUSTOMER",
        KeyState: "Enabled",
        Policy: {
          Statement: [{ Sid: "Enable IAM User Permissions" }, { Sid: "AllowVendorDecryptThroughS3" }],
        },
      });
      // Sorted by grant id; the grant to the outside role kept as the API returns it.
      expect((appKey?.Grants as Json[]).map((grant) => grant.GranteePrincipal)).toEqual([
        "dynamodb.us-east-1.amazonaws.com",
        `arn:aws:iam::${OUTSIDE}:role/vendor-batch`,
      ]);
      // An AWS managed key: its policy, no grants (ListGrants is not called for it).
      expect(s3Key).toMatchObject({ KeyManager: "AWS", Policy: { Id: "auto-s3-2" } });
      expect("Grants" in (s3Key as Json)).toBe(false);
      expect(
        aws.mocks.kms
          .commandCalls(ListGrantsCommand)
          .filter((call) =>
            String(call.args[0].input.KeyId).endsWith("0987dcba-09fe-87dc-65ba-ab0987654321"),
          ),
      ).toHaveLength(0);
    });

    it("retries a throttled key policy, counts it, and records a key policy it is denied", async () => {
      const result = await run();
      expect(result.stats.throttledRetries).toBeGreaterThanOrEqual(1);
      expect(
        aws.mocks.kms
          .commandCalls(GetKeyPolicyCommand)
          .filter((call) =>
            String(call.args[0].input.KeyId).endsWith("2222aaaa-0000-4000-8000-000000000001"),
          ),
      ).toHaveLength(2);
      const shared = keysOf(result, PROD, "us-east-1")[0] as Json;
      expect(shared.Policy).toMatchObject({ Statement: [{}, { Sid: "OrganizationUse" }] });

      const prod = fileOf(result, PROD);
      const locked = keysOf(result, PROD, "us-east-1")[1] as Json;
      // Denied: the policy is absent (not null, which would mean "no policy"), and the error says why.
      expect("Policy" in locked).toBe(false);
      expect(locked.Grants).toEqual([]);
      expect(prod.errors).toContainEqual(
        expect.objectContaining({
          service: "kms",
          region: "us-east-1",
          operation: "GetKeyPolicy",
          resource: "arn:aws:kms:us-east-1:444455556666:key/2222aaaa-0000-4000-8000-000000000002",
          code: "AccessDeniedException",
        }),
      );
    });

    it("leaves out a key deleted between ListKeys and DescribeKey, and counts it rather than recording an error", async () => {
      const result = await run();
      const deleted = "2222aaaa-0000-4000-8000-000000000003";
      expect(keysOf(result, PROD, "us-east-1").map((key) => key.KeyId)).not.toContain(deleted);
      expect(JSON.stringify(fileOf(result, PROD).errors)).not.toContain(deleted);
      expect(result.stats.resourcesGone).toBe(1);
    });
  });
});
