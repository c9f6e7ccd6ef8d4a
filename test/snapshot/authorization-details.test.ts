import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { rm } from "node:fs/promises";
import { InputError, readSnapshot } from "../../src/snapshot/index.js";
import { fixture } from "./fixture-paths.js";

describe("AWS CLI sample output of get-account-authorization-details", () => {
  const file = fixture("aws-cli-get-account-authorization-details.json");

  it("reads its one role, with the account from the role ARN and nothing about S3", async () => {
    const snapshot = await readSnapshot(file);
    expect(snapshot.source).toBe(file);
    expect(snapshot.organization).toBeUndefined();
    expect(snapshot.accounts).toHaveLength(1);
    const account = snapshot.accounts[0];
    expect(account?.accountId).toBe("123456789012");
    expect(account?.file).toBe(file);
    expect(account?.buckets).toEqual([]);
    expect(account?.accountPublicAccessBlock).toBeUndefined();
    expect(account?.roles.map((role) => [role.arn, role.name, role.path])).toEqual([
      ["arn:aws:iam::123456789012:role/EC2role", "EC2role", "/"],
    ]);
    const statement = account?.roles[0]?.trustPolicy.statements[0];
    expect(statement?.sid).toBeUndefined();
    expect(statement?.principals).toEqual([{ type: "Service", value: "ec2.amazonaws.com" }]);
    expect(statement?.location).toEqual({ file, startLine: 7, startColumn: 11, endLine: 14, endColumn: 12 });
    expect(account?.roles[0]?.location).toMatchObject({ file, startLine: 3, startColumn: 5 });
  });

  it("reports that the sample is one page of a paginated answer", async () => {
    const snapshot = await readSnapshot(file);
    expect(snapshot.readProblems).toHaveLength(1);
    expect(snapshot.readProblems[0]).toMatchObject({ file, jsonPath: "$.IsTruncated" });
    expect(snapshot.readProblems[0]?.message).toMatch(/IsTruncated is true/);
  });
});

describe("cloudsplaining's real dump", () => {
  const file = fixture("cloudsplaining-example.json");

  it("reads 78 roles of account 200611803367; the hand-added roles keep their own account", async () => {
    const snapshot = await readSnapshot(file);
    expect(snapshot.readProblems).toEqual([]);
    expect(snapshot.accounts).toHaveLength(1);
    const account = snapshot.accounts[0];
    expect(account?.accountId).toBe("200611803367");
    expect(account?.roles).toHaveLength(78);
    const byAccount = new Map<string, number>();
    for (const role of account?.roles ?? [])
      byAccount.set(role.accountId, (byAccount.get(role.accountId) ?? 0) + 1);
    expect(Object.fromEntries(byAccount)).toEqual({ "200611803367": 75, "012345678901": 3 });
    const myRole = account?.roles.find((role) => role.name === "MyRole");
    expect(myRole?.arn).toBe("arn:aws:iam::012345678901:role/MyRole");
    expect(myRole?.location.startLine).toBeLessThan(5175);
    expect(myRole?.location.endLine).toBeGreaterThan(5175);
  });

  it("reads every trust statement shape in it: cross-account root, SAML, services as string and array", async () => {
    const roles = (await readSnapshot(file)).accounts[0]?.roles ?? [];
    const statements = roles.flatMap((role) => role.trustPolicy.statements);
    const principalTypes = new Set(
      statements.flatMap((statement) => statement.principals ?? []).map((entry) => entry.type),
    );
    expect([...principalTypes].sort()).toEqual(["AWS", "Federated", "Service"]);
    expect(
      statements.some((s) => s.principals?.some((p) => p.value === "arn:aws:iam::072528804237:root")),
    ).toBe(true);
    expect(statements.every((s) => s.location.file === file && s.location.startLine > 0)).toBe(true);
    expect(statements.every((s) => s.canonical.startsWith("{"))).toBe(true);
  });
});

describe("documents as URL-encoded and JSON strings", () => {
  const file = fixture("authorization-details-encoded.json");

  it("decodes both forms; statements point at the string; the account ignores AWS-managed policies", async () => {
    const snapshot = await readSnapshot(file);
    const [encoded, jsonString] = snapshot.accounts[0]?.roles ?? [];
    expect(snapshot.accounts[0]?.accountId).toBe("123456789012");
    expect(encoded?.trustPolicy.statements[0]).toMatchObject({
      effect: "Allow",
      principals: [{ type: "AWS", value: "arn:aws:iam::999999999999:role/deploy+ci" }],
      actions: ["sts:AssumeRole"],
      conditions: [{ operator: "StringEquals", key: "sts:ExternalId", values: ["a+b c"] }],
    });
    expect(encoded?.trustPolicy.statements[0]?.location).toMatchObject({
      file,
      startLine: 9,
      startColumn: 35,
      endLine: 9,
    });
    expect(jsonString?.path).toBe("/service/");
    expect(jsonString?.trustPolicy.statements[0]).toMatchObject({
      index: 0,
      sid: "Lambda",
      principals: [
        { type: "Service", value: "lambda.amazonaws.com" },
        { type: "Service", value: "edgelambda.amazonaws.com" },
      ],
    });
    expect(jsonString?.trustPolicy.statements[0]?.location).toMatchObject({
      file,
      startLine: 20,
      startColumn: 35,
    });
  });
});

