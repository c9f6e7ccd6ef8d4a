import { ListOrganizationalUnitsForParentCommand, ListRootsCommand } from "@aws-sdk/client-organizations";
import { GetBucketPolicyCommand, S3ServiceException } from "@aws-sdk/client-s3";
import { GetAccountAuthorizationDetailsCommand, ListSAMLProvidersCommand } from "@aws-sdk/client-iam";
import { AssumeRoleCommand, GetCallerIdentityCommand } from "@aws-sdk/client-sts";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { collect } from "../../src/collect/collect.js";
import { runCollect, type CollectOptions } from "../../src/collect/run.js";
import { createStats } from "../../src/collect/stats.js";
import { Capture, expectSameSnapshot, listFiles, tempParent } from "./support/files.js";
import {
  COLLECTED_AT,
  DEV,
  MGMT,
  mockScenario,
  PROD,
  SANDBOX,
  SECRETS,
  SUSPENDED,
  TEST_RETRY,
  type MockedAws,
} from "./support/mock-scenario.js";

const EXPECTED = join(dirname(fileURLToPath(import.meta.url)), "../expected/collect");

function options(out: string, extra: Partial<CollectOptions> = {}): CollectOptions {
  return {
    out,
    organization: true,
    roleName: "OrganizationAccountAccessRole",
    concurrency: 2,
    callsPerAccount: 3,
    force: false,
    quiet: false,
    ...extra,
  };
}

