/**
 * The real get-account-authorization-details dump from cloudsplaining (see test/fixtures/snapshot/ATTRIBUTION.md):
 * account 200611803367 trusts 072528804237 through two roles, and nothing in it is public. Its whole report is
 * committed under test/expected/cloudsplaining (regenerate with UPDATE_EXPECTED=1 and review every line).
 */
import { describe, expect, it } from "vitest";
import { expectMatchesCommitted } from "../helpers/expected-output.js";
import { runTrustscan } from "../helpers/run-cli.js";

const DUMP = "test/fixtures/snapshot/cloudsplaining-example.json";
const EXPECTED_DIR = "test/expected/cloudsplaining";

interface JsonFinding {
  ruleId: string;
  severity: string;
  message: string;
  resource: { name: string; accountId: string };
  principal: { accounts?: string[] };
  cancelledBy: unknown[];
}

async function findings(args: string[] = []): Promise<JsonFinding[]> {
  const run = await runTrustscan(["scan", DUMP, "--format", "json", "--fail-on", "none", ...args]);
  expect(run.code).toBe(0);
  return JSON.parse(run.stdout).findings;
}

const rolesWith = (list: JsonFinding[], ruleId: string) =>
  list
    .filter((f) => f.ruleId === ruleId)
    .map((f) => f.resource.name)
    .sort();

describe("scanning a real authorization-details dump", () => {
  it("reports external-access and missing-external-id on exactly the roles an outside account trusts", async () => {
    const list = await findings();
    const trustedByOutside = [
      "OrganizationAccountAccessRole",
      "stacksets-exec-b5520cb2730c2f54b523d6375a319abb",
    ];
    expect(rolesWith(list, "external-access")).toEqual(trustedByOutside);
    expect(rolesWith(list, "missing-external-id")).toEqual(trustedByOutside);
    for (const finding of list.filter((f) => f.ruleId === "external-access")) {
      expect(finding.principal.accounts).toEqual(["072528804237"]);
    }
  });

  it("finds nothing public and nothing cancelled", async () => {
    const list = await findings();
    expect(rolesWith(list, "public-access")).toEqual([]);
    expect(list.filter((f) => f.cancelledBy.length > 0)).toEqual([]);
  });

  it("treats the trusted account as inside with --trusted-account", async () => {
    const list = await findings(["--trusted-account", "072528804237"]);
    expect(rolesWith(list, "external-access")).toEqual([]);
    expect(rolesWith(list, "missing-external-id")).toEqual([]);
  });

  it("reports the SSM and other service roles without source conditions as confused deputies, never EC2", async () => {
    const list = await findings();
    const deputies = rolesWith(list, "confused-deputy");
    expect(deputies).toContain("MyRole");
    expect(deputies).not.toContain("OverprivilegedEC2");
    expect(deputies.some((name) => name.startsWith("AWSServiceRoleFor"))).toBe(false);
  });

  it.each([
    { file: "report.txt", args: ["--format", "text"] },
    { file: "report.json", args: ["--format", "json"] },
  ])("$file matches the committed expected report", async ({ file, args }) => {
    const run = await runTrustscan(["scan", DUMP, "--fail-on", "none", ...args]);
    expect(run.code).toBe(0);
    await expectMatchesCommitted(EXPECTED_DIR, file, run.stdout);
  });

  it("grades the confused deputies by how the service comes to use the role", async () => {
    const deputies = (await findings()).filter((f) => f.ruleId === "confused-deputy");
    const quickSetupRecorders = deputies.filter((f) =>
      f.resource.name.startsWith("AWS-QuickSetup-EnableCRecording-"),
    );
    expect(quickSetupRecorders).toHaveLength(16);
    for (const finding of quickSetupRecorders) {
      expect(finding.severity).toBe("low");
      expect(finding.message).toContain("AWS Systems Manager Quick Setup creates on your behalf");
    }
    const high = deputies
      .filter((f) => f.severity === "high")
      .map((f) => `${f.resource.name} ${/trusts (\S+)/.exec(f.message)?.[1]}`)
      .sort();
    expect(high).toEqual([
      "AWS-QuickSetup-StackSet-Local-AdministrationRole cloudformation.amazonaws.com",
      "privesc-high-priv-service-role cloudformation.amazonaws.com",
      "privesc-high-priv-service-role datapipeline.amazonaws.com",
      "privesc-high-priv-service-role eks.amazonaws.com",
      "privesc-high-priv-service-role elasticbeanstalk.amazonaws.com",
    ]);
    expect(deputies.filter((f) => f.severity === "low")).toHaveLength(23);
  });
});
