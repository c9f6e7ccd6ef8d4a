/**
 * The streaming scan learns who owns a bucket (or a canonical user) from a cheap first pass and confirms it with
 * the full read: its answers must be those of the index of the whole snapshot in memory, also for buckets the full
 * read leaves out, files that do not parse, names written twice and keys spelt with escapes.
 */
import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { indexSnapshot } from "../../src/analysis/snapshot-index.js";
import {
  candidatesIn,
  CrossAccountIndex,
  type IndexedAccount,
} from "../../src/engine/cross-account-index.js";
import { scanSnapshot } from "../../src/engine/scan.js";
import { scanSnapshotPaths } from "../../src/engine/scan-stream.js";
import { FindingSpool, renderReport, reportContent, writeOutputFile } from "../../src/report/index.js";
import { readSnapshot } from "../../src/snapshot/index.js";

const [A, B, C, D, E] = ["111111111111", "222222222222", "333333333333", "444444444444", "555555555555"];

const bucket = (name: string, extra: Record<string, unknown> = {}) => ({
  Name: name,
  Policy: null,
  PublicAccessBlock: null,
  Acl: { Owner: { ID: `canon-${name}` }, Grants: [] },
  ...extra,
});

/** A bucket policy that lets the S3 logging service write for the owner of each named source bucket. */
const loggingFrom = (target: string, sources: string[]) => ({
  Version: "2012-10-17",
  Statement: sources.map((source, index) => ({
    Sid: `From${index}`,
    Effect: "Allow",
    Principal: { Service: "logging.s3.amazonaws.com" },
    Action: "s3:PutObject",
    Resource: `arn:aws:s3:::${target}/*`,
    Condition: { ArnLike: { "aws:SourceArn": `arn:aws:s3:::${source}` } },
  })),
});

