import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { applyArchiveRules } from "../../src/archive/apply.js";
import type { ArchiveMatch, ArchiveRule } from "../../src/archive/archive-rule.js";
import { hasExpired } from "../../src/archive/archive-rule.js";
import { matchesArchiveRule } from "../../src/archive/match.js";
import { scanSnapshot } from "../../src/engine/scan.js";
import type { Finding } from "../../src/findings/finding.js";
import { readSnapshots } from "../../src/snapshot/index.js";
import { checkGithubRules, errorsOf, validateSarifSchema } from "../helpers/sarif-github.js";
import { runTrustscan } from "../helpers/run-cli.js";
import { tempDirs } from "../helpers/temp-dirs.js";

const EXAMPLE = "snapshots/example-org";
const tempDir = tempDirs("archive");
const example = scanSnapshot(await readSnapshots([EXAMPLE]));

function findingOf(resourceName: string, ruleId: string): Finding {
  const found = example.findings.find((f) => f.resource.name === resourceName && f.ruleId === ruleId);
  if (!found) throw new Error(`no ${ruleId} finding on ${resourceName}`);
  return found;
}

const datadogRole = findingOf("DatadogIntegrationRole", "external-access");
const legacyExternalId = findingOf("datadog-integration-legacy", "missing-external-id");
const flowLogs = findingOf("acme-vpc-flow-logs-222233334444", "confused-deputy");
const github = findingOf("github-actions-sandbox-deploy", "unscoped-federation");
const website = findingOf("acme-dev-website", "public-access");

// RuleTester-style: each match against the findings it must and must not archive.
const table: { name: string; match: ArchiveMatch; archives: Finding[]; keeps: Finding[] }[] = [
  {
    name: "rule id",
    match: { rule: "external-access" },
    archives: [datadogRole],
    keeps: [legacyExternalId, website],
  },
  {
    name: "any of a list of rule ids",
    match: { rule: ["external-access", "missing-external-id"] },
    archives: [datadogRole, legacyExternalId],
    keeps: [flowLogs],
  },
  {
    name: "resource ARN glob with *",
    match: { resource: "arn:aws:iam::*:role/Datadog*" },
    archives: [datadogRole],
    keeps: [legacyExternalId],
  },
  {
    name: "resource ARN glob with ?, exact length",
    match: { resource: "arn:aws:s3:::acme-dev-websit?" },
    archives: [website],
    keeps: [flowLogs],
  },
  {
    name: "resource type",
    match: { resourceType: "AWS::S3::Bucket" },
    archives: [website, flowLogs],
    keeps: [github],
  },
  {
    name: "owning account",
    match: { account: ["444455556666"] },
    archives: [datadogRole],
    keeps: [legacyExternalId],
  },
  {
    name: "principal account",
    match: { principal: { account: "464622532012" } },
    archives: [datadogRole, legacyExternalId],
    keeps: [website, flowLogs],
  },
  {
    name: "vendor name, case ignored, with a wildcard",
    match: { principal: { vendor: "data*" } },
    archives: [datadogRole, legacyExternalId],
    keeps: [website],
  },
  {
    name: "service principal",
    match: { principal: { service: "delivery.logs.*" } },
    archives: [flowLogs],
    keeps: [datadogRole],
  },
  {
    name: "federated provider by host",
    match: { principal: { provider: "token.actions.githubusercontent.com" } },
    archives: [github],
    keeps: [flowLogs],
  },
  {
    name: "federated provider by ARN glob",
    match: { principal: { provider: "arn:aws:iam::777788889999:oidc-provider/*" } },
    archives: [github],
    keeps: [],
  },
  { name: "public", match: { public: true }, archives: [website], keeps: [datadogRole] },
  { name: "not public", match: { public: false }, archives: [datadogRole], keeps: [website] },
  {
    name: "every criterion must hold",
    match: { rule: "external-access", principal: { vendor: "Datadog" }, account: "777788889999" },
    archives: [],
    keeps: [datadogRole, legacyExternalId],
  },
];

