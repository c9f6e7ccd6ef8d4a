import { copyFile, cp, mkdir, readdir, readFile, writeFile } from "node:fs/promises";
import { join, relative } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { scanSnapshot } from "../../src/engine/scan.js";
import type { ScanResult } from "../../src/findings/scan-result.js";
import { renderSarif, renderSarifFiles, ReportLimitError } from "../../src/report/index.js";
import { readSnapshots } from "../../src/snapshot/index.js";
import { runTrustscan } from "../helpers/run-cli.js";
import { checkGithubRules, errorsOf, validateSarifSchema } from "../helpers/sarif-github.js";
import { writeSyntheticOrg } from "../helpers/synthetic-org.js";
import { tempDirs } from "../helpers/temp-dirs.js";

const EXAMPLE = "snapshots/example-org";
const ACCOUNTS = ["111122223333", "222233334444", "444455556666", "777788889999"];
const tempDir = tempDirs("sarif-split");

interface Log {
  runs: {
    automationDetails: { id: string };
    invocations: {
      executionSuccessful: boolean;
      toolExecutionNotifications: { descriptor: { id: string } }[];
    }[];
    results: {
      ruleId: string;
      partialFingerprints: { primaryLocationLineHash: string };
      properties: { accountId: string };
    }[];
  }[];
}

const keys = (logs: Log[]) =>
  logs
    .flatMap((log) => log.runs[0]!.results)
    .map((r) => `${r.ruleId} ${r.partialFingerprints.primaryLocationLineHash}`)
    .sort();

async function exampleResult(): Promise<ScanResult> {
  const snapshot = await readSnapshots([EXAMPLE]);
  return { ...scanSnapshot(snapshot), scannedAccounts: snapshot.accounts.map((a) => a.accountId).sort() };
}