const account = (id: string, buckets: unknown[]) =>
  JSON.stringify(
    { accountId: id, iam: { RoleDetailList: [] }, s3: { Buckets: buckets }, errors: [] },
    null,
    2,
  );

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "trustscan-cross-"));
  await mkdir(join(dir, "accounts"));
  const referenced = ["b-good", "b-bad", "b-broken", "b-dup", "b-esc", "b-late-d", "b-nowhere"];
  const files: Record<string, string> = {
    [A]: account(A, [
      bucket("a-logs", {
        Policy: loggingFrom("a-logs", referenced),
        // A grant to D's canonical user (the ACL owner of b-dup in D), and to one nobody owns.
        Acl: {
          Owner: { ID: "canon-a-logs" },
          Grants: [
            { Grantee: { Type: "CanonicalUser", ID: "canon-b-dup" }, Permission: "READ" },
            { Grantee: { Type: "CanonicalUser", ID: "canon-b-bad" }, Permission: "READ" },
          ],
        },
      }),
    ]),
    // b-bad is left out by the full read (an ACL grant without a grantee type).
    [B]: account(B, [
      bucket("b-good"),
      bucket("b-bad", { Acl: { Owner: { ID: "canon-b-bad" }, Grants: [{ Permission: "READ" }] } }),
      bucket("b-dup"),
    ]),
    // Not JSON at all: the account is left out, with its bucket.
    [C]: `${account(C, [bucket("b-broken")]).slice(0, -3)},,}`,
    [D]: account(D, [bucket("b-dup"), bucket("b-late-d", { Policy: loggingFrom("b-late-d", ["b-good"]) })]),
    // A key spelt with an escape: found only by parsing.
    [E]: account(E, [bucket("b-esc")]).replace('"Name"', '"N\\u0061me"'),
  };
  for (const [id, text] of Object.entries(files)) await writeFile(join(dir, "accounts", `${id}.json`), text);
  const manifest = { format: "trustscan-snapshot", version: 1, accounts: Object.keys(files), errors: [] };
  await writeFile(join(dir, "snapshot.json"), JSON.stringify(manifest));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe("cross-account index of the streaming scan", () => {
  it("answers every look-up as the index of the whole snapshot does", async () => {
    const snapshot = await readSnapshot(dir);
    const exact = indexSnapshot(snapshot);
    const units = [A, B, C, D, E].map((accountId) => ({
      kind: "file" as const,
      accountId: accountId as string,
      file: join(dir, "accounts", `${accountId}.json`),
      directory: dir,
    }));
    const index = await CrossAccountIndex.gather(units);
    const names = ["a-logs", "b-good", "b-bad", "b-broken", "b-dup", "b-esc", "b-late-d", "b-nowhere"];
    // Answered before any full read: every candidate is then read on its own, synchronously.
    expect(names.map((name) => index.bucketOwner(name))).toEqual(
      names.map((name) => exact.bucketOwner(name)),
    );
    expect(names.map((name) => index.bucketOwner(name))).toEqual([
      A,
      B,
      undefined,
      undefined,
      D,
      E,
      D,
      undefined,
    ]);
    const ids = names.map((name) => `canon-${name}`);
    expect(ids.map((id) => index.accountOfCanonicalUser(id))).toEqual(
      ids.map((id) => exact.accountOfCanonicalUser(id)),
    );
  });

  it("answers the same from a worker thread's copy, and with accounts already in memory among the files", async () => {
    const snapshot = await readSnapshot(dir);
    const exact = indexSnapshot(snapshot);
    const read = new Map(snapshot.accounts.map((account) => [account.accountId, account]));
    // D and E as a dump beside the directory would give them; B stays a file whose full read leaves b-bad out.
    const units: IndexedAccount[] = [A, B, C, D, E].map((accountId) => {
      const account = read.get(accountId);
      return (accountId === D || accountId === E) && account
        ? { kind: "read", accountId, account }
        : { kind: "file", accountId, file: join(dir, "accounts", `${accountId}.json`), directory: dir };
    });
    const names = ["a-logs", "b-good", "b-bad", "b-broken", "b-dup", "b-esc", "b-late-d", "b-nowhere", ""];
    const ids = names.map((name) => `canon-${name}`);
    const gathered = await CrossAccountIndex.gather(units);
    const copied = CrossAccountIndex.fromTransfer(units, structuredClone(gathered.toTransfer()));
    for (const index of [gathered, copied]) {
      // Confirmed as the scan would, out of order, with look-ups in between.
      index.confirm(4, {
        accountId: E,
        bucketNames: ["b-esc"],
        aclOwners: ["canon-b-esc"],
        accountPublicAccessBlock: null,
      });
      expect(names.map((name) => index.bucketOwner(name))).toEqual(
        names.map((name) => exact.bucketOwner(name)),
      );
      expect(ids.map((id) => index.accountOfCanonicalUser(id))).toEqual(
        ids.map((id) => exact.accountOfCanonicalUser(id)),
      );
      expect([...index.sharedBucketNames()]).toEqual(["b-dup"]);
    }
  });

  it("gives the in-memory scan's report", async () => {
    const inMemory = { ...scanSnapshot(await readSnapshot(dir), { zone: "account" }), sources: [dir] };
    const spool = await FindingSpool.create(dir);
    try {
      const overview = await scanSnapshotPaths([dir], { zone: "account", sink: spool });
      const out = join(dir, "report.json");
      await writeOutputFile(
        out,
        reportContent("json", overview, () => spool.accounts()),
      );
      const streamed = await readFile(out, "utf8");
      expect(streamed).toBe(renderReport("json", inMemory));
      // The look-ups mattered: known owners are named, the others are owners not in the snapshot.
      expect(streamed).toContain(`acting for account ${B}`);
      expect(streamed).toContain("the owner of bucket b-bad (not in the snapshot)");
      expect(streamed).toContain("the owner of bucket b-broken (not in the snapshot)");
    } finally {
      await spool.dispose();
    }
  });

  it("takes bucket names and ACL owners from s3.Buckets only, never the names of other resources", () => {
    const text = JSON.stringify({
      s3: {
        Buckets: [{ Name: "x", Acl: { Owner: { ID: "i" } } }, { Name: 'quo"te' }, { Name: 7 }, "junk"],
        MultiRegionAccessPoints: [{ Name: "mrap" }],
      },
      regions: {
        "eu-west-1": { ec2: { Images: [{ Name: "golden" }] }, s3: { AccessPoints: [{ Name: "ap" }] } },
      },
      c: 'a "Name": "no" string',
    });
    expect(candidatesIn(text)).toEqual({ names: new Set(["x", 'quo"te']), ids: new Set(["i"]) });
    expect(candidatesIn('{"s3": {"Buckets": [{"N\\u0061me": "esc"}]}}')).toEqual({
      names: new Set(["esc"]),
      ids: new Set(),
    });
    expect(candidatesIn('{"s3": {"Buckets": {"Name": "x"}}}')).toEqual({ names: new Set(), ids: new Set() });
    expect(candidatesIn("not json")).toBeUndefined();
  });
});
