import { mkdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { changesSince } from "../../src/baseline/compare.js";
import type { BaselineEntry } from "../../src/baseline/baseline-entry.js";
import type { Finding } from "../../src/findings/finding.js";
import { twoWeeks } from "../helpers/changed-example.js";
import { runTrustscan } from "../helpers/run-cli.js";
import { checkGithubRules, errorsOf, validateSarifSchema } from "../helpers/sarif-github.js";
import { tempDirs } from "../helpers/temp-dirs.js";

const tempDir = tempDirs("baseline");
let root: string;
let before: string;
let after: string;
const scan = (args: string[]) => runTrustscan(["scan", ...args, "--allow-incomplete"], root);
/** Paths in the temporary repository (the CLI resolves them from the process's directory, as a shell would). */
const at = (name: string) => join(root, name);

interface SarifResult {
  ruleId: string;
  baselineState?: string;
  message: { text: string };
  properties: { resourceArn: string; changedSinceBaseline?: string[] };
}

function states(log: { runs: { results: SarifResult[] }[] }): string[] {
  return log.runs
    .flatMap((run) => run.results)
    .map((r) => `${r.baselineState} ${r.ruleId} ${r.properties.resourceArn}`)
    .sort();
}

beforeAll(async () => {
  root = await tempDir();
  ({ before, after } = await twoWeeks(root));
  await mkdir(join(root, "reports"));
  expect(
    (await scan([before, "-f", "sarif", "-o", at("reports/last.sarif"), "--fail-on", "none"])).code,
  ).toBe(0);
  expect((await scan([before, "-f", "json", "-o", at("reports/last.json"), "--fail-on", "none"])).code).toBe(
    0,
  );
});

const EXPECTED_CHANGES = [
  "new external-access arn:aws:iam::777788889999:role/new-vendor-audit",
  "new missing-external-id arn:aws:iam::777788889999:role/new-vendor-audit",
  "updated external-access arn:aws:s3:::acme-dev-observability-exports",
];

describe("baseline states across two scans of a changed snapshot", () => {
  it("marks SARIF results new, unchanged or updated, and leaves the gone ones out of the upload", async () => {
    const run = await scan([
      after,
      "-f",
      "sarif",
      "--baseline",
      at("reports/last.sarif"),
      "--fail-on",
      "none",
    ]);
    expect(run.code).toBe(0);
    const log = JSON.parse(run.stdout);
    expect(validateSarifSchema(log)).toEqual([]);
    expect(errorsOf(checkGithubRules(log, root))).toEqual([]);
    const all = states(log);
    expect(all.filter((s) => !s.startsWith("unchanged"))).toEqual(EXPECTED_CHANGES);
    expect(all.filter((s) => s.startsWith("unchanged"))).toHaveLength(41);
    const updated = log.runs[0].results.find((r: SarifResult) => r.baselineState === "updated");
    expect(updated.properties.changedSinceBaseline).toEqual([
      "severity medium → high",
      "actions added: s3:PutObject",
    ]);
    // GitHub ignores baselineState: a gone result in the upload would keep its alert open, so it is not there.
    expect(JSON.stringify(log)).not.toContain("break-glass-admin");
  });

  it("gives the same states from the previous JSON report", async () => {
    const fromJson = await scan([
      after,
      "-f",
      "sarif",
      "--baseline",
      at("reports/last.json"),
      "--fail-on",
      "none",
    ]);
    const fromSarif = await scan([
      after,
      "-f",
      "sarif",
      "--baseline",
      at("reports/last.sarif"),
      "--fail-on",
      "none",
    ]);
    expect(states(JSON.parse(fromJson.stdout))).toEqual(states(JSON.parse(fromSarif.stdout)));
  });

  it("gives the same states from a directory of SARIF files split per account", async () => {
    expect(
      (
        await scan([
          before,
          "-f",
          "sarif",
          "--sarif-split",
          "account",
          "-o",
          at("split"),
          "--fail-on",
          "none",
        ])
      ).code,
    ).toBe(0);
    const run = await scan([
      after,
      "-f",
      "sarif",
      "--sarif-split",
      "account",
      "-o",
      at("split-now"),
      "--baseline",
      at("split"),
      "--fail-on",
      "none",
    ]);
    expect(run.code).toBe(0);
    const logs = await Promise.all(
      ["111122223333", "222233334444", "444455556666", "777788889999"].map(async (id) =>
        JSON.parse(await readFile(join(root, "split-now", `${id}.sarif`), "utf8")),
      ),
    );
    const merged = { runs: logs.flatMap((log) => log.runs) };
    const whole = await scan([
      after,
      "-f",
      "sarif",
      "--baseline",
      at("reports/last.sarif"),
      "--fail-on",
      "none",
    ]);
    expect(states(merged)).toEqual(states(JSON.parse(whole.stdout)));
  });

  it("shows the text and JSON reader what is new, what changed and what is gone", async () => {
    const text = (await scan([after, "--baseline", at("reports/last.sarif"), "--fail-on", "none"])).stdout;
    expect(text).toContain(
      "external-access      [new] Role new-vendor-audit can be assumed by account 123456789012",
    );
    expect(text).toContain("external-access      [updated] Bucket acme-dev-observability-exports");
    expect(text).toContain("  changed: severity medium → high; actions added: s3:PutObject");
    expect(text).toContain(`Gone since the baseline (${at("reports/last.sarif")})`);
    expect(text).toMatch(
      /\[gone\] CRITICAL {2}public-access +Role break-glass-admin can be assumed by anyone/,
    );
    expect(text).toContain("; since the baseline: 2 new, 1 updated, 1 gone");

    const json = JSON.parse(
      (await scan([after, "-f", "json", "--baseline", at("reports/last.sarif"), "--fail-on", "none"])).stdout,
    );
    expect(json.summary.baseline).toEqual({ new: 2, updated: 1, unchanged: 41, absent: 1 });
    expect(json.baseline.absent).toEqual([
      expect.objectContaining({
        ruleId: "public-access",
        resourceArn: "arn:aws:iam::777788889999:role/break-glass-admin",
        accountId: "777788889999",
        severity: "critical",
      }),
    ]);

    const markdown = (
      await scan([after, "-f", "markdown", "--baseline", at("reports/last.sarif"), "--fail-on", "none"])
    ).stdout;
    expect(markdown).toContain(
      "**Since the baseline:** 2 new, 1 updated, 34 unchanged open findings; 1 finding of the baseline gone.",
    );
    expect(markdown).toContain(
      "- Gone: Critical `public-access` `arn:aws:iam::777788889999:role/break-glass-admin`",
    );
    expect(markdown).toMatch(/1\. \*\*High\*\* `external-access` \(new\): Role new-vendor-audit/);
  });
});

describe("--fail-on-new", () => {
  it("fails only on findings new (or granting more) since the baseline", async () => {
    expect((await scan([before, "--baseline", at("reports/last.sarif"), "--fail-on-new"])).code).toBe(0);
    expect((await scan([before, "--baseline", at("reports/last.sarif")])).code).toBe(1);
    expect((await scan([after, "--baseline", at("reports/last.sarif"), "--fail-on-new"])).code).toBe(1);
    // Only the widened bucket (high) and the new role's findings (high, medium) count: critical ones are old.
    expect(
      (await scan([after, "--baseline", at("reports/last.sarif"), "--fail-on-new", "--fail-on", "critical"]))
        .code,
    ).toBe(0);
    expect(
      (await scan([after, "--baseline", at("reports/last.sarif"), "--fail-on-new", "--fail-on", "high"]))
        .code,
    ).toBe(1);
  });

  it("treats every finding as new on a first run, when the baseline does not exist yet, and says so", async () => {
    const run = await scan([before, "--baseline", at("reports/none-yet.sarif"), "--fail-on-new"]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(
      `warning: no baseline found at ${at("reports/none-yet.sarif")}: every finding is new`,
    );
    expect(run.stdout).toContain(
      `No baseline yet (${at("reports/none-yet.sarif")} not found): every finding is new.`,
    );
  });

  it("needs --baseline", async () => {
    const run = await scan([before, "--fail-on-new"]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("--fail-on-new needs --baseline");
  });

  it("refuses a baseline that is not a report, naming the file and the JSON path (exit 2)", async () => {
    const file = join(root, "reports", "broken.sarif");
    await writeFile(
      file,
      JSON.stringify({ runs: [{ results: [{ ruleId: "x", properties: { "security-severity": 7 } }] }] }),
    );
    const run = await scan([after, "--baseline", file]);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe("");
    expect(run.stderr).toBe(
      `trustscan: ${file}: $.runs[0].results[0].properties.security-severity: expected a security-severity score written by trustscan, found the number 7\n`,
    );
    await writeFile(file, "{ not json");
    const garbled = await scan([after, "--baseline", file]);
    expect(garbled.code).toBe(2);
    expect(garbled.stderr).toContain(`${file}: $: expected a previous trustscan report`);
  });
});

describe("what counts as worse in an updated finding", () => {
  const entry: BaselineEntry = {
    ruleId: "external-access",
    fingerprint: "f",
    severity: "medium",
    actions: ["s3:GetObject"],
    conditions: ["StringEquals aws:SourceVpce = vpce-1"],
    isPublic: false,
    active: true,
    archived: false,
    resourceArn: "arn",
    accountId: "111122223333",
    message: "m",
  };
  const finding = (change: Partial<Finding>): Finding =>
    ({
      severity: "medium",
      actions: ["s3:GetObject"],
      conditions: ["StringEquals aws:SourceVpce = vpce-1"],
      isPublic: false,
      cancelledBy: [],
      ...change,
    }) as Finding;
  const table: { change: Partial<Finding>; changes: string[]; worse: boolean }[] = [
    { change: {}, changes: [], worse: false },
    { change: { severity: "low" }, changes: ["severity medium → low"], worse: false },
    {
      change: { conditions: [] },
      changes: ["conditions no longer required: StringEquals aws:SourceVpce = vpce-1"],
      worse: true,
    },
    {
      change: { conditions: ["StringEquals aws:SourceVpce = vpce-1", "Bool aws:SecureTransport = true"] },
      changes: ["conditions added: Bool aws:SecureTransport = true"],
      worse: false,
    },
    { change: { actions: [] }, changes: ["actions removed: s3:GetObject"], worse: false },
    { change: { isPublic: true }, changes: ["now public"], worse: true },
    {
      change: { cancelledBy: [{ kind: "deny-statement", name: "Deny", justification: "j" }] },
      changes: ["now cancelled by a guardrail"],
      worse: false,
    },
    {
      change: { archived: { rule: "r", reason: "x" } },
      changes: ["now archived"],
      worse: false,
    },
  ];
  it.each(table)("$changes", ({ change, changes, worse }) => {
    expect(changesSince(entry, finding(change))).toEqual({ changes, worse });
  });

  it("counts a finding again when its archive rule went away", () => {
    expect(changesSince({ ...entry, archived: true }, finding({}))).toEqual({
      changes: ["no longer archived"],
      worse: true,
    });
  });
});
