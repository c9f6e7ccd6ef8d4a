// Labelled trust and bucket policies from AWS documentation, scanned in both zones of trust.
// The table and its sources are in aws-docs.cases.ts; expected verdicts follow docs/semantics.md.
import { describe, expect, it } from "vitest";
import { RULE_IDS } from "../../src/findings/finding.js";
import { activeRuleIds } from "../helpers/scan-policy.js";
import { AWS_DOCS_CASES } from "./aws-docs.cases.js";

const ZONES = ["account", "organization"] as const;

describe("aws-docs labelled table", () => {
  it("has unique names, sources, reasons and sorted, known rule ids", () => {
    const names = AWS_DOCS_CASES.map((c) => c.name);
    expect(new Set(names).size).toBe(names.length);
    for (const c of AWS_DOCS_CASES) {
      expect(c.source, c.name).toMatch(/#/);
      expect(c.why.length, c.name).toBeGreaterThan(0);
      for (const zone of ZONES) {
        const expected = c.expected[zone];
        expect(expected, `${c.name} (${zone})`).toEqual([...new Set(expected)].sort());
        for (const rule of expected) expect(RULE_IDS, `${c.name} (${zone})`).toContain(rule);
      }
    }
  });

  it("covers every rule and both resource types", () => {
    const seen = new Set(AWS_DOCS_CASES.flatMap((c) => [...c.expected.account, ...c.expected.organization]));
    expect([...seen].sort()).toEqual([...RULE_IDS].sort());
    expect(new Set(AWS_DOCS_CASES.map((c) => c.case.resource))).toEqual(new Set(["role", "bucket"]));
  });
});

describe.each(AWS_DOCS_CASES)("$name", (labelled) => {
  it.each(ZONES)("%s zone", (zone) => {
    expect(activeRuleIds({ ...labelled.case, zone })).toEqual(labelled.expected[zone]);
  });
});