describe("--sarif-split account", () => {
  it("writes one file per account, each one run with its own category, together the whole scan", async () => {
    const dir = await tempDir();
    const out = join(dir, "sarif");
    const run = await runTrustscan([
      "scan",
      EXAMPLE,
      "-f",
      "sarif",
      "--sarif-split",
      "account",
      "-o",
      out,
      "--fail-on",
      "none",
      "--allow-incomplete",
    ]);
    expect(run.code).toBe(0);
    expect(run.stderr).toContain(`wrote 4 SARIF file(s) to ${out}, one per account`);
    expect((await readdir(out)).sort()).toEqual(ACCOUNTS.map((id) => `${id}.sarif`));
    const logs: Log[] = [];
    for (const id of ACCOUNTS) {
      const text = await readFile(join(out, `${id}.sarif`), "utf8");
      const log = JSON.parse(text) as Log;
      logs.push(log);
      expect(validateSarifSchema(log)).toEqual([]);
      expect(errorsOf(checkGithubRules(log, process.cwd(), { text }))).toEqual([]);
      expect(log.runs).toHaveLength(1);
      expect(log.runs[0]!.automationDetails.id).toBe(`trustscan/organization/${id}/`);
      for (const result of log.runs[0]!.results) expect(result.properties.accountId).toBe(id);
    }
    const whole = JSON.parse(
      (await runTrustscan(["scan", EXAMPLE, "-f", "sarif", "--fail-on", "none", "--allow-incomplete"]))
        .stdout,
    ) as Log;
    expect(keys(logs)).toEqual(keys([whole]));
    // The failed collection calls were in 222233334444 (lambda:ListFunctions) and 777788889999
    // (s3:GetBucketPolicy): only those accounts' runs are incomplete.
    const incomplete = logs.map((log) => log.runs[0]!.invocations[0]!.executionSuccessful);
    expect(incomplete).toEqual([true, false, true, false]);
  });

  it("gives every account a run, even one without findings, so that its fixed alerts close", async () => {
    const result = await exampleResult();
    const files = renderSarifFiles(
      { ...result, findings: result.findings.filter((f) => f.resource.accountId !== "222233334444") },
      { repoRoot: process.cwd(), split: "account" },
    );
    const empty = files.find((file) => file.accountId === "222233334444")!;
    expect(JSON.parse(empty.text).runs[0].results).toEqual([]);
  });

  it("refuses a directory holding other SARIF files, and removes files of accounts no longer scanned", async () => {
    const dir = await tempDir();
    const args = [
      "scan",
      EXAMPLE,
      "-f",
      "sarif",
      "--sarif-split",
      "account",
      "-o",
      dir,
      "--allow-incomplete",
    ];
    await writeFile(join(dir, "other-tool.sarif"), "{}");
    const refused = await runTrustscan(args);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain(
      "it holds SARIF files trustscan did not write per account (other-tool.sarif)",
    );
    expect(await readdir(dir)).toEqual(["other-tool.sarif"]);

    const clean = await tempDir();
    await writeFile(join(clean, "999999999999.sarif"), "{}");
    await writeFile(join(clean, "README.md"), "kept");
    const run = await runTrustscan([...args.slice(0, -2), clean, "--allow-incomplete"]);
    expect(run.code).toBe(1);
    expect((await readdir(clean)).sort()).toEqual([...ACCOUNTS.map((id) => `${id}.sarif`), "README.md"]);
  });

  it("writes no file when an account's file cannot be made, leaving the directory as it was", async () => {
    const root = await tempDir();
    const repo = join(root, "repo");
    await cp(EXAMPLE, join(repo, "snapshot"), { recursive: true });
    // A dump outside the repository: its account, 123456789012, comes after 111122223333, whose file is made first.
    const outside = await tempDir();
    await copyFile("test/fixtures/snapshot/authorization-details-encoded.json", join(outside, "dump.json"));
    const out = join(repo, "sarif");
    await mkdir(out);
    await writeFile(join(out, "111122223333.sarif"), "last week\n");
    await writeFile(join(out, "999999999999.sarif"), "an account no longer scanned\n");
    const args = (output: string) => [
      "scan",
      join(repo, "snapshot"),
      join(outside, "dump.json"),
      "-f",
      "sarif",
      "--sarif-split",
      "account",
      "-o",
      output,
      "--repo-root",
      repo,
      "--allow-incomplete",
    ];
    const run = await runTrustscan(args(out));
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(`${join(outside, "dump.json")} is outside the repository root ${repo}`);
    expect((await readdir(out)).sort()).toEqual(["111122223333.sarif", "999999999999.sarif"]);
    expect(await readFile(join(out, "111122223333.sarif"), "utf8")).toBe("last week\n");
    // Directories that did not exist are not left behind either.
    const fresh = join(repo, "reports", "weekly", "sarif");
    expect((await runTrustscan(args(fresh))).code).toBe(2);
    expect(await readdir(repo)).toEqual(["sarif", "snapshot"]);
  });

  it("refuses an --output that is not a directory before it scans", async () => {
    const dir = await tempDir();
    await writeFile(join(dir, "report.sarif"), "kept\n");
    const run = await runTrustscan([
      "scan",
      EXAMPLE,
      "-f",
      "sarif",
      "--sarif-split",
      "account",
      "-o",
      join(dir, "report.sarif"),
    ]);
    expect(run.code).toBe(2);
    // Only the error: no warning of the scan's (the example's collection error), which did not run.
    expect(run.stderr).toBe(
      `trustscan: cannot write ${join(dir, "report.sarif")}: with --sarif-split account, --output names a directory (one <account>.sarif per account)\n`,
    );
    expect(await readFile(join(dir, "report.sarif"), "utf8")).toBe("kept\n");
  });

  it("is for --format sarif with an --output directory only", async () => {
    const text = await runTrustscan(["scan", EXAMPLE, "--sarif-split", "account", "-o", "x"]);
    expect(text.code).toBe(2);
    expect(text.stderr).toContain("--sarif-split account applies to --format sarif only");
    const stdout = await runTrustscan(["scan", EXAMPLE, "-f", "sarif", "--sarif-split", "account"]);
    expect(stdout.code).toBe(2);
    expect(stdout.stderr).toContain("give --output a directory");
  });
});