describe("collect from a mocked organization", () => {
  let aws: MockedAws;
  let stdout: Capture;
  let stderr: Capture;
  let parent: string;

  beforeEach(() => {
    aws = mockScenario();
    stdout = new Capture();
    stderr = new Capture();
    parent = tempParent();
  });
  afterEach(() => aws.restore());

  const run = (extra: Partial<CollectOptions> = {}, out = join(parent, "snapshot")) =>
    runCollect(options(out, extra), {
      clients: aws.clients,
      clock: () => COLLECTED_AT,
      stdout,
      stderr,
      retry: TEST_RETRY,
    });

  it("writes the expected snapshot, byte for byte, and exits 3 because some of it could not be read", async () => {
    const out = join(parent, "snapshot");
    expect(await run()).toBe(3);
    expectSameSnapshot(out, join(EXPECTED, "organization"));
  });

  it("walks nested OUs, skips the suspended account and records the role it could not assume", async () => {
    const out = join(parent, "snapshot");
    await run();
    const manifest = JSON.parse(readFileSync(join(out, "snapshot.json"), "utf8"));
    expect(manifest.accounts).toEqual([MGMT, PROD, SANDBOX, DEV]);
    expect(manifest.accounts).not.toContain(SUSPENDED);

    const org = JSON.parse(readFileSync(join(out, "organization.json"), "utf8"));
    const parents = Object.fromEntries(
      org.OrganizationalUnits.map((u: { Id: string; ParentId: string }) => [u.Id, u.ParentId]),
    );
    expect(parents["ou-ab12-22222222"]).toBe("ou-ab12-11111111");
    expect(parents["ou-ab12-11111111"]).toBe("r-ab12");
    expect(org.Accounts.find((a: { Id: string }) => a.Id === PROD).ParentId).toBe("ou-ab12-22222222");
    expect(org.Policies.map((p: { PolicySummary: { Type: string } }) => p.PolicySummary.Type).sort()).toEqual(
      [
        "RESOURCE_CONTROL_POLICY",
        "RESOURCE_CONTROL_POLICY",
        "SERVICE_CONTROL_POLICY",
        "SERVICE_CONTROL_POLICY",
      ],
    );
    // Targets read across two pages.
    const full = org.Policies.find(
      (p: { PolicySummary: { Name: string } }) => p.PolicySummary.Name === "FullAWSAccess",
    );
    expect(full.Targets.map((t: { TargetId: string }) => t.TargetId).sort()).toEqual([
      MGMT,
      "ou-ab12-11111111",
      "r-ab12",
    ]);
    expect(JSON.stringify(org)).not.toContain("@example.com");

    const sandbox = JSON.parse(readFileSync(join(out, "accounts", `${SANDBOX}.json`), "utf8"));
    expect(sandbox).toEqual({
      accountId: SANDBOX,
      errors: [
        expect.objectContaining({
          service: "sts",
          operation: "AssumeRole",
          code: "AccessDenied",
          resource: `arn:aws:iam::${SANDBOX}:role/OrganizationAccountAccessRole`,
        }),
      ],
    });
  });

  it("merges every IAM page, decodes URL-encoded documents and retries throttled calls until they succeed", async () => {
    const out = join(parent, "snapshot");
    await run();
    const mgmt = JSON.parse(readFileSync(join(out, "accounts", `${MGMT}.json`), "utf8"));
    const roleNames = mgmt.iam.RoleDetailList.map((r: { RoleName: string }) => r.RoleName);
    expect(roleNames).toHaveLength(5);
    const deploy = mgmt.iam.RoleDetailList.find((r: { RoleName: string }) => r.RoleName === "vendor-deploy");
    expect(deploy.AssumeRolePolicyDocument.Statement[0].Condition.StringLike["aws:UserAgent"]).toBe(
      "deploy tool+1 100%",
    );
    const ec2 = mgmt.iam.RoleDetailList.find((r: { RoleName: string }) => r.RoleName === "ec2-instance");
    expect(ec2.InstanceProfileList[0].Roles[0].AssumeRolePolicyDocument.Statement[0].Principal.Service).toBe(
      "ec2.amazonaws.com",
    );
    expect(ec2.RolePolicyList[0].PolicyDocument.Statement[0].Action).toBe("s3:GetObject");
    const collectPolicy = mgmt.iam.Policies.find(
      (p: { PolicyName: string }) => p.PolicyName === "trustscan-collect",
    );
    expect(collectPolicy.PolicyVersionList.map((v: { VersionId: string }) => v.VersionId)).toEqual([
      "v1",
      "v2",
    ]);
    expect(collectPolicy.PolicyVersionList[1].Document.Statement[0].Sid).toBe("Read");
    expect(mgmt.errors).toEqual([]);

    // Throttled once, then answered: nothing lost, nothing recorded.
    expect(aws.mocks.organizations.commandCalls(ListRootsCommand)).toHaveLength(2);
    expect(
      aws.mocks.iam.commandCalls(GetAccountAuthorizationDetailsCommand, { Marker: "mgmt-page-2" }),
    ).toHaveLength(2);
    const prod = JSON.parse(readFileSync(join(out, "accounts", `${PROD}.json`), "utf8"));
    const eu = prod.s3.Buckets.find((b: { Name: string }) => b.Name === "prod-data-eu");
    expect(eu.Policy.Statement[0].Sid).toBe("VendorRead");
    expect(aws.mocks.s3.commandCalls(GetBucketPolicyCommand, { Bucket: "prod-data-eu" })).toHaveLength(2);
  });

  it("records a throttling that outlasts every retry instead of dropping it", async () => {
    const out = join(parent, "snapshot");
    await run();
    const dev = JSON.parse(readFileSync(join(out, "accounts", `${DEV}.json`), "utf8"));
    expect(dev.iam.SAMLProviders).toBeUndefined();
    expect(dev.iam.RoleDetailList).toHaveLength(2);
    expect(dev.errors).toEqual([
      expect.objectContaining({ service: "iam", operation: "ListSAMLProviders", code: "Throttling" }),
    ]);
    // The first try and TEST_RETRY.rounds more.
    const devSamlCalls = aws.mocks.iam.commandCalls(ListSAMLProvidersCommand).length;
    expect(devSamlCalls).toBe(1 + 1 + 1 + TEST_RETRY.rounds);
  });

  it("reads each bucket with a client in the bucket's region and records AccessDenied on one bucket", async () => {
    const out = join(parent, "snapshot");
    await run();
    const prod = JSON.parse(readFileSync(join(out, "accounts", `${PROD}.json`), "utf8"));
    expect(prod.s3.Buckets.map((b: { Name: string; Region: string }) => `${b.Name}@${b.Region}`)).toEqual([
      "prod-data-eu@eu-west-1",
      "prod-private@us-east-1",
      "prod-restricted@us-east-1",
    ]);
    const restricted = prod.s3.Buckets.find((b: { Name: string }) => b.Name === "prod-restricted");
    expect("Policy" in restricted).toBe(false);
    expect(restricted.PublicAccessBlock).toEqual({
      BlockPublicAcls: true,
      IgnorePublicAcls: true,
      BlockPublicPolicy: true,
      RestrictPublicBuckets: true,
    });
    expect(prod.errors.filter((e: { service: string }) => e.service === "s3")).toEqual([
      {
        service: "s3",
        operation: "GetBucketPolicy",
        resource: "arn:aws:s3:::prod-restricted",
        code: "AccessDenied",
        message: "Access Denied",
      },
    ]);
    expect(prod.s3.AccountPublicAccessBlock).toBeNull();
    const dev = JSON.parse(readFileSync(join(out, "accounts", `${DEV}.json`), "utf8"));
    expect(dev.s3.Buckets[0]).toMatchObject({
      Name: "dev-public-assets",
      Region: "eu-west-1",
      PublicAccessBlock: null,
    });
    expect(JSON.parse(readFileSync(join(out, "snapshot.json"), "utf8")).collector.regions).toEqual([
      "eu-west-1",
      "us-east-1",
    ]);
  });

  it("never writes or prints a credential", async () => {
    const out = join(parent, "snapshot");
    await run();
    const everything =
      listFiles(out)
        .map((f) => readFileSync(join(out, f), "utf8"))
        .join("\n") +
      stdout.text +
      stderr.text;
    for (const secret of SECRETS) expect(everything).not.toContain(secret);
  });

  it("removes the assumed role's credential values from recorded errors and the summary, whatever their shape", async () => {
    // A message that echoes the member role's session token and secret key, neither shaped like a credential.
    aws.mocks.s3.on(GetBucketPolicyCommand, { Bucket: "prod-private" }).rejects(
      new S3ServiceException({
        name: "InvalidToken",
        $fault: "client",
        $metadata: { httpStatusCode: 400 },
        message: `The provided token member-token-${PROD} is malformed\nor expired (secret member-secret-${PROD})`,
      }),
    );
    const out = join(parent, "snapshot");
    expect(await run({ organization: false, accounts: [PROD] })).toBe(3);
    const prod = JSON.parse(readFileSync(join(out, "accounts", `${PROD}.json`), "utf8"));
    expect(prod.errors).toContainEqual({
      service: "s3",
      operation: "GetBucketPolicy",
      resource: "arn:aws:s3:::prod-private",
      code: "InvalidToken",
      message: "The provided token [redacted] is malformed or expired (secret [redacted])",
    });
    expect(stdout.text).toContain("InvalidToken (The provided token [redacted] is malformed or expired");
    expect(readFileSync(join(out, "accounts", `${PROD}.json`), "utf8") + stdout.text).not.toMatch(
      /member-(token|secret)-/,
    );
  });

  it("ends with a summary that says how much is missing", async () => {
    await run();
    expect(stdout.text).toContain("4 accounts (1 complete, 3 incomplete)");
    // Prod has one resource of each regional service deleted between its listing and its reading.
    expect(stdout.text).toContain(
      "14 resources deleted between being listed and being read: left out, not errors.",
    );
    expect(stdout.text).toContain("4 errors recorded; the snapshot is incomplete:");
    expect(stdout.text).toContain(
      `${SANDBOX} sts AssumeRole arn:aws:iam::${SANDBOX}:role/OrganizationAccountAccessRole: AccessDenied`,
    );
    // Not a terminal: periodic lines only, and none in so short a run.
    expect(stderr.text).toBe("");
  });

  it("narrows the organization with --accounts and --exclude-accounts and records a named account it cannot collect", async () => {
    const out = join(parent, "snapshot");
    expect(await run({ accounts: [PROD, DEV, SUSPENDED, "123456789012"], excludeAccounts: [DEV] })).toBe(3);
    const manifest = JSON.parse(readFileSync(join(out, "snapshot.json"), "utf8"));
    expect(manifest.accounts).toEqual([PROD]);
    expect(manifest.errors).toEqual([
      {
        service: "trustscan",
        operation: "SelectAccounts",
        resource: "123456789012",
        code: "AccountNotInOrganization",
        message: "not found in the organization",
      },
      {
        service: "trustscan",
        operation: "SelectAccounts",
        resource: SUSPENDED,
        code: "AccountNotActive",
        message: "account state is SUSPENDED",
      },
    ]);
  });

  it("without --organization reads only the caller's account, with its own credentials, and writes no organization.json", async () => {
    const out = join(parent, "snapshot");
    expect(await run({ organization: false })).toBe(0);
    expect(listFiles(out)).toEqual([`accounts/${MGMT}.json`, "snapshot.json"]);
    expect(aws.mocks.sts.commandCalls(AssumeRoleCommand)).toHaveLength(0);
    // The same account data as in the organization run.
    expect(readFileSync(join(out, "accounts", `${MGMT}.json`), "utf8")).toBe(
      readFileSync(join(EXPECTED, "organization", "accounts", `${MGMT}.json`), "utf8"),
    );
    expect(stdout.text).toContain("1 account (1 complete, 0 incomplete)");
  });

  it("refuses an existing --out without --force, and with --force replaces it only with a complete snapshot", async () => {
    const out = join(parent, "snapshot");
    expect(await run({ organization: false })).toBe(0);
    stderr.text = "";
    expect(await run({ organization: false })).toBe(2);
    expect(stderr.text).toContain("already exists; pass --force");

    expect(await run({ organization: true, force: true })).toBe(3);
    expect(existsSync(join(out, "organization.json"))).toBe(true);
    expect(readdirSync(parent)).toEqual(["snapshot"]);
  });

  it("exits 2 and writes nothing when the caller's identity cannot be established", async () => {
    aws.mocks.sts.on(GetCallerIdentityCommand).rejects(
      Object.assign(new Error("Could not load credentials from any providers"), {
        name: "CredentialsProviderError",
      }),
    );
    expect(await run()).toBe(2);
    expect(stderr.text).toContain("CredentialsProviderError: Could not load credentials from any providers");
    expect(readdirSync(parent)).toEqual([]);
  });

  it("exits 2 and writes nothing when no account could be read at all", async () => {
    expect(await run({ organization: false, accounts: [SANDBOX] })).toBe(2);
    expect(stderr.text).toContain("Nothing could be collected");
    expect(stderr.text).toContain("AccessDenied");
    expect(readdirSync(parent)).toEqual([]);
  });

  it("exits 2 and says so when the filters leave no account", async () => {
    expect(await run({ organization: false, excludeAccounts: [MGMT] })).toBe(2);
    expect(stderr.text).toContain("no account was selected");
    expect(readdirSync(parent)).toEqual([]);
  });

  it("fails cleanly, with nothing left behind, when an account file cannot be written", async () => {
    const settings = {
      organization: true,
      roleName: "OrganizationAccountAccessRole",
      concurrency: 2,
      callsPerAccount: 2,
      retry: TEST_RETRY,
    };
    // The walk is slowed down under one OU, so that the first account fails while the walk is still going:
    // that rejection must surface here, not as an unhandled rejection.
    let walkDone = false;
    aws.mocks.organizations
      .on(ListOrganizationalUnitsForParentCommand, { ParentId: "ou-ab12-33333333" })
      .callsFake(async () => {
        await new Promise((resolve) => setTimeout(resolve, 100));
        walkDone = true;
        return { OrganizationalUnits: [] };
      });
    let failedDuringWalk = false;
    await expect(
      collect(settings, aws.clients, createStats(), async () => {
        failedDuringWalk ||= !walkDone;
        throw Object.assign(new Error("no space left on device"), { code: "ENOSPC" });
      }),
    ).rejects.toThrow("no space left on device");
    expect(failedDuringWalk).toBe(true);
  });

  it("passes --external-id and a custom --role-name to AssumeRole", async () => {
    aws.restore();
    aws = mockScenario({ externalId: "org-collector-7" });
    // 3: prod's restricted bucket policy stays unreadable.
    expect(await run({ organization: false, accounts: [PROD], externalId: "org-collector-7" })).toBe(3);
    const [call] = aws.mocks.sts.commandCalls(AssumeRoleCommand);
    expect(call?.args[0].input).toMatchObject({
      RoleArn: `arn:aws:iam::${PROD}:role/OrganizationAccountAccessRole`,
      RoleSessionName: "trustscan-collect",
      ExternalId: "org-collector-7",
    });

    expect(
      await run({
        organization: false,
        accounts: [PROD],
        externalId: "org-collector-7",
        roleName: "Auditor",
        force: true,
      }),
    ).toBe(2);
    expect(stderr.text).toContain(`arn:aws:iam::${PROD}:role/Auditor: AccessDenied`);
  });
});
