// Which options change each account's findings as the scan streams, and the exit status the streamed path reads
// from counts rather than findings.
import { describe, expect, it } from "vitest";
import type { Finding } from "../../src/findings/finding.js";
import { overviewOf } from "../../src/findings/scan-result.js";
import { BaselineEntries } from "../../src/baseline/baseline-entries.js";
import { FindingReview } from "../../src/cli/finding-review.js";
import { exitStatusFor } from "../../src/cli/scan-outcome.js";
import { resolveScanSettings, type ScanFlags } from "../../src/cli/scan-settings.js";
import type { TrustscanConfig } from "../../src/config/config.js";
import { sampleScanResult } from "../report/fixtures/scan-results.js";

const FLAGS: ScanFlags = { trustedAccount: [], baseline: [], color: false };
const ARCHIVE_RULE = { name: "partner", reason: "reviewed", match: { rule: "external-access" } };

describe("FindingReview.changesFindings", () => {
  const baseline = { sources: ["previous.sarif"], found: false, entries: new BaselineEntries() };
  const cases: { name: string; flags?: Partial<ScanFlags>; config?: TrustscanConfig; changes: boolean }[] = [
    { name: "no lifecycle option", changes: false },
    {
      name: "trusted account notes, a category, quiet",
      config: { trustedAccounts: [{ id: "999988887777", name: "Vendor", reason: "contract" }] },
      flags: { category: "acme", quiet: true, format: "sarif" },
      changes: false,
    },
    { name: "--sarif-split account", flags: { format: "sarif", sarifSplit: "account" }, changes: false },
    { name: "archive rules", config: { archiveRules: [ARCHIVE_RULE] } as TrustscanConfig, changes: true },
    { name: "a baseline", flags: { baseline: ["previous.sarif"] }, changes: true },
    { name: "severity overrides", config: { severity: { "confused-deputy": "high" } }, changes: true },
  ];
  for (const { name, flags, config, changes } of cases) {
    it(`${name}: ${changes ? "reviews each account's findings" : "leaves them as scanned"}`, () => {
      const given = { ...FLAGS, ...flags };
      const review = new FindingReview(
        resolveScanSettings(given, config ?? {}),
        given.baseline.length > 0 ? baseline : undefined,
        new Date(),
      );
      expect(review.changesFindings).toBe(changes);
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
