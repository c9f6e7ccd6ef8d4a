import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { InputError, readSnapshot } from "../../src/snapshot/index.js";
import { fixture } from "./fixture-paths.js";
import { TempSnapshots } from "./temp-snapshot.js";

const temp = new TempSnapshots();
afterAll(() => temp.cleanup());

type Json = Record<string, unknown>;
const MANAGEMENT = "accounts/111122223333.json";
const MEMBER = "accounts/444455556666.json";
let originals: Record<string, Json>;

beforeAll(async () => {
  originals = {};
  for (const name of ["snapshot.json", "organization.json", MANAGEMENT, MEMBER]) {
    originals[name] = JSON.parse(await readFile(join(fixture("valid"), name), "utf8")) as Json;
  }
});

/** A copy of the valid fixture where `name` is the original JSON changed by `edit`. */
async function edited(name: string, edit: (json: Json) => void): Promise<string> {
  const json = structuredClone(originals[name]) as Json;
  edit(json);
  return temp.variant({ [name]: JSON.stringify(json, null, 2) });
}

async function inputErrorOf(path: string): Promise<InputError> {
  const outcome = await readSnapshot(path).then(
    () => undefined,
    (error: unknown) => error,
  );
  if (outcome instanceof InputError) return outcome;
  throw new Error(`expected an InputError, got ${String(outcome)}`);
}

