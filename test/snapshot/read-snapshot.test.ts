import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { InputError, readSnapshot, readSnapshots } from "../../src/snapshot/index.js";
import { fixture } from "./fixture-paths.js";
import { TempSnapshots } from "./temp-snapshot.js";

const temp = new TempSnapshots();
afterAll(() => temp.cleanup());

async function inputErrorOf(promise: Promise<unknown>): Promise<InputError> {
  const outcome = await promise.then(
    () => undefined,
    (error: unknown) => error,
  );
  if (outcome instanceof InputError) return outcome;
  throw new Error(`expected an InputError, got ${String(outcome)}`);
}

const WHAT_A_SNAPSHOT_IS =
  "a snapshot: a directory with a snapshot.json (written by trustscan collect), that snapshot.json, " +
  "or the JSON output of aws iam get-account-authorization-details";

describe("what readSnapshot accepts", () => {
  it("fails on a missing path with 'no such file or directory'", async () => {
    const error = await inputErrorOf(readSnapshot("no/such/snapshot"));
    expect(error.message).toBe(
      `no/such/snapshot: $: expected ${WHAT_A_SNAPSHOT_IS}, found no such file or directory`,
    );
  });

  it("fails on a directory without snapshot.json", async () => {
    const dir = await temp.emptyDir();
    const error = await inputErrorOf(readSnapshot(dir));
    expect(error).toMatchObject({
      file: dir,
      expected: WHAT_A_SNAPSHOT_IS,
      found: "a directory without snapshot.json",
    });
  });

  it("fails on a file that is not JSON, saying what a snapshot looks like", async () => {
    const file = join(await temp.emptyDir(), "notes.md");
    await writeFile(file, "# My AWS notes\n");
    const error = await inputErrorOf(readSnapshot(file));
    expect(error).toMatchObject({
      file,
      jsonPath: "$",
      expected: WHAT_A_SNAPSHOT_IS,
      found: "a file that is not JSON",
    });
  });

  it("fails on JSON of another shape, naming its keys", async () => {
    const dir = await temp.emptyDir();
    const file = join(dir, "package.json");
    await writeFile(file, JSON.stringify({ name: "x", version: "1", a: 1, b: 2, c: 3, d: 4 }));
    expect((await inputErrorOf(readSnapshot(file))).found).toBe(
      'a JSON object with keys "name", "version", "a", "b", "c", …',
    );
    const list = join(dir, "list.json");
    await writeFile(list, "[1, 2]");
    expect((await inputErrorOf(readSnapshot(list))).found).toBe("a JSON file holding an array");
  });

  it("reports a truncated single dump with its syntax position", async () => {
    const file = join(await temp.emptyDir(), "authz.json");
    await writeFile(file, '{\n  "RoleDetailList": [\n    {\n      "RoleName": "a",\n');
    const error = await inputErrorOf(readSnapshot(file));
    expect(error.message).toBe(
      `${file}:4:23: $.RoleDetailList[0]: expected valid JSON, found the end of the file (is it truncated?)`,
    );
  });

  it("recognises organization.json given as the snapshot and names the directory to pass instead", async () => {
    // It has a Policies key, so it used to be read as authorization details: "found no "Arn" key".
    const file = join(fixture("valid"), "organization.json");
    expect((await inputErrorOf(readSnapshot(file))).message).toBe(
      `${file}: $: expected ${WHAT_A_SNAPSHOT_IS}, found the organization.json of a snapshot ` +
        `(organization data only, no accounts to scan): pass the snapshot directory ${fixture("valid")} instead`,
    );
    // Renamed and away from its snapshot, it is still recognised by its DescribeOrganization object.
    const copy = join(await temp.emptyDir(), "org.json");
    await writeFile(copy, await readFile(file));
    expect((await inputErrorOf(readSnapshot(copy))).found).toBe(
      "the organization.json of a snapshot (organization data only, no accounts to scan): " +
        "pass the snapshot directory it belongs to instead",
    );
  });

  it("reads a snapshot.json given directly, resolving the account files beside it", async () => {
    const snapshot = await readSnapshot(join(fixture("valid"), "snapshot.json"));
    expect(snapshot.accounts.map((account) => account.file)).toEqual([
      join(fixture("valid"), "accounts", "111122223333.json"),
      join(fixture("valid"), "accounts", "444455556666.json"),
    ]);
  });
});

describe("readSnapshots", () => {
  it("merges a snapshot directory with a dump of another account", async () => {
    const merged = await readSnapshots([
      fixture("valid"),
      fixture("aws-cli-get-account-authorization-details.json"),
    ]);
    expect(merged.accounts.map((account) => account.accountId)).toEqual([
      "111122223333",
      "444455556666",
      "123456789012",
    ]);
    expect(merged.organization?.id).toBe("o-exampleorg1");
    expect(merged.collectionErrors).toHaveLength(2);
    expect(merged.readProblems.map((problem) => problem.jsonPath)).toEqual(["$.IsTruncated"]);
  });

  it("returns a single snapshot unchanged", async () => {
    const [one, alone] = await Promise.all([
      readSnapshots([fixture("valid")]),
      readSnapshot(fixture("valid")),
    ]);
    expect(one).toEqual(alone);
  });

  it("fails when the same account is read twice, naming both files", async () => {
    const copy = await temp.variant();
    const error = await inputErrorOf(readSnapshots([fixture("valid"), copy]));
    expect(error.file).toBe(join(copy, "accounts", "111122223333.json"));
    expect(error.found).toBe(
      `account 111122223333, already read from ${join(fixture("valid"), "accounts", "111122223333.json")}`,
    );
  });

  it("accepts the same organization twice and refuses two different ones", async () => {
    const withoutAccounts = (org: string) =>
      temp.variant({
        "snapshot.json": JSON.stringify({ format: "trustscan-snapshot", version: 1, accounts: [] }),
        "organization.json": org,
      });
    const valid = fixture("valid");
    const sameOrg = await withoutAccounts(await readFile(join(valid, "organization.json"), "utf8"));
    expect((await readSnapshots([valid, sameOrg])).organization?.file).toBe(join(valid, "organization.json"));

    const otherOrg = await withoutAccounts(
      JSON.stringify({ Organization: { Id: "o-someoneelse", MasterAccountId: "777788889999" } }, null, 2),
    );
    const error = await inputErrorOf(readSnapshots([valid, otherOrg]));
    expect(error).toMatchObject({
      file: join(otherOrg, "organization.json"),
      jsonPath: "$.Organization.Id",
      found: "organization o-someoneelse",
      line: 2,
      column: 19,
    });
    expect(error.expected).toMatch(/^organization o-exampleorg1 \(read from /);
  });
});
