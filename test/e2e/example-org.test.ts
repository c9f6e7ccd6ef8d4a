/**
 * cfn-lint-style snapshot tests: the whole tool on the bundled example organization, compared with committed
 * expected output (regenerate deliberately with UPDATE_EXPECTED=1 and review the diff).
 */
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { describe, expect, it } from "vitest";
import { checkGithubRules, errorsOf, validateSarifSchema } from "../helpers/sarif-github.js";
import { runTrustscan } from "../helpers/run-cli.js";

const EXAMPLE = "snapshots/example-org";
const EXPECTED_DIR = "test/expected/example-org";

const outputs: { file: string; args: string[] }[] = [
  { file: "organization.txt", args: ["--format", "text"] },
  { file: "account.txt", args: ["--format", "text", "--zone", "account"] },
  { file: "organization.sarif", args: ["--format", "sarif"] },
  { file: "account.json", args: ["--format", "json", "--zone", "account"] },
  { file: "organization.md", args: ["--format", "markdown"] },
];

async function expectMatchesCommitted(file: string, actual: string): Promise<void> {
  const path = join(EXPECTED_DIR, file);
  if (process.env.UPDATE_EXPECTED === "1") {
    await mkdir(dirname(path), { recursive: true });
    await writeFile(path, actual);
  }
  expect(actual).toBe(await readFile(path, "utf8"));
}

describe("scan of the example organization", () => {
  it.each(outputs)("$file matches the committed expected output", async ({ file, args }) => {
    // The example records one collection error: without --allow-incomplete the scan would exit 3.
    const run = await runTrustscan(["scan", EXAMPLE, "--fail-on", "none", "--allow-incomplete", ...args]);
    expect(run.code).toBe(0);
    await expectMatchesCommitted(file, run.stdout);
  });

  it("exits 1 with the default --fail-on low, 0 when only lower severities are asked to fail", async () => {
    expect((await runTrustscan(["scan", EXAMPLE])).code).toBe(1);
    expect((await runTrustscan(["scan", EXAMPLE, "--fail-on", "critical"])).code).toBe(1);
    const json = JSON.parse(
      (await runTrustscan(["scan", EXAMPLE, "--format", "json", "--fail-on", "none"])).stdout,
    );
    const activeSeverities = json.findings
      .filter((f: { cancelledBy: unknown[] }) => f.cancelledBy.length === 0)
      .map((f: { severity: string }) => f.severity);
    expect(activeSeverities).toContain("critical");
  });

  it("gives the findings EXPECTED.md reasons out, per zone", async () => {
    const summarize = async (zone: string) => {
      const json = JSON.parse(
        (await runTrustscan(["scan", EXAMPLE, "--format", "json", "--zone", zone, "--fail-on", "none"]))
          .stdout,
      );
      return json.findings.map(
        (f: { ruleId: string; resource: { name: string }; cancelledBy: { kind: string }[] }) =>
          `${f.cancelledBy.length ? "cancelled" : "active"} ${f.ruleId} ${f.resource.name}${f.cancelledBy.length ? ` by ${f.cancelledBy.map((c) => c.kind).join("+")}` : ""}`,
      );
    };
    const organization = await summarize("organization");
    expect(organization.filter((f: string) => f.startsWith("active"))).toHaveLength(36);
    // RestrictPublicBuckets leaves AWS services in: EXPECTED.md, acme-legacy-press-kit.
    expect(organization).toContain("active confused-deputy acme-legacy-press-kit");
    expect(organization.filter((f: string) => f.startsWith("cancelled")).sort()).toEqual([
      "cancelled external-access acme-prod-audit-evidence by resource-control-policy",
      "cancelled external-access acme-prod-incident-intake by resource-control-policy",
      "cancelled external-access acme-prod-observability-exports by resource-control-policy",
      "cancelled public-access acme-dev-qa-fixtures by block-public-access",
      "cancelled public-access acme-dev-shared-datasets by deny-statement",
      "cancelled public-access acme-legacy-press-kit by block-public-access",
      "cancelled public-access snap-07d1e5b3a8c4f2906 by block-public-access",
    ]);
    // RCPs do not cover SNS: the twin of the cancelled queue grant stays active (EXPECTED.md).
    expect(organization).toContain("active external-access acme-prod-incident-alerts");
    const account = await summarize("account");
    expect(account.filter((f: string) => f.startsWith("active"))).toHaveLength(55);
    expect(account).toContain("active external-access acme-dev-shared-datasets");
    expect(account).not.toContain("cancelled public-access acme-dev-shared-datasets by deny-statement");
    expect(account).toContain(
      "cancelled external-access acme-prod-observability-exports by resource-control-policy",
    );
  });

  it("writes SARIF that passes the SARIF 2.1.0 schema and every GitHub ingestion rule", async () => {
    for (const zone of ["organization", "account"]) {
      const run = await runTrustscan([
        "scan",
        EXAMPLE,
        "--format",
        "sarif",
        "--zone",
        zone,
        "--fail-on",
        "none",
      ]);
      const log = JSON.parse(run.stdout);
      expect(validateSarifSchema(log)).toEqual([]);
      expect(
        errorsOf(checkGithubRules(log, process.cwd(), { requireFingerprints: true, text: run.stdout })),
      ).toEqual([]);
      expect(log.runs[0].automationDetails.id).toBe(`trustscan/${zone}/`);
      const suppressed = log.runs[0].results.filter(
        (r: { suppressions?: unknown[] }) => r.suppressions?.length,
      );
      expect(suppressed.length).toBeGreaterThan(0);
      for (const result of suppressed) {
        expect(result.suppressions[0]).toMatchObject({ kind: "external", status: "accepted" });
      }
    }
  });

  it("gives byte-identical SARIF for the same snapshot", async () => {
    const first = await runTrustscan(["scan", EXAMPLE, "--format", "sarif", "--fail-on", "none"]);
    const second = await runTrustscan(["scan", EXAMPLE, "--format", "sarif", "--fail-on", "none"]);
    expect(second.stdout).toBe(first.stdout);
  });
});
