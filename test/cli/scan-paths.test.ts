// Which scan path runScan takes (streamed account by account, or whole in memory), and the exit status the
// streamed path reads from counts rather than findings.
import { describe, expect, it } from "vitest";
import type { Finding } from "../../src/findings/finding.js";
import { overviewOf } from "../../src/findings/scan-result.js";
import { needsWholeResult } from "../../src/cli/scan-command.js";
import { exitStatusFor } from "../../src/cli/scan-outcome.js";
import { resolveScanSettings, type ScanFlags } from "../../src/cli/scan-settings.js";
import type { TrustscanConfig } from "../../src/config/config.js";
import { sampleScanResult } from "../report/fixtures/scan-results.js";

const FLAGS: ScanFlags = { trustedAccount: [], baseline: [], color: false };
const ARCHIVE_RULE = { name: "partner", reason: "reviewed", match: { rule: "external-access" } };

describe("needsWholeResult", () => {
  const cases: { name: string; flags?: Partial<ScanFlags>; config?: TrustscanConfig; whole: boolean }[] = [
    { name: "no lifecycle option", whole: false },
    {
      name: "trusted account notes, a category, quiet",
      config: { trustedAccounts: [{ id: "999988887777", name: "Vendor", reason: "contract" }] },
      flags: { category: "acme", quiet: true, format: "sarif" },
      whole: false,
    },
    { name: "archive rules", config: { archiveRules: [ARCHIVE_RULE] } as TrustscanConfig, whole: true },
    { name: "a baseline", flags: { baseline: ["previous.sarif"] }, whole: true },
    { name: "severity overrides", config: { severity: { "confused-deputy": "high" } }, whole: true },
    { name: "--sarif-split account", flags: { format: "sarif", sarifSplit: "account" }, whole: true },
  ];
  for (const { name, flags, config, whole } of cases) {
    it(`${name}: ${whole ? "in memory" : "streamed"}`, () => {
      const given = { ...FLAGS, ...flags };
      expect(needsWholeResult(resolveScanSettings(given, config ?? {}), given)).toBe(whole);
    });
  }
});

describe("exitStatusFor a streamed scan's overview", () => {
  const unchanged = (finding: Finding): Finding => ({
    ...finding,
    baseline: { state: "unchanged", changes: [], worse: false },
  });

  it("with --fail-on-new, fails only on open findings new or worse since the baseline", () => {
    const result = sampleScanResult();
    const allUnchanged = overviewOf({ ...result, findings: result.findings.map(unchanged) });
    const options = { failOn: "low" as const, allowIncomplete: true };
    expect(exitStatusFor(allUnchanged, options)).toBe(1);
    expect(exitStatusFor(allUnchanged, { ...options, failOnNew: true })).toBe(0);
    const [first, ...rest] = result.findings.map(unchanged);
    const oneNew = overviewOf({
      ...result,
      findings: [{ ...first!, baseline: { state: "new", changes: [], worse: true } }, ...rest],
    });
    expect(exitStatusFor(oneNew, { ...options, failOnNew: true })).toBe(1);
  });

  it("does not fail on archived findings", () => {
    const result = sampleScanResult();
    const allArchived = overviewOf({
      ...result,
      findings: result.findings.map((finding) => ({ ...finding, archived: { rule: "all", reason: "r" } })),
    });
    expect(exitStatusFor(allArchived, { failOn: "low", allowIncomplete: true })).toBe(0);
    expect(exitStatusFor(overviewOf(result), { failOn: "low", allowIncomplete: true })).toBe(1);
  });
});
