import { cp, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { twoWeeks } from "../helpers/changed-example.js";
import { runTrustscan } from "../helpers/run-cli.js";
import { tempDirs } from "../helpers/temp-dirs.js";

const tempDir = tempDirs("diff");
let before: string;
let after: string;
/** Last week's snapshot with only a role removed. */
let removedOnly: string;

beforeAll(async () => {
  const root = await tempDir();
  ({ before, after } = await twoWeeks(root));
  removedOnly = join(root, "removed-only");
  await cp(before, removedOnly, { recursive: true });
  const file = join(removedOnly, "accounts", "777788889999.json");
  const account = JSON.parse(await readFile(file, "utf8"));
  account.iam.RoleDetailList = account.iam.RoleDetailList.filter(
    (role: { RoleName: string }) => role.RoleName !== "break-glass-admin",
  );
  await writeFile(file, JSON.stringify(account));
});

describe("trustscan diff OLD NEW", () => {
  it("prints the access gained, lost and changed, per resource and principal", async () => {
    const run = await runTrustscan(["diff", before, after]);
    expect(run.code).toBe(0);
    expect(run.stdout).toBe(
      [
        `trustscan 0.1.0: access from ${before} to ${after} (zone: organization o-a1b2c3d4e5)`,
        "",
        "Access gained (1)",
        "  arn:aws:iam::777788889999:role/new-vendor-audit (AWS::IAM::Role)",
        "    + account 123456789012: sts:AssumeRole",
        "",
        "Access lost (1)",
        "  arn:aws:iam::777788889999:role/break-glass-admin (AWS::IAM::Role)",
        "    - anyone: sts:AssumeRole (public)",
        "",
        "Access changed (1)",
        "  arn:aws:s3:::acme-dev-observability-exports (AWS::S3::Bucket)",
        "    ~ account 464622532012 (Datadog): actions added: s3:PutObject",
        "",
        "Access: 1 gained, 1 lost, 1 changed (1 widened)",
        "",
      ].join("\n"),
    );
  });

  it("gives the same in JSON, with the vendor as data", async () => {
    const json = JSON.parse((await runTrustscan(["diff", before, after, "-f", "json"])).stdout);
    expect(json.summary).toEqual({ gained: 1, lost: 1, changed: 1, widened: 1 });
    expect(json.gained).toEqual([
      {
        resource: {
          arn: "arn:aws:iam::777788889999:role/new-vendor-audit",
          type: "AWS::IAM::Role",
          accountId: "777788889999",
        },
        principal: "account 123456789012",
        vendors: [],
        actions: ["sts:AssumeRole"],
        conditions: [],
        isPublic: false,
        severity: "high",
        rules: ["external-access", "missing-external-id"],
      },
    ]);
    expect(json.lost[0]).toMatchObject({ principal: "anyone", isPublic: true, severity: "critical" });
    expect(json.changed[0]).toMatchObject({
      principal: "account 464622532012",
      actionsAdded: ["s3:PutObject"],
      actionsRemoved: [],
      widened: true,
      after: { vendors: [{ accountId: "464622532012", name: "Datadog" }] },
    });
  });

  it("gives the same in Markdown for a job summary", async () => {
    const markdown = (await runTrustscan(["diff", before, after, "-f", "markdown"])).stdout;
    expect(markdown).toContain("## trustscan: who can get in, 1 gained, 1 lost, 1 changed (1 widened)");
    expect(markdown).toContain(
      "| `arn:aws:s3:::acme-dev-observability-exports` | account 464622532012 (Datadog) | actions added: s3:PutObject |",
    );
    expect(markdown).toContain(
      "| `arn:aws:iam::777788889999:role/break-glass-admin` | anyone | sts:AssumeRole (public) |",
    );
  });

  it("exits 1 with --fail-on-gained when access was gained or widened, not when it was only lost", async () => {
    expect((await runTrustscan(["diff", before, after, "--fail-on-gained"])).code).toBe(1);
    const lostOnly = await runTrustscan(["diff", before, removedOnly, "--fail-on-gained"]);
    expect(lostOnly.stdout).toContain("Access: 0 gained, 1 lost, 0 changed");
    expect(lostOnly.code).toBe(0);
    const back = await runTrustscan(["diff", removedOnly, before, "--fail-on-gained"]);
    expect(back.stdout).toContain("Access: 1 gained, 0 lost, 0 changed");
    expect(back.code).toBe(1);
    const same = await runTrustscan(["diff", before, before, "--fail-on-gained"]);
    expect(same.code).toBe(0);
    expect(same.stdout).toContain("No change in who can get in.");
  });

  it("exits 2 naming the snapshot it cannot read", async () => {
    const run = await runTrustscan(["diff", before, "/nonexistent/snapshot"]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("/nonexistent/snapshot");
  });
});
