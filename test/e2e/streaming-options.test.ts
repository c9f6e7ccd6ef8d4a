/**
 * The options that once needed every finding in memory — archive rules and severity overrides (config),
 * `--baseline` (with `--fail-on-new`), `--sarif-split account` — through the streaming `trustscan scan`, against
 * the in-memory scan they replaced (test/helpers/in-memory-scan.ts): standard output, every split SARIF file,
 * standard error and the exit status, byte for byte, in both zones and every format, each option alone and all
 * together, on the example organization and on a synthetic one of several accounts.
 */
import { cp, mkdir, readdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { writeSyntheticOrg } from "../../scripts/bench/synthetic-org.js";
import type { ScanFlags } from "../../src/cli/scan-settings.js";
import { WORKERS_VARIABLE } from "../../src/engine/scan-workers.js";
import type { ReportFormat } from "../../src/report/index.js";
import { twoWeeks } from "../helpers/changed-example.js";
import { scanInMemory } from "../helpers/in-memory-scan.js";
import { runTrustscan } from "../helpers/run-cli.js";
import { tempDirs } from "../helpers/temp-dirs.js";

const EXAMPLE = "snapshots/example-org";
// Its roles are in two accounts, one of them sorted before every account of the example.
const DUMP = "test/fixtures/snapshot/cloudsplaining-example.json";
const FORMATS: ReportFormat[] = ["text", "json", "sarif", "markdown"];
const ZONES = ["organization", "account"] as const;
const tempDir = tempDirs("streaming-options");

/** Rules that archive some findings of some accounts, one that expired and one that matches nothing. */
const ARCHIVE_RULES = [
  "archiveRules:",
  "  - name: vendors",
  "    reason: approved vendors, SEC-1",
  "    expires: 2999-12-31",
  "    match: { principal: { vendor: ['Datadog', '*a*'] } }",
  "  - name: partner-buckets",
  "    reason: partner data exchange",
  "    match: { resourceType: 'AWS::S3::Bucket', principal: { account: ['999988887777', '888877776666'] } }",
  "  - name: second-accounts",
  "    reason: sandbox accounts",
  "    match: { account: ['222233334444', '200000007919', '200000039595'], rule: [external-access, confused-deputy] }",
  "  - name: vendor-accounts",
  "    reason: vendors reviewed by account",
  "    match: { principal: { account: ['537513441174', '412643178364', '999988887777'] } }",
  "  - name: expired-public",
  "    reason: temporary",
  "    expires: 2000-01-01",
  "    match: { public: true }",
  "  - name: stale",
  "    reason: role deleted",
  "    match: { resource: 'arn:aws:iam::*:role/deleted-*' }",
];
const SEVERITY = [
  "severity:",
  "  confused-deputy: critical",
  "  external-access: low",
  "  missing-external-id: high",
];

interface Input {
  name: string;
  paths: string[];
  repoRoot?: string;
  /** Previous reports of a changed copy of the input. */
  baseline: string[];
  /** The same and reports of accounts this input does not have (never counted as gone). */
  baselines: string[];
}

interface Options {
  name: string;
  config?: string;
  baseline?: boolean;
  /** Every baseline file, with --fail-on-new. */
  allBaselines?: boolean;
  split?: boolean;
}

let root: string;
let configs: { archive: string; severity: string; both: string };
let example: Input;
let synthetic: Input;
/** The bucket of the synthetic organization that moved to another account since last week. */
let movedBucket: string;
let exampleWithDump: Input;
let outputs = 0;

/** A report of `paths` written with the CLI (the previous run of a weekly job). */
async function report(paths: string[], format: "json" | "sarif", name: string): Promise<string> {
  const file = join(root, "reports", name);
  const run = await runTrustscan(
    [
      "scan",
      ...paths,
      "-f",
      format,
      "-o",
      file,
      "--repo-root",
      root,
      "--fail-on",
      "none",
      "--allow-incomplete",
    ],
    root,
  );
  expect(run.code, run.stderr).toBe(0);
  return file;
}

interface AccountFile {
  iam: { RoleDetailList: { RoleName: string }[] };
  s3: { Buckets: { Name: string; Policy: { Statement: { Action: string | string[] }[] } | null }[] };
}

interface ReportedFinding {
  fingerprint: string;
  resource: { name: string; type: string; accountId: string };
}

async function editAccount(dir: string, id: string, edit: (account: AccountFile) => void): Promise<void> {
  const file = join(dir, "accounts", `${id}.json`);
  const account = JSON.parse(await readFile(file, "utf8")) as AccountFile;
  edit(account);
  await writeFile(file, `${JSON.stringify(account, null, 2)}\n`);
}

beforeAll(async () => {
  root = await tempDir();
  await mkdir(join(root, "reports"));
  const config = async (name: string, lines: string[]) => {
    const file = join(root, name);
    await writeFile(file, `${lines.join("\n")}\n`);
    return file;
  };
  configs = {
    archive: await config("archive.yaml", ARCHIVE_RULES),
    severity: await config("severity.yaml", SEVERITY),
    both: await config("both.yaml", [...SEVERITY, ...ARCHIVE_RULES]),
  };

  // The example organization against last week's reports of a changed copy: new, updated and gone findings.
  const { after } = await twoWeeks(root);
  const exampleJson = await report([after], "json", "example.json");
  const exampleSarif = await report([after], "sarif", "example.sarif");
  example = { name: "the example organization", paths: [EXAMPLE], baseline: [exampleSarif], baselines: [] };

  // A synthetic organization of nine accounts: one file unreadable, roles deleted since last week, a bucket policy
  // widened, and a bucket that moved to another account (its finding keeps its fingerprint: not gone).
  const previous = join(root, "synthetic-previous");
  const current = join(root, "synthetic");
  await writeSyntheticOrg(previous, 9, { rolesPerAccount: 80, bucketsPerAccount: 15 });
  const syntheticJson = await report([previous], "json", "synthetic.json");
  const findingsOf = async (file: string) =>
    (JSON.parse(await readFile(file, "utf8")) as { findings: ReportedFinding[] }).findings;
  const ids = (await readdir(join(previous, "accounts"))).map((name) => name.slice(0, 12)).sort();
  const [, first, , third, , fifth, , seventh] = ids as [
    string,
    string,
    string,
    string,
    string,
    string,
    string,
    string,
  ];
  const lastWeek = await findingsOf(syntheticJson);
  const movedName = lastWeek.find(
    (finding) => finding.resource.accountId === first && finding.resource.type === "AWS::S3::Bucket",
  )?.resource.name;
  expect(movedName).toBeDefined();
  movedBucket = movedName!;
  await cp(previous, current, { recursive: true });
  const deleted = new Set(
    lastWeek
      .filter((finding) => finding.resource.accountId === third && finding.resource.type === "AWS::IAM::Role")
      .map((finding) => finding.resource.name)
      .slice(0, 3),
  );
  expect(deleted.size).toBeGreaterThan(0);
  await editAccount(current, third, (account) => {
    account.iam.RoleDetailList = account.iam.RoleDetailList.filter((role) => !deleted.has(role.RoleName));
  });
  let moved: AccountFile["s3"]["Buckets"][number] | undefined;
  await editAccount(current, first, (account) => {
    const buckets = account.s3.Buckets;
    moved = buckets.splice(
      buckets.findIndex((bucket) => bucket.Name === movedName),
      1,
    )[0];
    const widened = buckets.find((bucket) => bucket.Policy !== null)!.Policy!.Statement[0]!;
    widened.Action = [...[widened.Action].flat(), "s3:PutObject"];
  });
  await editAccount(current, fifth, (account) => account.s3.Buckets.push(moved!));
  await writeFile(join(current, "accounts", `${seventh}.json`), '{"accountId": "');
  synthetic = {
    name: "a synthetic organization of nine accounts",
    paths: [current],
    repoRoot: root,
    baseline: [syntheticJson],
    baselines: [syntheticJson, exampleJson],
  };
  // The bucket's findings were in one account last week and are in another now, keeping their fingerprints.
  const ofMoved = (findings: ReportedFinding[]) =>
    findings.filter((finding) => finding.resource.name === movedName);
  const before = ofMoved(lastWeek);
  const now = ofMoved(await findingsOf(await report([current], "json", "synthetic-now.json")));
  expect(before.length).toBeGreaterThan(0);
  expect(now.map((finding) => finding.fingerprint)).toEqual(
    expect.arrayContaining(before.map((finding) => finding.fingerprint)),
  );
  expect(now.every((finding) => finding.resource.accountId === fifth)).toBe(true);

  example.baselines = [exampleSarif, exampleJson, syntheticJson];
  exampleWithDump = {
    name: "the example organization and a dump of another account",
    paths: [EXAMPLE, DUMP],
    baseline: [exampleJson],
    baselines: [exampleJson, exampleSarif, syntheticJson],
  };
});

afterEach(() => vi.unstubAllEnvs());

function flagsFor(input: Input, zone: (typeof ZONES)[number], format: ReportFormat, options: Options) {
  const baseline = options.allBaselines ? input.baselines : options.baseline ? input.baseline : [];
  const output = options.split ? join(root, "split", `run-${(outputs += 1)}`) : undefined;
  const flags: ScanFlags = {
    zone,
    format,
    trustedAccount: [],
    baseline,
    color: true,
    ...(options.config ? { config: options.config } : {}),
    ...(options.allBaselines ? { failOnNew: true } : {}),
    ...(options.split ? { sarifSplit: "account" as const, output } : {}),
    ...(input.repoRoot ? { repoRoot: input.repoRoot } : {}),
  };
  const args = [
    "scan",
    ...input.paths,
    "--zone",
    zone,
    "-f",
    format,
    ...(options.config ? ["-c", options.config] : []),
    ...baseline.flatMap((file) => ["--baseline", file]),
    ...(options.allBaselines ? ["--fail-on-new"] : []),
    ...(output ? ["--sarif-split", "account", "-o", output] : []),
    ...(input.repoRoot ? ["--repo-root", input.repoRoot] : []),
  ];
  return { flags, args, output };
}

/** Runs the streaming CLI and the in-memory scan with the same options; they must agree byte for byte. */
async function expectSameAsInMemory(
  input: Input,
  zone: (typeof ZONES)[number],
  format: ReportFormat,
  options: Options,
): Promise<{ code: number; stdout: string; files: Map<string, string> }> {
  const { flags, args, output } = flagsFor(input, zone, format, options);
  const what = `${input.name}, ${options.name}, ${format}, ${zone} zone`;
  const inMemory = await scanInMemory(input.paths, flags);
  const streamed = await runTrustscan(args);
  expect(streamed.stderr, what).toBe(inMemory.stderr);
  expect(streamed.code, what).toBe(inMemory.code);
  expect(streamed.stdout, what).toBe(inMemory.stdout);
  const files = new Map<string, string>();
  if (output) {
    for (const name of (await readdir(output)).sort())
      files.set(name, await readFile(join(output, name), "utf8"));
    expect([...files.keys()], what).toEqual([...(inMemory.files?.keys() ?? [])]);
    for (const [name, text] of files) expect(text, `${what}, ${name}`).toBe(inMemory.files?.get(name));
  }
  return { code: streamed.code, stdout: streamed.stdout, files };
}

const ALONE: Options[] = [
  { name: "archive rules", config: "archive" },
  { name: "severity overrides", config: "severity" },
  { name: "a baseline", baseline: true },
];
const ALL: Options = { name: "every option", config: "both", allBaselines: true };

function withConfig(options: Options): Options {
  const config = options.config as keyof typeof configs | undefined;
  return { ...options, ...(config ? { config: configs[config] } : {}) };
}

describe.each(ZONES)("the streaming scan with each option, %s zone", (zone) => {
  it.each(ALONE.map((options) => ({ label: options.name, options })))(
    "gives every report as the in-memory scan did: $label",
    async ({ options }) => {
      for (const input of [example, synthetic]) {
        for (const format of FORMATS) await expectSameAsInMemory(input, zone, format, withConfig(options));
      }
    },
  );

  it("gives every report as the in-memory scan did with every option together", async () => {
    for (const input of [example, synthetic, exampleWithDump]) {
      for (const format of FORMATS) await expectSameAsInMemory(input, zone, format, withConfig(ALL));
    }
  });

  it("writes the same SARIF file per account, alone and with every option", async () => {
    for (const input of [example, synthetic, exampleWithDump]) {
      const alone = await expectSameAsInMemory(input, zone, "sarif", { name: "split", split: true });
      expect(alone.files.size).toBeGreaterThan(1);
      const all = await expectSameAsInMemory(input, zone, "sarif", withConfig({ ...ALL, split: true }));
      expect([...all.files.keys()]).toEqual([...alone.files.keys()]);
    }
  });
});

describe("the streaming scan with worker threads", () => {
  it("reviews the findings that worker threads wrote as the in-memory scan did", async () => {
    vi.stubEnv(WORKERS_VARIABLE, "2");
    await expectSameAsInMemory(synthetic, "organization", "json", withConfig(ALL));
    await expectSameAsInMemory(synthetic, "account", "text", withConfig(ALL));
    await expectSameAsInMemory(synthetic, "organization", "sarif", withConfig({ ...ALL, split: true }));
  });
});

describe("what the comparison covers", () => {
  it("has findings archived, overridden, new, updated, unchanged and gone, and rules expired and unused", async () => {
    for (const input of [example, synthetic]) {
      const { stdout } = await expectSameAsInMemory(input, "organization", "json", withConfig(ALL));
      const json = JSON.parse(stdout) as {
        findings: {
          severity: string;
          ruleId: string;
          resource: { name: string };
          archived: unknown;
          baseline: { state: string };
        }[];
        archiveRules: { name: string; matched: number; expired: boolean }[];
        baseline: { absent: { resourceArn: string }[] };
      };
      const states = new Set(json.findings.map((finding) => finding.baseline.state));
      expect([...states].sort(), input.name).toEqual(["new", "unchanged", "updated"]);
      expect(json.baseline.absent.length, input.name).toBeGreaterThan(0);
      expect(
        json.findings.some((finding) => finding.archived !== null),
        input.name,
      ).toBe(true);
      const used = json.archiveRules.filter((rule) => rule.matched > 0).map((rule) => rule.name);
      expect(used.length, input.name).toBeGreaterThan(1);
      expect(json.archiveRules.find((rule) => rule.name === "expired-public")?.expired).toBe(true);
      expect(json.archiveRules.find((rule) => rule.name === "stale")?.matched).toBe(0);
      if (input === synthetic) {
        // Matched with last week's findings of the account it was in: neither new nor gone.
        const moved = json.findings.filter((finding) => finding.resource.name === movedBucket);
        expect(moved.filter((finding) => finding.baseline.state !== "new").length).toBeGreaterThan(0);
        expect(json.baseline.absent.filter((gone) => gone.resourceArn.endsWith(`:::${movedBucket}`))).toEqual(
          [],
        );
      }
      const confused = json.findings.filter((finding) => finding.ruleId === "confused-deputy");
      expect(confused.length).toBeGreaterThan(0);
      expect(confused.every((finding) => finding.severity === "critical")).toBe(true);
    }
  });
});