describe("strictness of a single dump", () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "trustscan-authz-"));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  async function readDump(name: string, content: unknown): Promise<ReturnType<typeof readSnapshot>> {
    const file = join(dir, name);
    await writeFile(file, JSON.stringify(content, null, 2));
    return readSnapshot(file);
  }

  const goodRole = {
    RoleName: "r",
    Arn: "arn:aws:iam::123456789012:role/r",
    AssumeRolePolicyDocument: {
      Statement: { Effect: "Allow", Principal: { Service: "ec2.amazonaws.com" }, Action: "sts:AssumeRole" },
    },
  };

  it("takes the account from user and group ARNs when there is no role, never from AWS-managed policies", async () => {
    const snapshot = await readDump("users.json", {
      Policies: [{ Arn: "arn:aws:iam::aws:policy/ReadOnlyAccess" }],
      UserDetailList: [{ Arn: "arn:aws:iam::210987654321:user/alice" }],
      GroupDetailList: [],
      RoleDetailList: [],
    });
    expect(snapshot.accounts[0]?.accountId).toBe("210987654321");
    expect(snapshot.accounts[0]?.roles).toEqual([]);
  });

  it("fails when no ARN names an account", async () => {
    const error = await readDump("no-account.json", {
      Policies: [{ Arn: "arn:aws:iam::aws:policy/ReadOnlyAccess" }],
    }).catch((thrown: unknown) => thrown);
    expect(error).toBeInstanceOf(InputError);
    expect((error as InputError).expected).toMatch(
      /^at least one role, user, group or customer managed policy ARN/,
    );
  });

  it("fails on one role whose trust policy is no policy, naming the file and JSON path", async () => {
    const bad = {
      ...goodRole,
      RoleName: "bad",
      AssumeRolePolicyDocument: { Statement: 42 },
    };
    const error = await readDump("bad-role.json", { RoleDetailList: [goodRole, bad] }).catch(
      (thrown: unknown) => thrown,
    );
    expect(error).toBeInstanceOf(InputError);
    expect(error).toMatchObject({
      file: join(dir, "bad-role.json"),
      jsonPath: "$.RoleDetailList[1].AssumeRolePolicyDocument.Statement",
      expected: "a statement object or an array of statement objects",
      found: "the number 42",
    });
  });

  it("reads a role whose trust policy is outside IAM's grammar, and records how it was judged", async () => {
    const odd = {
      ...goodRole,
      RoleName: "odd",
      Arn: "arn:aws:iam::123456789012:role/odd",
      AssumeRolePolicyDocument: {
        Statement: { Effect: "Permit", Principal: { AWS: "999988887777" }, Action: "sts:AssumeRole" },
      },
    };
    const snapshot = await readDump("odd-role.json", { RoleDetailList: [goodRole, odd] });
    expect(snapshot.accounts[0]?.roles.map((role) => role.name)).toEqual([goodRole.RoleName, "odd"]);
    expect(snapshot.accounts[0]?.roles[1]?.trustPolicy.statements[0]?.effect).toBe("Allow");
    expect(snapshot.readProblems).toEqual([
      {
        kind: "policy-grammar",
        file: join(dir, "odd-role.json"),
        jsonPath: "$.RoleDetailList[1].AssumeRolePolicyDocument.Statement.Effect",
        message: expect.stringMatching(
          /^judged as an Allow, the reading that reports access: line \d+, column \d+: expected "Allow" or "Deny", which are case-sensitive \(IAM JSON policy elements: Effect\), found the string "Permit"$/,
        ),
      },
    ]);
  });

  it("fails on a role ARN that is not a role ARN, and on a list that is not an array", async () => {
    const arnError = await readDump("bad-arn.json", { RoleDetailList: [{ ...goodRole, Arn: "r" }] }).catch(
      (e: unknown) => e,
    );
    expect(arnError).toMatchObject({ jsonPath: "$.RoleDetailList[0].Arn", found: 'the string "r"' });
    const listError = await readDump("bad-list.json", { RoleDetailList: [], Policies: {} }).catch(
      (e: unknown) => e,
    );
    expect(listError).toMatchObject({
      jsonPath: "$.Policies",
      expected: "an array (Policies)",
      found: "an object",
    });
  });
});
