import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { RULES } from "../../rules/index.js";
import { writeSyntheticOrg } from "../../scripts/bench/synthetic-org.js";
import { AnalysisMemo } from "../../src/analysis/analysis-memo.js";
import { analyzeResource } from "../../src/analysis/resource-analysis.js";
import { indexSnapshot } from "../../src/analysis/snapshot-index.js";
import { WorkBudget } from "../../src/analysis/patterns/budget.js";
import { zoneFor } from "../../src/engine/scan.js";
import type { Resource } from "../../src/model/resource.js";
import type { Snapshot } from "../../src/model/snapshot.js";
import { readSnapshot } from "../../src/snapshot/index.js";

const BUDGET = 2_000_000;

/** What the rules say about a resource, analysed directly or through the memo. */
function findings(resource: Resource, analyze: (resource: Resource) => ReturnType<typeof analyzeResource>) {
  const analysis = analyze(resource);
  return JSON.stringify(RULES.flatMap((rule) => rule.check(analysis)));
}

function compareEveryRole(snapshot: Snapshot, zone: "account" | "organization"): number {
  const scanZone = zoneFor(snapshot, { zone });
  const index = indexSnapshot(snapshot);
  let hits = 0;
  for (const account of snapshot.accounts) {
    const memo = new AnalysisMemo(account.accountId, scanZone, index, BUDGET);
    for (const resource of [...account.roles, ...account.buckets]) {
      const direct = findings(resource, (r) => analyzeResource(r, scanZone, index, new WorkBudget(BUDGET)));
      expect(
        findings(resource, (r) => memo.analyze(r)),
        resource.arn,
      ).toBe(direct);
    }
    hits += memo.hits;
  }
  return hits;
}

let dir: string;
let synthetic: Snapshot;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "trustscan-memo-"));
  await writeSyntheticOrg(join(dir, "org"), 4, { rolesPerAccount: 120, bucketsPerAccount: 20 });
  synthetic = await readSnapshot(join(dir, "org"));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe("analysis memo: one analysis per distinct trust policy of an account", () => {
  it.each(["organization", "account"] as const)(
    "gives every role of a synthetic organization the findings of its own analysis (%s zone)",
    (zone) => {
      expect(compareEveryRole(synthetic, zone)).toBeGreaterThan(300);
    },
  );

  it.each(["organization", "account"] as const)(
    "does so for the example organization (%s zone)",
    async (zone) => {
      compareEveryRole(await readSnapshot("snapshots/example-org"), zone);
    },
  );

  it("keeps each role's name, path, ARN and statement locations", async () => {
    const trust = {
      Version: "2012-10-17",
      Statement: [
        { Effect: "Allow", Principal: { Service: "scheduler.amazonaws.com" }, Action: "sts:AssumeRole" },
        {
          Effect: "Deny",
          Principal: { AWS: "*" },
          Action: "sts:AssumeRole",
          Condition: { Bool: { "aws:SecureTransport": "false" } },
        },
      ],
    };
    const role = (name: string, path: string) => ({
      Arn: `arn:aws:iam::111122223333:role${path}${name}`,
      AssumeRolePolicyDocument: trust,
      Path: path,
      RoleName: name,
    });
    const org = join(dir, "same-policy");
    await writeSyntheticOrg(org, 1, { rolesPerAccount: 1, bucketsPerAccount: 0 });
    const accountId = "200000000000";
    const roles = [
      role("first", "/"),
      role("AWSServiceRoleForX", "/aws-service-role/"),
      role("third", "/team/"),
    ];
    for (const r of roles) r.Arn = r.Arn.replace("111122223333", accountId);
    await writeFile(
      join(org, "accounts", `${accountId}.json`),
      JSON.stringify({ accountId, iam: { RoleDetailList: roles }, s3: { Buckets: [] }, errors: [] }, null, 2),
    );
    const snapshot = await readSnapshot(org);
    expect(compareEveryRole(snapshot, "organization")).toBe(2);
    const zone = zoneFor(snapshot, {});
    const memo = new AnalysisMemo(accountId, zone, indexSnapshot(snapshot), BUDGET);
    const [first, second, third] = snapshot.accounts[0]?.roles ?? [];
    const drafts = [first, second, third].map((r) =>
      RULES.flatMap((rule) => rule.check(memo.analyze(r as Resource))),
    );
    expect(drafts.map((list) => list.map((d) => d.resource.name))).toEqual([["first"], [], ["third"]]);
    expect(drafts[2]?.[0]?.message).toContain("Role third ");
    expect(drafts[2]?.[0]?.source.location.startLine).toBeGreaterThan(
      drafts[0]?.[0]?.source.location.startLine ?? 0,
    );
  });
});