describe("archive rule matching", () => {
  it.each(table)("$name", ({ match, archives, keeps }) => {
    for (const finding of archives) expect(matchesArchiveRule(match, finding), finding.message).toBe(true);
    for (const finding of keeps) expect(matchesArchiveRule(match, finding), finding.message).toBe(false);
  });
});

describe("expiry and unused rules", () => {
  it("applies a rule through its expiry day (UTC) and not after", () => {
    expect(hasExpired({ expires: "2026-03-01" }, "2026-03-01")).toBe(false);
    expect(hasExpired({ expires: "2026-03-01" }, "2026-03-02")).toBe(true);
    expect(hasExpired({}, "2999-01-01")).toBe(false);
  });

  it("marks findings with the first matching live rule, and reports expired and unused rules", () => {
    const rules: ArchiveRule[] = [
      {
        name: "old-vendor",
        reason: "was approved",
        expires: "2026-01-31",
        match: { principal: { vendor: "Datadog" } },
      },
      {
        name: "datadog",
        reason: "approved in SEC-1",
        expires: "2026-12-31",
        match: { principal: { vendor: "Datadog" } },
      },
      { name: "also-datadog", reason: "never reached", match: { rule: "missing-external-id" } },
      { name: "gone", reason: "role deleted", match: { resource: "arn:aws:iam::*:role/deleted" } },
    ];
    const result = applyArchiveRules(example, rules, new Date("2026-02-01T23:59:59Z"));
    const archived = result.findings.filter((f) => f.archived);
    expect(new Set(archived.map((f) => f.archived?.rule))).toEqual(new Set(["datadog", "also-datadog"]));
    expect(archived.find((f) => f.fingerprint === datadogRole.fingerprint)?.archived).toEqual({
      rule: "datadog",
      reason: "approved in SEC-1",
      expires: "2026-12-31",
    });
    expect(result.archive).toEqual({
      today: "2026-02-01",
      rules: [
        { name: "old-vendor", reason: "was approved", expires: "2026-01-31", matched: 0, expired: true },
        { name: "datadog", reason: "approved in SEC-1", expires: "2026-12-31", matched: 5, expired: false },
        { name: "also-datadog", reason: "never reached", matched: 1, expired: false },
        { name: "gone", reason: "role deleted", matched: 0, expired: false },
      ],
    });
    // Archiving never drops a finding nor changes its fingerprint.
    expect(result.findings.map((f) => f.fingerprint)).toEqual(example.findings.map((f) => f.fingerprint));
  });
});

