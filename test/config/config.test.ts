import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ConfigError } from "../../src/config/config-error.js";
import { parseConfig } from "../../src/config/load-config.js";
import { STARTER_CONFIG } from "../../src/config/starter-config.js";
import { POLICY_RESOURCE_LABELS } from "../../rules/support/resource-labels.js";
import { runTrustscan } from "../helpers/run-cli.js";
import { tempDirs } from "../helpers/temp-dirs.js";

const EXAMPLE = "snapshots/example-org";
const tempDir = tempDirs("config");

function problemsOf(text: string, file = "trustscan.config.yaml"): string[] {
  try {
    parseConfig(text, file);
  } catch (error) {
    if (error instanceof ConfigError) return error.lines;
    throw error;
  }
  throw new Error("expected the config to be refused");
}

describe("config validation: each problem names the file, the line, the key and what was expected", () => {
  const cases: { name: string; text: string; problems: string[] }[] = [
    {
      name: "an unknown zone",
      text: "zone: galaxy\n",
      problems: [
        'trustscan.config.yaml:1:7: zone: expected the zone of trust: "account" or "organization" (default: organization when the snapshot has organization data), found the string "galaxy"',
      ],
    },
    {
      name: "an unquoted account id and a missing reason",
      text: "trustedAccounts:\n  - id: 999988887777\n    name: Auditor\n",
      problems: [
        "trustscan.config.yaml:2:5: trustedAccounts[0].reason: expected the key reason (required): why the account is trusted (a contract, a ticket), as a non-empty string, found nothing",
        "trustscan.config.yaml:2:9: trustedAccounts[0].id: expected a 12-digit AWS account id, as a quoted string, found the number 999988887777",
      ],
    },
    {
      name: "an archive rule without a reason, with an impossible date",
      text: "archiveRules:\n  - name: dd\n    expires: 2026-02-30\n    match: { rule: external-access }\n",
      problems: [
        "trustscan.config.yaml:2:5: archiveRules[0].reason: expected the key reason (required): why the findings it matches are accepted (who decided, a ticket), as a non-empty string, found nothing",
        'trustscan.config.yaml:3:14: archiveRules[0].expires: expected the last day the rule applies, as a date YYYY-MM-DD (UTC); after it the rule matches nothing and the report says it expired, found the string "2026-02-30"',
      ],
    },
    {
      name: "an unknown rule id inside a list, and an unknown key",
      text: "archiveRules:\n  - name: a\n    reason: r\n    match:\n      rule: [external-acess]\n      colour: red\n",
      problems: [
        'trustscan.config.yaml:5:14: archiveRules[0].match.rule[0]: expected a rule id: public-access, external-access, missing-external-id, confused-deputy or unscoped-federation, found the string "external-acess"',
        'trustscan.config.yaml:6:7: archiveRules[0].match.colour: expected one of the keys rule, resource, resourceType, account, principal, public, found the unknown key "colour"',
      ],
    },
    {
      name: "a match that would archive everything",
      text: "archiveRules:\n  - name: all\n    reason: r\n    match: {}\n",
      problems: [
        "trustscan.config.yaml:4:12: archiveRules[0].match: expected what the rule matches: an object with at least one of rule, resource, resourceType, account, principal, public (all given must hold; a list means any of its values), found an empty mapping",
      ],
    },
    {
      name: "two archive rules with one name",
      text: "archiveRules:\n  - { name: a, reason: r, match: { public: true } }\n  - { name: a, reason: s, match: { public: false } }\n",
      problems: [
        'trustscan.config.yaml:3:13: archiveRules[1].name: expected a name no other archive rule has (reports name the rule that archived each finding), found the string "a"',
      ],
    },
    {
      name: "a severity that does not exist",
      text: "severity:\n  confused-deputy: extreme\n",
      problems: [
        'trustscan.config.yaml:2:20: severity.confused-deputy: expected a severity: critical, high, medium or low, found the string "extreme"',
      ],
    },
    {
      name: "YAML that does not parse",
      text: "zone: [account\n",
      problems: [
        "trustscan.config.yaml:2:1: expected YAML or JSON text, found a syntax error: Flow sequence in block collection must be sufficiently indented and end with a ]",
      ],
    },
    {
      name: "JSON with a key twice",
      text: '{"zone": "account", "zone": "organization"}',
      problems: [
        "trustscan.config.yaml:1:21: expected YAML or JSON text, found a syntax error: Map keys must be unique",
      ],
    },
  ];
  it.each(cases)("$name", ({ text, problems }) => {
    expect(problemsOf(text)).toEqual(problems);
  });

  it("accepts the starter config that init writes, and a full JSON config", () => {
    expect(parseConfig(STARTER_CONFIG, "starter.yaml")).toEqual({
      zone: "organization",
      trustedAccounts: [],
      archiveRules: [],
      severity: {},
      output: { format: "text", failOn: "low" },
    });
    const json = {
      zone: "account",
      trustedAccounts: [{ id: "999988887777", name: "Auditor", reason: "contract 17" }],
      archiveRules: [
        {
          name: "datadog",
          reason: "approved in SEC-1",
          expires: "2030-01-31",
          match: { rule: ["external-access"], principal: { vendor: "Datadog" } },
        },
      ],
      severity: { "confused-deputy": "low" },
      output: {
        format: "sarif",
        failOn: "high",
        failOnNew: true,
        sarifSplit: "account",
        category: "acme/prod",
      },
    };
    expect(parseConfig(JSON.stringify(json), "trustscan.config.json")).toEqual(json);
  });

  it("takes every resource type a finding can have in an archive rule's resourceType", () => {
    const types = ["AWS::IAM::Role", "AWS::S3::Bucket", ...Object.keys(POLICY_RESOURCE_LABELS)];
    const text = `archiveRules:\n  - name: all\n    reason: test\n    expires: 2030-01-31\n    match: { resourceType: [${types.join(", ")}] }\n`;
    expect(parseConfig(text, "trustscan.config.yaml").archiveRules?.[0]?.match.resourceType).toEqual(types);
  });
});

