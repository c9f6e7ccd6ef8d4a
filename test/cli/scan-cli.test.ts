import { existsSync } from "node:fs";
import { mkdtemp, readdir, readFile, rm, writeFile, mkdir } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import pkg from "../../package.json" with { type: "json" };
import { runTrustscan } from "../helpers/run-cli.js";

const EXAMPLE = "snapshots/example-org";
const temps: string[] = [];
afterAll(async () => Promise.all(temps.map((dir) => rm(dir, { recursive: true, force: true }))));

async function tempDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), "trustscan-cli-"));
  temps.push(dir);
  return dir;
}

async function writeJson(dir: string, name: string, text: string): Promise<string> {
  const path = join(dir, name);
  await writeFile(path, text);
  return path;
}

describe("trustscan scan: bad input is exit 2 with a message naming the file, and nothing written", () => {
  it("truncated JSON", async () => {
    const file = await writeJson(
      await tempDir(),
      "dump.json",
      '{"RoleDetailList": [{"RoleName": "a", "Arn": ',
    );
    const run = await runTrustscan(["scan", file]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(file);
    expect(run.stderr).toMatch(/truncated|end of the file/);
    expect(run.stdout).toBe("");
  });

  it("a wrong type, with the JSON path and what was expected", async () => {
    const dump = {
      RoleDetailList: [
        {
          RoleName: "r",
          Path: "/",
          Arn: "arn:aws:iam::111122223333:role/r",
          AssumeRolePolicyDocument: {
            Version: "2012-10-17",
            Statement: 42,
          },
        },
      ],
    };
    const file = await writeJson(await tempDir(), "dump.json", JSON.stringify(dump, null, 2));
    const run = await runTrustscan(["scan", file]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(file);
    expect(run.stderr).toContain("$.RoleDetailList[0].AssumeRolePolicyDocument.Statement");
    expect(run.stderr).toContain("expected");
  });

  it("a missing path", async () => {
    const run = await runTrustscan(["scan", "no/such/snapshot"]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("no/such/snapshot");
  });

  it("something that is not a snapshot at all", async () => {
    const dir = await tempDir();
    const file = await writeJson(dir, "package.json", '{"name": "not-a-snapshot"}');
    const run = await runTrustscan(["scan", file]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(file);
    const emptyDir = join(dir, "empty");
    await mkdir(emptyDir);
    const runDir = await runTrustscan(["scan", emptyDir]);
    expect(runDir.code).toBe(2);
    expect(runDir.stderr).toContain("snapshot.json");
  });

  it("--output is not created (and an existing file is kept) when the input is bad", async () => {
    const dir = await tempDir();
    const output = join(dir, "report.sarif");
    const bad = await writeJson(dir, "dump.json", "{");
    expect((await runTrustscan(["scan", bad, "--format", "sarif", "--output", output])).code).toBe(2);
    expect(await readdir(dir)).toEqual(["dump.json"]);
    await writeFile(output, "previous report\n");
    expect((await runTrustscan(["scan", bad, "--format", "sarif", "--output", output])).code).toBe(2);
    expect(await readFile(output, "utf8")).toBe("previous report\n");
    expect((await readdir(dir)).sort()).toEqual(["dump.json", "report.sarif"]);
  });

  it("usage errors", async () => {
    expect((await runTrustscan(["scan", EXAMPLE, "--format", "xml"])).code).toBe(2);
    expect((await runTrustscan(["scan", EXAMPLE, "--trusted-account", "12345"])).code).toBe(2);
    expect((await runTrustscan(["scan", EXAMPLE, "--fail-on", "urgent"])).code).toBe(2);
    expect((await runTrustscan(["scan"])).code).toBe(2);
    const noOrg = await runTrustscan([
      "scan",
      "test/fixtures/snapshot/cloudsplaining-example.json",
      "--zone",
      "organization",
    ]);
    expect(noOrg.code).toBe(2);
    expect(noOrg.stderr).toContain("organization.json");
  });
});

describe("trustscan scan: output", () => {
  it("--output writes the report atomically and prints nothing", async () => {
    const dir = await tempDir();
    const output = join(dir, "out.json");
    const run = await runTrustscan([
      "scan",
      EXAMPLE,
      "--format",
      "json",
      "--output",
      output,
      "--fail-on",
      "none",
      "--allow-incomplete",
    ]);
    expect(run.code).toBe(0);
    expect(run.stdout).toBe("");
    expect(JSON.parse(await readFile(output, "utf8")).schemaVersion).toBe(1);
    expect(await readdir(dir)).toEqual(["out.json"]);
  });

  it("--fail-on picks the threshold", async () => {
    // The example records a collection error: exit 3 unless --allow-incomplete.
    expect((await runTrustscan(["scan", EXAMPLE, "--fail-on", "none"])).code).toBe(3);
    expect((await runTrustscan(["scan", EXAMPLE, "--fail-on", "none", "--allow-incomplete"])).code).toBe(0);
    expect((await runTrustscan(["scan", EXAMPLE, "--fail-on", "high"])).code).toBe(1);
    // Trusting the vendor, auditor and former-vendor (Initech) accounts, every outside account the example's
    // grants name, leaves the public, federation and deputy findings.
    const trusted = await runTrustscan([
      "scan",
      EXAMPLE,
      "--format",
      "json",
      "--fail-on",
      "none",
      "--trusted-account",
      "464622532012",
      "--trusted-account",
      "999988887777",
      "--trusted-account",
      "246813579135",
    ]);
    const rules = JSON.parse(trusted.stdout).findings.map((f: { ruleId: string }) => f.ruleId);
    expect(rules).not.toContain("external-access");
    expect(rules).not.toContain("missing-external-id");
    expect(rules).toContain("public-access");
  });

  it("- and /dev/stdout mean standard output; an empty --output is a usage error", async () => {
    const expected = (await runTrustscan(["scan", EXAMPLE, "--format", "json", "--fail-on", "none"])).stdout;
    for (const name of ["-", "/dev/stdout"]) {
      const run = await runTrustscan([
        "scan",
        EXAMPLE,
        "--format",
        "json",
        "--fail-on",
        "none",
        "--output",
        name,
      ]);
      expect(run.code).toBe(3);
      expect(run.stdout).toBe(expected);
    }
    expect(existsSync("-")).toBe(false);
    const empty = await runTrustscan(["scan", EXAMPLE, "--output", ""]);
    expect(empty.code).toBe(2);
    expect(empty.stderr).toContain("option '-o, --output <file>' argument '' is invalid");
    expect(empty.stdout).toBe("");
  });

  it("fails with exit 2 naming the --output target when it cannot be written", async () => {
    const dir = await tempDir();
    const output = join(dir, "no-such-dir", "report.sarif");
    const run = await runTrustscan(["scan", EXAMPLE, "--fail-on", "none", "--output", output]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(`trustscan: cannot write ${output}: its directory does not exist\n`);
    expect(await readdir(dir)).toEqual([]);
  });

  it("npm start succeeds (exit 0) on the example organization", async () => {
    const [, , ...args] = pkg.scripts.start.split(" ");
    expect(args.slice(0, 2)).toEqual(["scan", EXAMPLE]);
    expect((await runTrustscan(args)).code).toBe(0);
  });

  it("warns on standard error about collection errors recorded in the snapshot", async () => {
    const run = await runTrustscan(["scan", EXAMPLE, "--fail-on", "none"]);
    expect(run.stderr).toContain("2 collection error");
  });
});

describe("trustscan scan: a policy outside IAM's grammar is a reported problem, not a failed scan", () => {
  function trustRole(name: string, statement: Record<string, unknown>) {
    return {
      RoleName: name,
      Path: "/",
      Arn: `arn:aws:iam::111122223333:role/${name}`,
      AssumeRolePolicyDocument: { Version: "2012-10-17", Statement: [statement] },
    };
  }
  const lowercaseAllow = trustRole("vendor", {
    Effect: "allow",
    Principal: { AWS: "arn:aws:iam::999988887777:root" },
    Action: "sts:AssumeRole",
  });
  const publicTrust = trustRole("open", { Effect: "Allow", Principal: "*", Action: "sts:AssumeRole" });
  const effectPath = "$.RoleDetailList[0].AssumeRolePolicyDocument.Statement[0].Effect";

  it('a dump with one lowercase "allow" scans every role, reports the problem and exits by its findings', async () => {
    const dump = { RoleDetailList: [lowercaseAllow, publicTrust] };
    const file = await writeJson(await tempDir(), "dump.json", JSON.stringify(dump, null, 2));
    const run = await runTrustscan(["scan", file, "--format", "json"]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(
      `trustscan: warning: ${file}: ${effectPath}: read as "Allow", the reading that reports access: line `,
    );
    expect(run.stderr).not.toContain("skipped; the rest was scanned");
    const report = JSON.parse(run.stdout) as {
      findings: { ruleId: string; resource: { arn: string } }[];
      problems: { readProblems: { kind: string; jsonPath: string }[] };
    };
    expect(report.problems.readProblems).toEqual([
      expect.objectContaining({ kind: "policy-grammar", file, jsonPath: effectPath }),
    ]);
    const flagged = report.findings.map((f) => `${f.ruleId} ${f.resource.arn}`);
    expect(flagged).toContain("external-access arn:aws:iam::111122223333:role/vendor");
    expect(flagged).toContain("public-access arn:aws:iam::111122223333:role/open");
  });

  it("exits 0 when the problem leaves nothing to report, and still warns", async () => {
    const deny = trustRole("closed", { Effect: "deny", Principal: "*", Action: "sts:AssumeRole" });
    const file = await writeJson(
      await tempDir(),
      "dump.json",
      JSON.stringify({
        RoleDetailList: [
          deny,
          trustRole("ec2", {
            Effect: "Allow",
            Principal: { Service: "ec2.amazonaws.com" },
            Action: "sts:AssumeRole",
          }),
        ],
      }),
    );
    const run = await runTrustscan(["scan", file]);
    expect(run.code).toBe(0);
    expect(run.stderr).toContain(`${effectPath}: Deny statement skipped, so it cancels nothing`);
    expect(run.stdout).toContain(`warning: Policy outside IAM's grammar at ${effectPath} in ${file}`);
  });

  it("keeps control characters of the policy out of the terminal", async () => {
    // U+009B is a terminal's one-byte CSI, and JSON string escaping leaves it as it is.
    const hostile = trustRole("odd", {
      Effect: "Allow",
      Principal: { "\u009b31mAWS": "999988887777" },
      Action: "sts:AssumeRole",
    });
    const file = await writeJson(await tempDir(), "dump.json", JSON.stringify({ RoleDetailList: [hostile] }));
    const run = await runTrustscan(["scan", file]);
    expect(run.stderr).toContain("Principal[");
    // eslint-disable-next-line no-control-regex
    expect(run.stderr.replaceAll("\n", "")).not.toMatch(/[\u0000-\u001f\u007f-\u009f]/);
  });
});

describe("trustscan rules, --version, --help", () => {
  it("lists every rule in each format", async () => {
    const ids = [
      "public-access",
      "external-access",
      "missing-external-id",
      "confused-deputy",
      "unscoped-federation",
    ];
    const text = await runTrustscan(["rules"]);
    for (const id of ids) expect(text.stdout).toContain(id);
    const json = JSON.parse((await runTrustscan(["rules", "--format", "json"])).stdout);
    expect(json.rules).toHaveLength(ids.length);
    for (const rule of json.rules) expect(rule.docs?.whatItDoes ?? rule.help?.text).toBeTruthy();
    for (const id of ids) expect(JSON.stringify(json)).toContain(id);
    const markdown = await runTrustscan(["rules", "--format", "markdown"]);
    expect(markdown.stdout).toContain("## ");
    expect(markdown.stdout).toContain("How to fix");
  });

  it("prints the version and help with examples", async () => {
    const version = await runTrustscan(["--version"]);
    expect(version.code).toBe(0);
    expect(version.stdout.trim()).toBe(pkg.version);
    const help = await runTrustscan(["scan", "--help"]);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain("Examples:");
    expect(help.stdout).toContain("--fail-on");
  });
});