describe("archived findings in the reports and the exit status", () => {
  async function configDir(rules: string): Promise<string> {
    const dir = await tempDir();
    await writeFile(join(dir, "trustscan.config.yaml"), `archiveRules:\n${rules}`);
    return dir;
  }
  const rules = [
    "  - name: datadog",
    "    reason: Datadog monitoring, SEC-1",
    "    expires: 2999-12-31",
    "    match: { principal: { vendor: Datadog } }",
    "  - name: expired-public",
    "    reason: temporary",
    "    expires: 2000-01-01",
    "    match: { public: true }",
    "  - name: stale",
    "    reason: role deleted",
    "    match: { resource: 'arn:aws:iam::*:role/deleted-*' }",
    "",
  ].join("\n");

  it("lists them as [archived] with the reason, says which rules expired or matched nothing, and does not count them", async () => {
    const dir = await configDir(rules);
    const run = await runTrustscan(["scan", EXAMPLE, "--allow-incomplete", "--fail-on", "high"], dir);
    expect(run.stdout).toContain(
      "Archived by the config's archive rules (accepted; they do not fail the scan)",
    );
    expect(run.stdout).toContain(
      "[archived] HIGH      external-access      Role DatadogIntegrationRole can be assumed by account 464622532012 (Datadog)",
    );
    expect(run.stdout).toContain("archived by datadog (until 2999-12-31): Datadog monitoring, SEC-1");
    expect(run.stdout).toContain("archive rule expired-public expired on 2000-01-01");
    expect(run.stdout).toContain("archive rule stale matched no finding in this scan");
    expect(run.stdout).toContain(
      "32 findings (7 critical, 15 high, 9 medium, 1 low), 4 archived, 7 cancelled by guardrails",
    );
    expect(run.stderr).toContain("trustscan: warning: archive rule expired-public expired on 2000-01-01");
    expect(run.code).toBe(1);

    // Only the Datadog findings are high enough to fail with --fail-on high once the others are archived away
    // (the audit firm's, and Initech's on the KMS key, SNS topic, DynamoDB table and directory bucket).
    const allButDatadog = [
      "  - { name: all-but, reason: r, match: { rule: [public-access, unscoped-federation] } }",
      "  - { name: auditor, reason: r, match: { principal: { account: '999988887777' } } }",
      "  - { name: initech, reason: r, match: { principal: { account: '246813579135' } } }",
    ];
    const onlyDatadog = await configDir([...allButDatadog, ""].join("\n"));
    const high = await runTrustscan(
      ["scan", EXAMPLE, "--allow-incomplete", "--fail-on", "high"],
      onlyDatadog,
    );
    expect(high.code).toBe(1);
    const both = await configDir(
      [...allButDatadog, "  - { name: dd, reason: r, match: { principal: { vendor: Datadog } } }", ""].join(
        "\n",
      ),
    );
    const none = await runTrustscan(["scan", EXAMPLE, "--allow-incomplete", "--fail-on", "high"], both);
    expect(none.code).toBe(0);
  });

  it("writes them to SARIF as external suppressions with the reason, which GitHub accepts", async () => {
    const dir = await configDir(rules);
    const run = await runTrustscan(
      ["scan", EXAMPLE, "-f", "sarif", "--fail-on", "none", "--allow-incomplete"],
      dir,
    );
    const log = JSON.parse(run.stdout);
    expect(validateSarifSchema(log)).toEqual([]);
    expect(errorsOf(checkGithubRules(log, process.cwd()))).toEqual([]);
    const archived = log.runs[0].results.filter(
      (r: { properties: { archiveRule?: string } }) => r.properties.archiveRule,
    );
    expect(archived).toHaveLength(5);
    expect(archived[0].suppressions).toEqual([
      {
        kind: "external",
        status: "accepted",
        justification:
          "Archived by the trustscan archive rule datadog until 2999-12-31: Datadog monitoring, SEC-1",
      },
    ]);
    const notifications = log.runs[0].invocations[0].toolExecutionNotifications;
    expect(notifications.map((n: { descriptor: { id: string } }) => n.descriptor.id)).toEqual(
      expect.arrayContaining(["archive-rule-expired", "archive-rule-unused"]),
    );
    const plain = JSON.parse(
      (await runTrustscan(["scan", EXAMPLE, "-f", "sarif", "--fail-on", "none", "--allow-incomplete"]))
        .stdout,
    );
    const fingerprints = (l: { runs: { results: { partialFingerprints: object }[] }[] }) =>
      l.runs[0]!.results.map((r) => r.partialFingerprints);
    expect(fingerprints(log)).toEqual(fingerprints(plain));
  });

  it("counts archived findings and lists expired and unused rules in the Markdown summary", async () => {
    const dir = await configDir(rules);
    const run = await runTrustscan(
      ["scan", EXAMPLE, "-f", "markdown", "--fail-on", "none", "--allow-incomplete"],
      dir,
    );
    expect(run.stdout).toContain("## trustscan: 32 active findings");
    expect(run.stdout).toContain(
      "**Archive rules:** 5 findings archived (accepted with a reason; not counted), 1 rule expired, 1 rule matched nothing.",
    );
    expect(run.stdout).toContain("- Expired on 2000-01-01: `expired-public`: temporary");
    expect(run.stdout).toContain("- Matched nothing: `stale`: role deleted");
    expect(run.stdout).not.toContain(
      "DatadogIntegrationRole can be assumed by account 464622532012 (Datadog) (outside organization o-a1b2c3d4e5). |",
    );
  });
});