describe("the CLI and the config file", () => {
  it("exits 2 for a bad config, naming the file, the key and the line, and writes no report", async () => {
    const dir = await tempDir();
    const config = join(dir, "bad.yaml");
    await writeFile(config, "output:\n  failOn: sometimes\n");
    const run = await runTrustscan(["scan", EXAMPLE, "-c", config]);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe("");
    expect(run.stderr).toBe(
      `trustscan: ${config}:2:11: output.failOn: expected the lowest severity that fails the scan (exit 1): none, low, medium, high or critical, found the string "sometimes"\n`,
    );
    const missing = await runTrustscan(["scan", EXAMPLE, "--config", join(dir, "nope.yaml")]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain(
      "nope.yaml: expected a readable trustscan config file (YAML or JSON), found no such file",
    );
  });

  it("finds trustscan.config.yaml in the current directory; flags win over it", async () => {
    const dir = await tempDir();
    await writeFile(
      join(dir, "trustscan.config.yaml"),
      [
        "zone: account",
        "trustedAccounts:",
        '  - { id: "464622532012", name: Datadog, reason: "monitoring, SEC-1" }',
        "output: { format: json, failOn: none, allowIncomplete: true }",
      ].join("\n"),
    );
    const run = await runTrustscan(["scan", EXAMPLE], dir);
    expect(run.code).toBe(0);
    const report = JSON.parse(run.stdout);
    expect(report.zone).toEqual({ kind: "account", organizationId: null, trustedAccounts: ["464622532012"] });
    // The trusted account is inside the zone: none of its access is reported any more.
    expect(JSON.stringify(report.findings)).not.toContain("464622532012");

    const flags = await runTrustscan(
      ["scan", EXAMPLE, "-f", "text", "--fail-on", "low", "--zone", "organization"],
      dir,
    );
    expect(flags.code).toBe(1);
    expect(flags.stdout).toContain("(zone: organization o-a1b2c3d4e5 + 1 trusted account)");
    expect(flags.stdout).toContain("trusted account 464622532012 (Datadog): monitoring, SEC-1");
  });

  it("overrides a rule's severity in the findings and in the SARIF rule", async () => {
    const dir = await tempDir();
    await writeFile(join(dir, "trustscan.config.yaml"), "severity:\n  unscoped-federation: low\n");
    const run = await runTrustscan(
      ["scan", EXAMPLE, "-f", "sarif", "--fail-on", "none", "--allow-incomplete"],
      dir,
    );
    const log = JSON.parse(run.stdout);
    const rule = log.runs[0].tool.driver.rules.find((r: { id: string }) => r.id === "unscoped-federation");
    expect(rule.defaultConfiguration.level).toBe("note");
    expect(rule.properties["security-severity"]).toBe("2.0");
    const results = log.runs[0].results.filter((r: { ruleId: string }) => r.ruleId === "unscoped-federation");
    expect(results).toHaveLength(2);
    for (const result of results) expect(result.properties["security-severity"]).toBe("2.0");
    const failCritical = await runTrustscan(
      ["scan", EXAMPLE, "--fail-on", "critical", "--allow-incomplete"],
      dir,
    );
    // break-glass-admin (public-access, critical) still fails it; the federation roles no longer would alone.
    expect(failCritical.code).toBe(1);
    expect(failCritical.stdout).toMatch(/LOW {7}unscoped-federation/);
  });
});

describe("the config's output defaults apply where they can", () => {
  it("failOnNew needs a baseline and sarifSplit applies to SARIF only, while the flags are strict", async () => {
    const dir = await tempDir();
    await writeFile(
      join(dir, "trustscan.config.yaml"),
      "output: { failOnNew: true, sarifSplit: account, allowIncomplete: true }\n",
    );
    const markdown = await runTrustscan(["scan", EXAMPLE, "-f", "markdown", "--fail-on", "none"], dir);
    expect(markdown.code).toBe(0);
    expect(markdown.stdout).toContain("## trustscan: 36 active findings");
    // No baseline: every open finding counts, as without failOnNew.
    expect((await runTrustscan(["scan", EXAMPLE], dir)).code).toBe(1);
    const flag = await runTrustscan(["scan", EXAMPLE, "--fail-on-new"], dir);
    expect(flag.code).toBe(2);
    expect(flag.stderr).toContain("--fail-on-new needs --baseline");
    const split = await runTrustscan(["scan", EXAMPLE, "-f", "sarif"], dir);
    expect(split.code).toBe(2);
    expect(split.stderr).toContain(
      "--sarif-split account writes one file per account: give --output a directory",
    );
  });
});

describe("trustscan init", () => {
  it("writes the commented starter config, which scan then uses, and never replaces a file without --force", async () => {
    const dir = await tempDir();
    const first = await runTrustscan(["init"], dir);
    expect(first.code).toBe(0);
    const written = await readFile(join(dir, "trustscan.config.yaml"), "utf8");
    expect(written).toBe(STARTER_CONFIG);
    expect(written).toContain("# Archive rules accept findings you have reviewed.");

    await writeFile(join(dir, "trustscan.config.yaml"), "zone: account\n");
    const again = await runTrustscan(["init"], dir);
    expect(again.code).toBe(2);
    expect(again.stderr).toContain("already exists; edit it, or pass --force");
    expect(await readFile(join(dir, "trustscan.config.yaml"), "utf8")).toBe("zone: account\n");

    const forced = await runTrustscan(["init", "--force"], dir);
    expect(forced.code).toBe(0);
    expect(await readFile(join(dir, "trustscan.config.yaml"), "utf8")).toBe(STARTER_CONFIG);
    const scan = await runTrustscan(["scan", EXAMPLE, "--allow-incomplete"], dir);
    expect(scan.code).toBe(1);
    expect(scan.stdout).toContain("(zone: organization o-a1b2c3d4e5)");
  });
});
