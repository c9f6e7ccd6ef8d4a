/**
 * The real get-account-authorization-details dump from cloudsplaining (see test/fixtures/snapshot/ATTRIBUTION.md):
 * account 200611803367 trusts 072528804237 through two roles, and nothing in it is public.
 */
import { describe, expect, it } from "vitest";
import { runTrustscan } from "../helpers/run-cli.js";

const DUMP = "test/fixtures/snapshot/cloudsplaining-example.json";

interface JsonFinding {
  ruleId: string;
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
});
