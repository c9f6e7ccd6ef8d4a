// The Markdown summary's blocks about the weekly job: what is new since the baseline, the top findings with
// their fix, archived and expired counts. Each block is bounded, so the summary's byte budget still holds.
import { SEVERITY_RANK, type Finding } from "../findings/finding.js";
import { isOpen, type BaselineState } from "../findings/lifecycle.js";
import { compareFindings } from "../findings/order.js";
import type { ScanOverview, ScanResult } from "../findings/scan-result.js";
import { expiredRules, unusedRules } from "./lifecycle-notes.js";
import { escapeTableCell, inlineCode } from "./markdown-escape.js";
import { plural } from "./summary.js";
import { labelledMessage } from "./vendor-labels.js";

export const TOP_FINDINGS = 5;
const GONE_LISTED = 10;
const SEVERITY_TITLE = { critical: "Critical", high: "High", medium: "Medium", low: "Low" } as const;

/** New (or worse) first, then the most severe, then report order: what a reviewer should look at this week. */
function compareUrgency(a: Finding, b: Finding): number {
  const urgency = (finding: Finding) => (finding.baseline === undefined || finding.baseline.worse ? 1 : 0);
  return (
    urgency(b) - urgency(a) || SEVERITY_RANK[b.severity] - SEVERITY_RANK[a.severity] || compareFindings(a, b)
  );
}

/**
 * The top open findings of `findings` merged into `top` (kept to TOP_FINDINGS): fed account by account, it ends
 * with the same findings as one pass over the whole scan.
 */
export function keepTopFindings(top: readonly Finding[], findings: readonly Finding[]): Finding[] {
  return [...top, ...findings.filter(isOpen)].sort(compareUrgency).slice(0, TOP_FINDINGS);
}

/** The rule's fix, on one line (rule docs are our own Markdown). */
function fixOf(result: Pick<ScanResult, "rules">, ruleId: string): string {
  const rule = result.rules.find((candidate) => candidate.id === ruleId);
  return rule ? rule.docs.howToFix.trim().replace(/\s*\n\s*/g, " ") : "";
}

export function baselineBlock(result: ScanOverview): string[] {
  const baseline = result.baseline;
  if (!baseline) return [];
  if (!baseline.found) {
    return [
      `No baseline yet (${baseline.sources.map(inlineCode).join(", ")} not found): every finding is new.`,
    ];
  }
  const count = (state: BaselineState) => result.counts.openByBaselineState.get(state) ?? 0;
  const lines = [
    `**Since the baseline:** ${count("new")} new, ${count("updated")} updated, ${count("unchanged")} unchanged open ` +
      `findings; ${plural(baseline.absent.length, "finding")} of the baseline gone.`,
  ];
  const gone = baseline.absent
    .slice(0, GONE_LISTED)
    .map(
      (finding) =>
        `- Gone: ${SEVERITY_TITLE[finding.severity]} ${inlineCode(finding.ruleId)} ${inlineCode(finding.resourceArn)}`,
    );
  if (baseline.absent.length > GONE_LISTED)
    gone.push(`- … and ${baseline.absent.length - GONE_LISTED} more gone`);
  return gone.length > 0 ? [lines[0]!, gone.join("\n")] : lines;
}

export function topFindingsBlock(result: Pick<ScanResult, "rules">, top: readonly Finding[]): string[] {
  if (top.length === 0) return [];
  const items = top.map((finding, index) => {
    const state =
      finding.baseline && finding.baseline.state !== "unchanged" ? ` (${finding.baseline.state})` : "";
    return (
      `${index + 1}. **${SEVERITY_TITLE[finding.severity]}** ${inlineCode(finding.ruleId)}${state}: ` +
      `${escapeTableCell(labelledMessage(finding))}  \n   Fix: ${fixOf(result, finding.ruleId)}`
    );
  });
  return ["### Top findings and how to fix them", items.join("\n")];
}

export function archiveBlock(result: ScanOverview): string[] {
  if (!result.archive) return [];
  const archived = result.counts.archiveMarked;
  const expired = expiredRules(result);
  const unused = unusedRules(result);
  const lines = [
    `**Archive rules:** ${plural(archived, "finding")} archived (accepted with a reason; not counted), ` +
      `${plural(expired.length, "rule")} expired, ${plural(unused.length, "rule")} matched nothing.`,
  ];
  const review = [
    ...expired.map(
      (rule) =>
        `- Expired on ${rule.expires ?? "?"}: ${inlineCode(rule.name)}: ${escapeTableCell(rule.reason)}`,
    ),
    ...unused.map((rule) => `- Matched nothing: ${inlineCode(rule.name)}: ${escapeTableCell(rule.reason)}`),
  ];
  return review.length > 0 ? [...lines, review.join("\n")] : lines;
}
