import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { Ajv } from "ajv";
import addFormatsModule from "ajv-formats";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { deriveKnownAccounts, renderKnownAccounts } from "../../src/vendors/derive.js";
import { KNOWN_ACCOUNTS_SOURCE, vendorLabel } from "../../src/vendors/known-accounts.js";
import { labelledMessage } from "../../src/report/vendor-labels.js";
import type { Finding } from "../../src/findings/finding.js";
import { runTrustscan } from "../helpers/run-cli.js";

const DIR = "data/known-aws-accounts";
const read = (name: string) => readFileSync(`${DIR}/${name}`, "utf8");

describe("the bundled known AWS accounts list", () => {
  it("is the attributed upstream file, valid against its own schema", () => {
    const attribution = read("ATTRIBUTION.md");
    for (const name of ["accounts.yaml", "schema.json"]) {
      const sha256 = createHash("sha256").update(read(name)).digest("hex");
      expect(attribution).toContain(`| \`${name}\` | \`${sha256}\` |`);
    }
    expect(attribution).toContain(KNOWN_ACCOUNTS_SOURCE.commit);
    expect(read("LICENSE")).toContain("Apache License");
    const ajv = new Ajv({ strict: false });
    addFormatsModule.default(ajv);
    const validate = ajv.compile(JSON.parse(read("schema.json")));
    expect(validate(parse(read("accounts.yaml"))), JSON.stringify(validate.errors)).toBe(true);
  });

  it("ships exactly the table that the refresh script derives from it", () => {
    const derived = renderKnownAccounts(deriveKnownAccounts(read("accounts.yaml"), KNOWN_ACCOUNTS_SOURCE));
    expect(read("known-accounts.json")).toBe(derived);
  });

  it("names vendors, AWS's own accounts and retired accounts", () => {
    expect(vendorLabel("464622532012")).toBe("Datadog");
    expect(vendorLabel("127311923021")).toBe("AWS ELB logs");
    expect(vendorLabel("068664126052")).toBe("DoIt, retired account");
    expect(vendorLabel("999988887777")).toBeUndefined();
  });

  it("derives an account two entries name with both names, retired only when both say so", () => {
    const yaml = [
      "- { name: B Corp, accounts: ['111111111111'] }",
      "- { name: A Inc, accounts: ['111111111111', '222222222222'], enabled: false }",
      "- { name: ELB logs, type: aws, accounts: ['333333333333'], deprecated_date: '2024-01-01', enabled: false }",
    ].join("\n");
    expect(deriveKnownAccounts(yaml, KNOWN_ACCOUNTS_SOURCE).accounts).toEqual({
      "111111111111": { name: "A Inc / B Corp" },
      "222222222222": { name: "A Inc", retired: true },
      "333333333333": { name: "ELB logs", aws: true, retired: true },
    });
  });
});

function finding(message: string, accounts: string[] | undefined): Finding {
  return {
    ruleId: "external-access",
    severity: "high",
    message,
    resource: {
      arn: "arn:aws:iam::111122223333:role/r",
      type: "AWS::IAM::Role",
      accountId: "111122223333",
      name: "r",
    },
    principal: { written: "{}", judged: "x", ...(accounts ? { accounts } : {}) },
    actions: [],
    conditions: [],
    isPublic: false,
    source: {
      kind: "statement",
      index: 0,
      identity: "s",
      location: { file: "f.json", startLine: 1, startColumn: 1, endLine: 1, endColumn: 2 },
    },
    cancelledBy: [],
    fingerprint: "0000000000000000:1",
  };
}

describe("vendor labels in messages", () => {
  const table: { message: string; accounts?: string[]; labelled: string }[] = [
    {
      message: "Role r can be assumed by account 464622532012 (outside organization o-abc).",
      accounts: ["464622532012"],
      labelled: "Role r can be assumed by account 464622532012 (Datadog) (outside organization o-abc).",
    },
    {
      // Inside an ARN or a name the id is no word of the sentence: the vendor is named in a sentence of its own.
      message: "Role r can be assumed by arn:aws:iam::464622532012:role/x and bucket logs-464622532012",
      accounts: ["464622532012"],
      labelled:
        "Role r can be assumed by arn:aws:iam::464622532012:role/x and bucket logs-464622532012. Known account: 464622532012 is Datadog.",
    },
    {
      // Only the finding's outside accounts are named, never another number that happens to be in the list.
      message: "Role r in account 464622532012 can be assumed by account 999988887777.",
      accounts: ["999988887777"],
      labelled: "Role r in account 464622532012 can be assumed by account 999988887777.",
    },
    { message: "Bucket b can be accessed by anyone.", labelled: "Bucket b can be accessed by anyone." },
  ];
  it.each(table)("$labelled", ({ message, accounts, labelled }) => {
    expect(labelledMessage(finding(message, accounts))).toBe(labelled);
  });
});

describe("a known vendor never hides a finding", () => {
  it("reports Datadog's access as outside, labelled, in every format", async () => {
    const base = ["scan", "snapshots/example-org", "--fail-on", "none", "--allow-incomplete"];
    const text = (await runTrustscan(base)).stdout;
    expect(text).toContain(
      "Role DatadogIntegrationRole can be assumed by account 464622532012 (Datadog) (outside",
    );
    const json = JSON.parse((await runTrustscan([...base, "-f", "json"])).stdout);
    const datadog = json.findings.filter((f: { principal: { accounts: string[] | null } }) =>
      f.principal.accounts?.includes("464622532012"),
    );
    expect(datadog).toHaveLength(5);
    for (const f of datadog)
      expect(f.principal.vendors).toEqual([{ accountId: "464622532012", name: "Datadog" }]);
    const sarif = JSON.parse((await runTrustscan([...base, "-f", "sarif"])).stdout);
    const results = sarif.runs[0].results.filter((r: { message: { text: string } }) =>
      r.message.text.includes("464622532012 (Datadog)"),
    );
    expect(results).toHaveLength(5);
    const markdown = (await runTrustscan([...base, "-f", "markdown"])).stdout;
    expect(markdown).toContain("account 464622532012 (Datadog) (outside organization o-a1b2c3d4e5)");
  });
});