/** Free-form access for editing fixture JSON in place (typing every fixture shape would add nothing here). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
const at = (json: Json) => json as any;

describe("a bad snapshot.json or organization.json stops the scan", () => {
  it("rejects another format", async () => {
    const dir = await edited("snapshot.json", (json) => (json.format = "prowler-output"));
    expect(await inputErrorOf(dir)).toMatchObject({
      file: join(dir, "snapshot.json"),
      jsonPath: "$.format",
      expected: '"trustscan-snapshot"',
      found: 'the string "prowler-output"',
      line: 2,
      column: 13,
    });
  });

  it("rejects a missing format and a version other than 1 or 2", async () => {
    const noFormat = await edited("snapshot.json", (json) => delete json.format);
    expect(await inputErrorOf(noFormat)).toMatchObject({ jsonPath: "$.format", found: 'no "format" key' });
    const v3 = await edited("snapshot.json", (json) => (json.version = 3));
    expect(await inputErrorOf(v3)).toMatchObject({
      jsonPath: "$.version",
      expected: "1 or 2 (the snapshot versions this trustscan reads)",
      found: "the number 3",
    });
    const text = await edited("snapshot.json", (json) => (json.version = "2"));
    expect(await inputErrorOf(text)).toMatchObject({ jsonPath: "$.version", found: 'the string "2"' });
  });

  it("reads version 1 and version 2 manifests alike", async () => {
    for (const version of [1, 2]) {
      const dir = await edited("snapshot.json", (json) => (json.version = version));
      const snapshot = await readSnapshot(dir);
      expect(snapshot.accounts.length).toBeGreaterThan(0);
    }
  });

  it("rejects an account id that is not 12 digits, and one listed twice", async () => {
    const short = await edited("snapshot.json", (json) => (json.accounts = ["111122223333", "4444"]));
    expect(await inputErrorOf(short)).toMatchObject({
      jsonPath: "$.accounts[1]",
      expected: "a 12-digit account id",
      found: 'the string "4444"',
    });
    const twice = await edited("snapshot.json", (json) => (json.accounts = ["111122223333", "111122223333"]));
    expect(await inputErrorOf(twice)).toMatchObject({
      jsonPath: "$.accounts[1]",
      found: "account 111122223333 listed again",
    });
  });

  it("rejects an unparsable snapshot.json with its position", async () => {
    const dir = await temp.variant({
      "snapshot.json": '{\n  "format": "trustscan-snapshot",\n  "version": 1,\n',
    });
    const error = await inputErrorOf(dir);
    expect(error.message).toBe(
      `${join(dir, "snapshot.json")}:3:16: $: expected valid JSON, found the end of the file (is it truncated?)`,
    );
  });

  it("rejects an unparsable organization.json", async () => {
    const dir = await temp.variant({ "organization.json": '{"Organization": {"Id": "o-x", ' });
    expect(await inputErrorOf(dir)).toMatchObject({
      file: join(dir, "organization.json"),
      jsonPath: "$.Organization",
      expected: "valid JSON",
      line: 1,
      column: 31,
    });
  });

  it("rejects organization.json with a wrong shape anywhere", async () => {
    const badAccount = await edited("organization.json", (json) => (at(json).Accounts[1].Id = 444455556666));
    expect(await inputErrorOf(badAccount)).toMatchObject({
      jsonPath: "$.Accounts[1].Id",
      expected: "a 12-digit account id",
      found: "the number 444455556666",
    });
    const orphanOu = await edited(
      "organization.json",
      (json) => delete at(json).OrganizationalUnits[1].ParentId,
    );
    expect(await inputErrorOf(orphanOu)).toMatchObject({
      jsonPath: "$.OrganizationalUnits[1].ParentId",
      expected: "the id of the parent root or OU",
    });
    const badRcp = await edited("organization.json", (json) => (at(json).Policies[1].Content.Statement = 42));
    expect(await inputErrorOf(badRcp)).toMatchObject({
      jsonPath: "$.Policies[1].Content.Statement",
    });
  });

  it("reads an RCP outside IAM's grammar, records the problem and leaves its unsure Deny out", async () => {
    const dir = await edited(
      "organization.json",
      (json) => (at(json).Policies[1].Content.Statement[0].Effect = "deny"),
    );
    const snapshot = await readSnapshot(dir);
    expect(snapshot.organization?.policies[1]?.content.statements).toEqual([]);
    expect(snapshot.readProblems).toEqual([
      {
        kind: "policy-grammar",
        file: join(dir, "organization.json"),
        jsonPath: "$.Policies[1].Content.Statement[0].Effect",
        message: expect.stringMatching(
          /^Deny statement skipped, so it cancels nothing: line \d+, column \d+: expected "Allow" or "Deny", which are case-sensitive \(IAM JSON policy elements: Effect\), found the string "deny"$/,
        ),
      },
    ]);
  });
});

describe("a bad account file is left out, the rest is scanned", () => {
  it("records a missing account file", async () => {
    const dir = await temp.variant({ [MANAGEMENT]: null });
    const snapshot = await readSnapshot(dir);
    expect(snapshot.accounts.map((account) => account.accountId)).toEqual(["444455556666"]);
    expect(snapshot.readProblems).toEqual([
      {
        file: join(dir, MANAGEMENT),
        jsonPath: "$",
        message:
          "account 111122223333 skipped: expected the account file of 111122223333, found no such file or directory",
      },
    ]);
  });

  it("records an account file whose accountId differs from its name", async () => {
    const dir = await edited(MANAGEMENT, (json) => (json.accountId = "999999999999"));
    const snapshot = await readSnapshot(dir);
    expect(snapshot.accounts.map((account) => account.accountId)).toEqual(["444455556666"]);
    expect(snapshot.readProblems).toEqual([
      {
        file: join(dir, MANAGEMENT),
        jsonPath: "$.accountId",
        message:
          'account 111122223333 skipped: line 2, column 16: expected "111122223333" (the account id in the file name), ' +
          'found the string "999999999999"',
      },
    ]);
  });

  it("records an account-level wrong shape (iam not an object) and keeps its collection errors out", async () => {
    const dir = await edited(MEMBER, (json) => (json.iam = []));
    const snapshot = await readSnapshot(dir);
    expect(snapshot.accounts.map((account) => account.accountId)).toEqual(["111122223333"]);
    expect(snapshot.readProblems).toMatchObject([{ jsonPath: "$.iam", file: join(dir, MEMBER) }]);
    expect(snapshot.readProblems[0]?.message).toMatch(
      /^account 444455556666 skipped: line \d+, column \d+: expected an object/,
    );
    expect(snapshot.collectionErrors.map((error) => error.operation)).toEqual(["ListTagsForResource"]);
  });
});

describe("a bad resource is left out, the rest of its account is scanned", () => {
  it("skips only a role whose trust policy has a wrong shape", async () => {
    const dir = await edited(MANAGEMENT, (json) => {
      const roles = at(json).iam.RoleDetailList;
      roles.push({
        ...structuredClone(roles[0]),
        RoleName: "broken",
        Arn: "arn:aws:iam::111122223333:role/broken",
      });
      roles[1].AssumeRolePolicyDocument.Statement = 42;
    });
    const snapshot = await readSnapshot(dir);
    const management = snapshot.accounts[0];
    expect(management?.roles.map((role) => role.name)).toEqual(["deployer"]);
    expect(management?.oidcProviders).toHaveLength(1);
    expect(snapshot.accounts[1]?.roles).toHaveLength(1);
    expect(snapshot.readProblems).toHaveLength(1);
    expect(snapshot.readProblems[0]).toMatchObject({
      file: join(dir, MANAGEMENT),
      jsonPath: "$.iam.RoleDetailList[1].AssumeRolePolicyDocument.Statement",
    });
    expect(snapshot.readProblems[0]?.kind).toBeUndefined();
    expect(snapshot.readProblems[0]?.message).toMatch(
      /^role broken skipped: line \d+, column \d+: expected a statement object or an array of statement objects, found the number 42$/,
    );
  });

  it("keeps a role whose trust policy is outside IAM's grammar, judged as the problem says", async () => {
    const dir = await edited(MANAGEMENT, (json) => {
      at(json).iam.RoleDetailList[0].AssumeRolePolicyDocument.Statement[0].Principal = { Account: "123" };
    });
    const snapshot = await readSnapshot(dir);
    const deployer = snapshot.accounts[0]?.roles[0];
    expect(deployer?.name).toBe("deployer");
    expect(deployer?.trustPolicy.statements[0]?.principals).toEqual([{ type: "AWS", value: "*" }]);
    expect(snapshot.readProblems).toEqual([
      {
        kind: "policy-grammar",
        file: join(dir, MANAGEMENT),
        jsonPath: "$.iam.RoleDetailList[0].AssumeRolePolicyDocument.Statement[0].Principal.Account",
        message: expect.stringMatching(
          /^judged as Principal "\*": line \d+, column \d+: expected a principal type: AWS, Service, Federated or CanonicalUser \(AWS JSON policy elements: Principal\), found the key "Account"$/,
        ),
      },
    ]);
  });

  it("drops the grammar problems of a role that is skipped for a wrong shape", async () => {
    const dir = await edited(MANAGEMENT, (json) => {
      const role = at(json).iam.RoleDetailList[0];
      role.AssumeRolePolicyDocument.Statement[0].Effect = "allow";
      role.Arn = "arn:aws:iam::999999999999:role/x";
    });
    const snapshot = await readSnapshot(dir);
    expect(snapshot.accounts[0]?.roles).toEqual([]);
    expect(snapshot.readProblems.map((problem) => problem.jsonPath)).toEqual(["$.iam.RoleDetailList[0].Arn"]);
  });

  it("skips a role whose ARN is in another account", async () => {
    const dir = await edited(
      MANAGEMENT,
      (json) => (at(json).iam.RoleDetailList[0].Arn = "arn:aws:iam::999999999999:role/x"),
    );
    const snapshot = await readSnapshot(dir);
    expect(snapshot.accounts[0]?.roles).toEqual([]);
    expect(snapshot.readProblems).toMatchObject([{ jsonPath: "$.iam.RoleDetailList[0].Arn" }]);
    expect(snapshot.readProblems[0]?.message).toMatch(/expected a role ARN in account 111122223333/);
  });

  it("skips only a bucket whose ACL has a wrong shape", async () => {
    const dir = await edited(MEMBER, (json) => (at(json).s3.Buckets[0].Acl.Grants[1].Grantee.Type = "User"));
    const snapshot = await readSnapshot(dir);
    const member = snapshot.accounts[1];
    expect(member?.buckets.map((bucket) => bucket.name)).toEqual(["logs-archive-444455556666"]);
    expect(member?.roles).toHaveLength(1);
    expect(snapshot.readProblems).toMatchObject([
      { file: join(dir, MEMBER), jsonPath: "$.s3.Buckets[0].Acl.Grants[1].Grantee.Type" },
    ]);
    expect(snapshot.readProblems[0]?.message).toMatch(
      /^bucket web-assets-444455556666 skipped: line \d+, column \d+: expected CanonicalUser, Group or AmazonCustomerByEmail, found the string "User"$/,
    );
  });

  it("skips a bucket whose ACL grantee lacks the field that names it, or whose policy string is not JSON", async () => {
    const noUri = await edited(MEMBER, (json) => delete at(json).s3.Buckets[0].Acl.Grants[1].Grantee.URI);
    expect((await readSnapshot(noUri)).readProblems).toMatchObject([
      { jsonPath: "$.s3.Buckets[0].Acl.Grants[1].Grantee.URI" },
    ]);
    const badPolicy = await edited(MEMBER, (json) => (at(json).s3.Buckets[0].Policy = '{"Statement": ['));
    const snapshot = await readSnapshot(badPolicy);
    expect(snapshot.accounts[1]?.buckets.map((bucket) => bucket.name)).toEqual(["logs-archive-444455556666"]);
    expect(snapshot.readProblems).toMatchObject([{ jsonPath: "$.s3.Buckets[0].Policy" }]);
    expect(snapshot.readProblems[0]?.message).toMatch(/found a string that is not valid JSON/);
  });

  it("treats a malformed account Block Public Access as unreadable, keeping the account", async () => {
    const dir = await edited(
      MANAGEMENT,
      (json) => (at(json).s3.AccountPublicAccessBlock = { BlockPublicAcls: "yes" }),
    );
    const snapshot = await readSnapshot(dir);
    expect(snapshot.accounts[0]?.accountPublicAccessBlock).toBeUndefined();
    expect(snapshot.accounts[0]?.roles).toHaveLength(1);
    expect(snapshot.readProblems).toMatchObject([
      { jsonPath: "$.s3.AccountPublicAccessBlock.BlockPublicAcls" },
    ]);
  });

  it("skips one malformed error entry and keeps the others", async () => {
    const dir = await edited(
      MEMBER,
      (json) => (json.errors = [{ service: "s3" }, ...(json.errors as unknown[])]),
    );
    const snapshot = await readSnapshot(dir);
    expect(snapshot.collectionErrors.map((error) => error.operation)).toEqual([
      "ListTagsForResource",
      "GetBucketAcl",
    ]);
    expect(snapshot.readProblems).toMatchObject([{ jsonPath: "$.errors[0].operation" }]);
  });
});