describe("--category", () => {
  it("sets the category of the run, and of each account's run", async () => {
    const one = JSON.parse(
      (await runTrustscan(["scan", EXAMPLE, "-f", "sarif", "--category", "acme/prod", "--allow-incomplete"]))
        .stdout,
    );
    expect(one.runs[0].automationDetails.id).toBe("trustscan/acme/prod/");
    const prefixed = JSON.parse(
      (
        await runTrustscan([
          "scan",
          EXAMPLE,
          "-f",
          "sarif",
          "--category",
          "trustscan/acme",
          "--allow-incomplete",
        ])
      ).stdout,
    );
    expect(prefixed.runs[0].automationDetails.id).toBe("trustscan/acme/");
    const files = renderSarifFiles(await exampleResult(), {
      repoRoot: process.cwd(),
      split: "account",
      category: "acme",
    });
    expect(files.map((file) => file.automationId)).toEqual(ACCOUNTS.map((id) => `trustscan/acme/${id}/`));
    const bad = await runTrustscan(["scan", EXAMPLE, "-f", "sarif", "--category", "a b"]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain("expected a category of letters, digits");
  });
});

describe("an organization past GitHub's per-run limits", () => {
  let result: ScanResult;
  let root: string;
  beforeAll(async () => {
    root = await tempDir();
    const snapshotDir = join(root, "org");
    const ids = await writeSyntheticOrg(snapshotDir, 200);
    result = {
      ...scanSnapshot(await readSnapshots([snapshotDir])),
      scannedAccounts: ids,
      sources: [relative(root, snapshotDir)],
    };
  });

  it("is refused as one run, and uploaded whole as one run per account", () => {
    // GitHub's limit of 25,000 results per run, scaled down to this organization.
    const limits = { maxResults: Math.floor(result.findings.length / 2) };
    expect(() => renderSarif(result, { repoRoot: root, cwd: root, limits })).toThrow(ReportLimitError);
    expect(() => renderSarif(result, { repoRoot: root, cwd: root, limits })).toThrow(/--sarif-split account/);
    const files = renderSarifFiles(result, { repoRoot: root, cwd: root, limits, split: "account" });
    expect(files).toHaveLength(200);
    const logs = files.map((file) => JSON.parse(file.text) as Log);
    for (const [index, log] of logs.entries()) {
      expect(errorsOf(checkGithubRules(log, root, { text: files[index]!.text }))).toEqual([]);
    }
    expect(new Set(files.map((file) => file.automationId)).size).toBe(200);
    const whole = JSON.parse(renderSarif(result, { repoRoot: root, cwd: root })) as Log;
    expect(keys(logs)).toEqual(keys([whole]));
  });

  it("names the account whose own run is past the limits", () => {
    const counts = new Map<string, number>();
    for (const f of result.findings)
      counts.set(f.resource.accountId, (counts.get(f.resource.accountId) ?? 0) + 1);
    const first = [...counts.entries()].filter(([, n]) => n > 2).sort(([a], [b]) => a.localeCompare(b))[0];
    expect(first).toBeDefined();
    expect(() =>
      renderSarifFiles(result, { repoRoot: root, cwd: root, limits: { maxResults: 2 }, split: "account" }),
    ).toThrow(
      `Account ${first?.[0]}: ${first?.[1]} findings exceed GitHub code scanning's limit of 2 results`,
    );
  });
});

describe("an organization past GitHub's real limits", () => {
  it("gets no single SARIF run past 25,000 results, and every account's run within the limits", async () => {
    const example = await exampleResult();
    const template = example.findings.find((f) => f.ruleId === "external-access")!;
    const accounts = Array.from({ length: 300 }, (_, i) => String(500000000000 + i));
    // 300 accounts of 100 findings each: 30,000 results, past GitHub's 25,000 per run.
    const findings = accounts.flatMap((accountId) =>
      Array.from({ length: 100 }, (_, n) => ({
        ...template,
        resource: { ...template.resource, accountId, arn: `arn:aws:iam::${accountId}:role/r${n}` },
        fingerprint: `${(Number(accountId) * 1000 + n).toString(16).padStart(16, "0").slice(-16)}:1`,
      })),
    );
    const result: ScanResult = {
      ...example,
      findings,
      scannedAccounts: accounts,
      readProblems: [],
      collectionErrors: [],
    };
    expect(() => renderSarif(result, { repoRoot: process.cwd() })).toThrow(
      /30000 findings exceed GitHub code scanning's limit of 25000 results per SARIF run; no SARIF file was written/,
    );
    const files = renderSarifFiles(result, { repoRoot: process.cwd(), split: "account" });
    expect(files).toHaveLength(300);
    for (const file of files) {
      const log = JSON.parse(file.text);
      expect(log.runs[0].results).toHaveLength(100);
      expect(errorsOf(checkGithubRules(log, undefined, { text: file.text }))).toEqual([]);
    }
  });
});
