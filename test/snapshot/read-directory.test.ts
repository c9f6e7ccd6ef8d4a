import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { readSnapshot } from "../../src/snapshot/index.js";
import type { Snapshot } from "../../src/model/index.js";
import { fixture } from "./fixture-paths.js";

const dir = fixture("valid");
const managementFile = join(dir, "accounts", "111122223333.json");
const memberFile = join(dir, "accounts", "444455556666.json");

function at(file: string, startLine: number, startColumn: number, endLine: number, endColumn: number) {
  return { file, startLine, startColumn, endLine, endColumn };
}

describe("snapshot directory", () => {
  let snapshot: Snapshot;

  beforeAll(async () => {
    snapshot = await readSnapshot(dir);
  });

  it("reads both accounts in manifest order, with no problems", () => {
    expect(snapshot.source).toBe(dir);
    expect(snapshot.accounts.map((account) => account.accountId)).toEqual(["111122223333", "444455556666"]);
    expect(snapshot.accounts.map((account) => account.file)).toEqual([managementFile, memberFile]);
    expect(snapshot.readProblems).toEqual([]);
  });

  it("keeps relative paths relative", () => {
    expect(dir.startsWith("/")).toBe(false);
    expect(snapshot.accounts[0]?.roles[0]?.location.file).toBe(managementFile);
  });

  it("reads the organization: OU tree, accounts, SCP and RCP (other policy types skipped)", () => {
    const org = snapshot.organization;
    expect(org?.id).toBe("o-exampleorg1");
    expect(org?.masterAccountId).toBe("111122223333");
    expect(org?.rootIds).toEqual(["r-ab12"]);
    expect([...(org?.ouParents ?? [])]).toEqual([
      ["ou-ab12-prod1111", "r-ab12"],
      ["ou-ab12-web22222", "ou-ab12-prod1111"],
    ]);
    expect(org?.accounts.get("444455556666")).toEqual({
      id: "444455556666",
      name: "web-prod",
      status: "ACTIVE",
      parentId: "ou-ab12-web22222",
    });
    expect(org?.file).toBe(join(dir, "organization.json"));
    expect(org?.location).toEqual(at(join(dir, "organization.json"), 2, 19, 7, 4));
    expect(
      org?.policies.map((policy) => [policy.id, policy.type, policy.awsManaged, policy.targetIds]),
    ).toEqual([
      ["p-FullAWSAccess", "SERVICE_CONTROL_POLICY", true, ["r-ab12"]],
      ["p-rcp00001", "RESOURCE_CONTROL_POLICY", false, ["ou-ab12-prod1111", "444455556666"]],
    ]);
  });

  it("parses RCP content and locates its statement", () => {
    const rcp = snapshot.organization?.policies[1];
    const statement = rcp?.content.statements[0];
    expect(statement?.sid).toBe("EnforceOrgIdentities");
    expect(statement?.effect).toBe("Deny");
    expect(statement?.principals).toEqual([{ type: "AWS", value: "*" }]);
    expect(statement?.actions).toEqual(["s3:*", "sts:AssumeRole"]);
    expect(
      statement?.conditions.map((clause) => [clause.operatorLower, clause.keyLower, clause.values]),
    ).toEqual([
      ["stringnotequalsifexists", "aws:principalorgid", ["o-exampleorg1"]],
      ["boolifexists", "aws:principalisawsservice", ["false"]],
    ]);
    expect(statement?.location).toEqual(at(join(dir, "organization.json"), 28, 11, 38, 12));
  });

  it("parses an SCP whose content is a JSON string, located at the string", () => {
    const scp = snapshot.organization?.policies[0];
    expect(scp?.content.statements[0]?.actions).toEqual(["*"]);
    expect(scp?.content.statements[0]?.location).toEqual(at(join(dir, "organization.json"), 20, 18, 20, 123));
  });

  it("reads a role with its trust policy and statement locations", () => {
    const role = snapshot.accounts[0]?.roles[0];
    expect(role).toMatchObject({
      type: "AWS::IAM::Role",
      arn: "arn:aws:iam::111122223333:role/ci/deployer",
      name: "deployer",
      path: "/ci/",
      accountId: "111122223333",
    });
    expect(role?.location).toEqual(at(managementFile, 7, 7, 33, 8));
    expect(role?.trustPolicy.location).toEqual(at(managementFile, 12, 37, 32, 10));
    const [partner, github] = role?.trustPolicy.statements ?? [];
    expect(partner).toMatchObject({
      index: 0,
      sid: "PartnerDeploys",
      effect: "Allow",
      principals: [
        { type: "AWS", value: "arn:aws:iam::999999999999:root" },
        { type: "AWS", value: "444455556666" },
      ],
      actions: ["sts:AssumeRole"],
      conditions: [
        {
          operator: "StringEquals",
          operatorLower: "stringequals",
          key: "sts:ExternalId",
          keyLower: "sts:externalid",
          values: ["partner-7f3a"],
        },
      ],
    });
    expect(partner?.location).toEqual(at(managementFile, 15, 13, 21, 14));
    expect(github?.index).toBe(1);
    expect(github?.sid).toBeUndefined();
    expect(github?.principals).toEqual([
      {
        type: "Federated",
        value: "arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com",
      },
    ]);
    expect(github?.location).toEqual(at(managementFile, 22, 13, 30, 14));
  });

  it("reads identity providers and a partial account Block Public Access (missing settings are false)", () => {
    const account = snapshot.accounts[0];
    expect(account?.oidcProviders).toEqual([
      {
        arn: "arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com",
        url: "token.actions.githubusercontent.com",
        clientIds: ["sts.amazonaws.com"],
      },
    ]);
    expect(account?.samlProviders).toEqual([{ arn: "arn:aws:iam::111122223333:saml-provider/Okta" }]);
    expect(account?.accountPublicAccessBlock).toEqual({
      BlockPublicAcls: true,
      IgnorePublicAcls: true,
      BlockPublicPolicy: false,
      RestrictPublicBuckets: false,
    });
    expect(account?.buckets).toEqual([]);
  });

  it('reads a single-object Statement with a "*" principal and typed condition values', () => {
    const account = snapshot.accounts[1];
    expect(account?.accountPublicAccessBlock).toBeNull();
    const statement = account?.roles[0]?.trustPolicy.statements[0];
    expect(account?.roles[0]?.trustPolicy.statements).toHaveLength(1);
    expect(statement?.index).toBe(0);
    expect(statement?.principals).toEqual([{ type: "AWS", value: "*" }]);
    expect(statement?.conditions.map((clause) => [clause.operator, clause.key, clause.values])).toEqual([
      ["Bool", "aws:SecureTransport", ["true"]],
      ["NumericLessThan", "aws:MultiFactorAuthAge", ["3600"]],
      ["StringEquals", "aws:PrincipalOrgID", ["o-exampleorg1", "o-otherorg22"]],
    ]);
    expect(statement?.location).toEqual(at(memberFile, 11, 24, 20, 12));
  });

  it("reads a bucket whose policy is a JSON string: statements located at the string", () => {
    const bucket = snapshot.accounts[1]?.buckets[0];
    expect(bucket).toMatchObject({
      type: "AWS::S3::Bucket",
      arn: "arn:aws:s3:::web-assets-444455556666",
      name: "web-assets-444455556666",
      accountId: "444455556666",
      region: "eu-west-1",
      publicAccessBlock: null,
    });
    expect(bucket?.location).toEqual(at(memberFile, 30, 7, 52, 8));
    const statement = bucket?.policy?.statements[0];
    expect(statement).toMatchObject({
      sid: "PublicRead",
      principals: [{ type: "AWS", value: "*" }],
      actions: ["s3:GetObject"],
      resources: ["arn:aws:s3:::web-assets-444455556666/*"],
    });
    expect(statement?.location).toEqual(at(memberFile, 33, 19, 33, 215));
    expect(bucket?.policy?.location).toEqual(at(memberFile, 33, 19, 33, 215));
  });

  it("reads ACL grants of every grantee type, each with its location", () => {
    const acl = snapshot.accounts[1]?.buckets[0]?.acl;
    expect(acl?.ownerId).toBe("79a59df900b949e55d96a1e698fbacedfd6e09d98eacf8f8d5218e7cd47ef2be");
    expect(acl?.location).toEqual(at(memberFile, 35, 16, 51, 10));
    expect(acl?.grants.map((grant) => [grant.index, grant.grantee, grant.permission])).toEqual([
      [
        0,
        { type: "CanonicalUser", id: "79a59df900b949e55d96a1e698fbacedfd6e09d98eacf8f8d5218e7cd47ef2be" },
        "FULL_CONTROL",
      ],
      [1, { type: "Group", uri: "http://acs.amazonaws.com/groups/global/AllUsers" }, "READ"],
      [2, { type: "AmazonCustomerByEmail", email: "partner@example.com" }, "READ_ACP"],
    ]);
    expect(acl?.grants.map((grant) => grant.location)).toEqual([
      at(memberFile, 38, 13, 41, 14),
      at(memberFile, 42, 13, 45, 14),
      at(memberFile, 46, 13, 49, 14),
    ]);
  });

  it("keeps null (not set) apart from absent (not read)", () => {
    const logs = snapshot.accounts[1]?.buckets[1];
    expect(logs?.name).toBe("logs-archive-444455556666");
    expect(logs?.policy).toBeNull();
    expect(logs?.publicAccessBlock).toEqual({
      BlockPublicAcls: true,
      IgnorePublicAcls: true,
      BlockPublicPolicy: true,
      RestrictPublicBuckets: true,
    });
    expect(logs?.acl).toBeUndefined();
    expect(logs !== undefined && "acl" in logs).toBe(true);
    expect(snapshot.accounts[1]?.buckets[0]?.acl).not.toBeNull();
  });

  it("collects errors from the manifest and the account files, with the account id", () => {
    expect(snapshot.collectionErrors).toEqual([
      {
        service: "organizations",
        operation: "ListTagsForResource",
        code: "AccessDenied",
        message: "not authorized to list tags",
      },
      {
        accountId: "444455556666",
        service: "s3",
        operation: "GetBucketAcl",
        resource: "arn:aws:s3:::logs-archive-444455556666",
        code: "AccessDenied",
        message: "Access Denied",
      },
    ]);
  });

  it("reads the same snapshot when given the path of its snapshot.json", async () => {
    const manifest = join(dir, "snapshot.json");
    const viaManifest = await readSnapshot(manifest);
    expect(viaManifest.source).toBe(manifest);
    expect(viaManifest.accounts).toEqual(snapshot.accounts);
    expect(viaManifest.organization).toEqual(snapshot.organization);
  });
});

describe("snapshot directory with one truncated account file", () => {
  it("reads the other accounts and records one ReadProblem naming the file, path and position", async () => {
    const truncatedDir = fixture("one-truncated");
    const snapshot = await readSnapshot(truncatedDir);
    expect(snapshot.accounts.map((account) => account.accountId)).toEqual(["111122223333", "444455556666"]);
    expect(snapshot.accounts[1]?.buckets).toHaveLength(2);
    expect(snapshot.readProblems).toEqual([
      {
        file: join(truncatedDir, "accounts", "222233334444.json"),
        jsonPath: "$.iam.RoleDetailList[0].AssumeRolePolicyDocument.Statement[0]",
        message:
          "account 222233334444 skipped: line 13, column 33: expected valid JSON, found the end of the file (is it truncated?)",
      },
    ]);
  });
});
