// The counts a streamed report is written from (ScanOverview.counts) must tell open, archived and cancelled findings
// and baseline states apart as the whole result would, however the accounts are added up.
import { describe, expect, it } from "vitest";
import type { Finding } from "../../src/findings/finding.js";
import type { BaselineState } from "../../src/findings/lifecycle.js";
import { addCounts, countFindings, emptyCounts } from "../../src/findings/scan-result.js";
import { keepTopFindings } from "../../src/report/markdown-lifecycle.js";
import { sortFindings } from "../../src/report/order.js";
import { byAccount } from "../../src/report/pieces.js";
import {
  CANCELLED_BY_BPA_FINDING,
  CONFUSED_DEPUTY_FINDING,
  EXTERNAL_ROLE_FINDING,
  FEDERATION_FINDING,
  MISSING_EXTERNAL_ID_FINDING,
  PUBLIC_BUCKET_FINDING,
} from "../report/fixtures/scan-results.js";

const archived = (finding: Finding): Finding => ({
  ...finding,
  archived: { rule: "known-partner", reason: "reviewed" },
});
const since = (finding: Finding, state: BaselineState, worse: boolean): Finding => ({
  ...finding,
  baseline: { state, changes: state === "updated" ? ["severity medium → high"] : [], worse },
});

// 111122223333: an archived high, an unchanged medium, a cancelled critical that is archived too, a new critical.
// 444455556666: an updated high (worse), a medium with no baseline mark.
const FINDINGS = sortFindings([
  archived(EXTERNAL_ROLE_FINDING),
  since(MISSING_EXTERNAL_ID_FINDING, "unchanged", false),
  archived(CANCELLED_BY_BPA_FINDING),
  since(PUBLIC_BUCKET_FINDING, "new", true),
  since(FEDERATION_FINDING, "updated", true),
  CONFUSED_DEPUTY_FINDING,
]);

describe("countFindings", () => {
  it("counts open, archived and cancelled findings apart, and open ones by baseline state and worsening", () => {
    const counts = countFindings(emptyCounts(), FINDINGS);
    expect(counts.total).toBe(6);
    expect(counts.active).toBe(4);
    expect(counts.archived).toBe(1);
    expect(counts.archiveMarked).toBe(2);
    expect(Object.fromEntries(counts.activeBySeverity)).toEqual({ critical: 1, high: 1, medium: 2 });
    // The unchanged medium is not worse; the unmarked medium counts, as a finding without a baseline does.
    expect(Object.fromEntries(counts.worseBySeverity)).toEqual({ critical: 1, high: 1, medium: 1 });
    expect(Object.fromEntries(counts.byBaselineState)).toEqual({ new: 1, updated: 1, unchanged: 1 });
    expect(Object.fromEntries(counts.openByBaselineState)).toEqual({ new: 1, updated: 1, unchanged: 1 });
  });

  it("gives the same counts account by account, added up, as over the whole scan", () => {
    const whole = countFindings(emptyCounts(), FINDINGS);
    const accounts = byAccount(FINDINGS);
    expect(accounts).toHaveLength(2);
    const added = emptyCounts();
    for (const findings of accounts) addCounts(added, countFindings(emptyCounts(), findings));
    expect(added).toEqual(whole);
  });
});

describe("keepTopFindings", () => {
  it("keeps the same top findings fed account by account, in either order, as fed the whole scan", () => {
    const whole = keepTopFindings([], FINDINGS);
    // Worse (new, updated, unmarked) before the rest, then the most severe, open findings only.
    expect(whole.map((finding) => finding.ruleId)).toEqual([
      "public-access",
      FEDERATION_FINDING.ruleId,
      CONFUSED_DEPUTY_FINDING.ruleId,
      "missing-external-id",
    ]);
    const accounts = byAccount(FINDINGS);
    expect(accounts.reduce(keepTopFindings, [] as Finding[])).toEqual(whole);
    expect([...accounts].reverse().reduce(keepTopFindings, [] as Finding[])).toEqual(whole);
  });
});
