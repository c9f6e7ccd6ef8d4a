import { existsSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { checkGithubRules, errorsOf, validateSarifSchema } from "../helpers/sarif-github.js";
import { runTrustscan } from "../helpers/run-cli.js";
import { writeSnapshotDir, type SnapshotSpec } from "./support/snapshot-dir.js";

const temps: string[] = [];
afterAll(async () => Promise.all(temps.map((dir) => rm(dir, { recursive: true, force: true }))));

async function snapshot(spec: SnapshotSpec): Promise<string> {
  const parent = await mkdtemp(join(tmpdir(), "trustscan-incomplete-"));
  temps.push(parent);
  return writeSnapshotDir(spec, parent);
}

const A = "111122223333";
const B = "444455556666";
const CLEAN = { roles: [{ name: "internal", principal: A }] };
const PUBLIC = { roles: [{ name: "open-door", principal: "*" }] };
const DENIED = {
  service: "s3",
  operation: "GetBucketPolicy",
  resource: "arn:aws:s3:::b",
  code: "AccessDenied",
};

describe("trustscan scan: a scan that read no account is an input error (exit 2), never a pass", () => {
  it("a manifest that lists no accounts", async () => {
    const dir = await snapshot({ accounts: {} });
    const output = join(dirname(dir), "report.sarif");
    const run = await runTrustscan(["scan", dir, "--format", "sarif", "--output", output]);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(
      `trustscan: nothing to scan: ${dir} lists no accounts (its snapshot.json "accounts" is empty)\n`,
    );
    expect(run.stdout).toBe("");
    expect(existsSync(output)).toBe(false);
  });

  it("a manifest whose account files are all missing, even with --allow-incomplete and --fail-on none", async () => {
    const dir = await snapshot({ accounts: {}, missing: [A, B] });
    const run = await runTrustscan(["scan", dir, "--fail-on", "none", "--allow-incomplete"]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(`nothing to scan: not one account of ${dir} could be read:`);
    expect(run.stderr).toContain(join(dir, "accounts", `${A}.json`));
    expect(run.stderr).toContain(join(dir, "accounts", `${B}.json`));
    expect(run.stdout).toBe("");
  });
});

describe("trustscan scan: incomplete input exits 3 unless --allow-incomplete", () => {
  it("an account file that cannot be read", async () => {
    const dir = await snapshot({ accounts: { [A]: CLEAN }, missing: [B] });
    const run = await runTrustscan(["scan", dir]);
    expect(run.code).toBe(3);
    expect(run.stdout).toContain("No active findings.");
    expect(run.stderr).toContain(`warning: ${join(dir, "accounts", `${B}.json`)}: $: account ${B} skipped`);
    expect(run.stderr).toContain(
      "trustscan: some input was not scanned, so findings may be missing: exit status 3 " +
        "(pass --allow-incomplete to exit by the findings alone)\n",
    );
    const allowed = await runTrustscan(["scan", dir, "--allow-incomplete"]);
    expect(allowed.code).toBe(0);
    expect(allowed.stderr).not.toContain("exit status 3");
  });

  it("collection errors recorded in the snapshot, in an account file or in snapshot.json", async () => {
    const inAccount = await snapshot({ accounts: { [A]: { ...CLEAN, errors: [DENIED] } } });
    const inManifest = await snapshot({ accounts: { [A]: CLEAN }, errors: [DENIED] });
    for (const dir of [inAccount, inManifest]) {
      expect((await runTrustscan(["scan", dir])).code).toBe(3);
      expect((await runTrustscan(["scan", dir, "--fail-on", "none"])).code).toBe(3);
      expect((await runTrustscan(["scan", dir, "--allow-incomplete"])).code).toBe(0);
    }
  });

  it("an active finding at or above --fail-on outranks incompleteness (exit 1)", async () => {
    const dir = await snapshot({ accounts: { [A]: PUBLIC }, missing: [B] });
    expect((await runTrustscan(["scan", dir])).code).toBe(1);
    expect((await runTrustscan(["scan", dir, "--allow-incomplete"])).code).toBe(1);
  });

  it("a complete scan exits by its findings alone", async () => {
    expect((await runTrustscan(["scan", await snapshot({ accounts: { [A]: CLEAN } })])).code).toBe(0);
    expect(
      (await runTrustscan(["scan", await snapshot({ accounts: { [A]: PUBLIC, [B]: CLEAN } })])).code,
    ).toBe(1);
  });

  it("says in SARIF that the run was not successful, with a notification for each thing skipped", async () => {
    const incomplete = await snapshot({ accounts: { [A]: { ...PUBLIC, errors: [DENIED] } }, missing: [B] });
    const complete = await snapshot({ accounts: { [A]: PUBLIC } });
    const sarifOf = async (dir: string) => {
      const root = dirname(dir);
      const run = await runTrustscan([
        "scan",
        dir,
        "--format",
        "sarif",
        "--repo-root",
        root,
        "--fail-on",
        "none",
      ]);
      const log = JSON.parse(run.stdout);
      expect(validateSarifSchema(log)).toEqual([]);
      expect(errorsOf(checkGithubRules(log, root, { requireFingerprints: true, text: run.stdout }))).toEqual(
        [],
      );
      return { code: run.code, invocation: log.runs[0].invocations[0] };
    };

    const partial = await sarifOf(incomplete);
    expect(partial.code).toBe(3);
    expect(partial.invocation.executionSuccessful).toBe(false);
    expect(
      partial.invocation.toolExecutionNotifications.map(
        (n: { level: string; descriptor: { id: string } }) => `${n.level} ${n.descriptor.id}`,
      ),
    ).toEqual(["error read-problem", "warning collection-error"]);
    expect(partial.invocation.toolExecutionNotifications[0].message.text).toContain(`account ${B} skipped`);

    const whole = await sarifOf(complete);
    expect(whole.code).toBe(0);
    expect(whole.invocation).toEqual({ executionSuccessful: true, toolExecutionNotifications: [] });
  });
});
