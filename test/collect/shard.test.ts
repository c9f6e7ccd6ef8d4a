import { readdirSync } from "node:fs";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { runCollect, type CollectOptions } from "../../src/collect/run.js";
import { inShard, parseShard, shardOf } from "../../src/collect/shard.js";
import { syntheticAccountIds } from "../helpers/synthetic-org.js";
import { runTrustscan } from "../helpers/run-cli.js";
import { Capture, tempParent } from "./support/files.js";
import {
  COLLECTED_AT,
  DEV,
  MGMT,
  mockScenario,
  PROD,
  SANDBOX,
  TEST_RETRY,
  type MockedAws,
} from "./support/mock-scenario.js";

describe("shards", () => {
  it("parses I/N", () => {
    expect(parseShard("2/4")).toEqual({ index: 2, count: 4 });
    expect(parseShard("1/1")).toEqual({ index: 1, count: 1 });
    for (const bad of ["0/4", "5/4", "2/0", "2", "a/b", "1/1001", "-1/2"])
      expect(parseShard(bad)).toBeUndefined();
  });

  it("puts every account in exactly one shard, the same one whatever other accounts exist", () => {
    const ids = syntheticAccountIds(1000);
    for (const count of [1, 2, 7]) {
      const sizes = Array.from(
        { length: count },
        (_, index) => ids.filter((id) => inShard(id, { index: index + 1, count })).length,
      );
      expect(sizes.reduce((a, b) => a + b, 0)).toBe(ids.length);
      // Roughly even: no shard gets less than half or more than twice its share.
      for (const size of sizes) {
        expect(size).toBeGreaterThan(ids.length / count / 2);
        expect(size).toBeLessThan((ids.length / count) * 2);
      }
    }
    expect(shardOf("111122223333", 4)).toBe(shardOf("111122223333", 4));
  });
});

describe("collect --organization --shard I/N, merged by scan", () => {
  let aws: MockedAws;
  let parent: string;
  beforeEach(() => {
    aws = mockScenario();
    parent = tempParent();
  });
  afterEach(() => aws.restore());

  const collectInto = async (out: string, extra: Partial<CollectOptions> = {}) =>
    runCollect(
      {
        out,
        organization: true,
        roleName: "OrganizationAccountAccessRole",
        concurrency: 2,
        callsPerAccount: 3,
        force: false,
        quiet: true,
        ...extra,
      },
      {
        clients: aws.clients,
        clock: () => COLLECTED_AT,
        stdout: new Capture(),
        stderr: new Capture(),
        retry: TEST_RETRY,
      },
    );

  /** The JSON report with each location's file reduced to its account file name (the directories differ). */
  async function report(paths: string[]): Promise<Record<string, unknown>> {
    const run = await runTrustscan([
      "scan",
      ...paths,
      "-f",
      "json",
      "--fail-on",
      "none",
      "--allow-incomplete",
    ]);
    expect(run.code, run.stderr).toBe(0);
    const json = JSON.parse(run.stdout);
    delete json.sources;
    for (const finding of json.findings) {
      finding.source.location.file = finding.source.location.file.split("/").pop();
    }
    for (const problem of json.problems.readProblems) problem.file = problem.file.split("/").pop();
    return json;
  }

  it("collects each account in one shard only, and the shards merged scan to exactly the full snapshot's findings", async () => {
    const full = join(parent, "full");
    expect(await collectInto(full)).toBe(3);
    const count = 3;
    const shards: string[] = [];
    const seen: string[] = [];
    for (let index = 1; index <= count; index += 1) {
      const out = join(parent, `shard-${index}`);
      const status = await collectInto(out, { shard: { index, count } });
      expect([0, 3]).toContain(status);
      shards.push(out);
      const accounts = readdirSync(join(out, "accounts")).map((name) => name.replace(".json", ""));
      for (const id of accounts) expect(inShard(id, { index, count })).toBe(true);
      seen.push(...accounts);
      // Every shard carries the organization data: the zone is the whole organization whichever shard is scanned.
      expect(readdirSync(out)).toContain("organization.json");
    }
    expect(seen.sort()).toEqual([MGMT, PROD, SANDBOX, DEV].sort());
    const merged = await report(shards);
    const whole = await report([full]);
    expect((merged.summary as { total: number }).total).toBeGreaterThan(0);
    expect(merged).toEqual(whole);
  });

  it("writes a shard that holds no account as organization data alone, which merges", async () => {
    // With more shards than accounts, some shards are empty.
    const count = 12;
    const empty = Array.from({ length: count }, (_, i) => i + 1).find(
      (index) => ![MGMT, PROD, SANDBOX, DEV].some((id) => inShard(id, { index, count })),
    )!;
    const out = join(parent, "empty-shard");
    expect(await collectInto(out, { shard: { index: empty, count } })).toBe(0);
    expect(readdirSync(out).sort()).toEqual(["organization.json", "snapshot.json"]);
    const full = join(parent, "full");
    await collectInto(full);
    expect(await report([full, out])).toEqual(await report([full]));
  });

  it("is a usage error without --organization", async () => {
    const run = await runTrustscan(["collect", "--out", join(parent, "x"), "--shard", "1/2"]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("--shard needs --organization");
    const bad = await runTrustscan([
      "collect",
      "--out",
      join(parent, "x"),
      "--organization",
      "--shard",
      "3/2",
    ]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain("expected I/N with 1 ≤ I ≤ N ≤ 1000");
  });
});
