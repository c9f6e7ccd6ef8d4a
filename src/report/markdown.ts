import { SEVERITIES, SEVERITY_RANK, type Finding, type Severity } from "../findings/finding.js";
import { isOpen } from "../findings/lifecycle.js";
import { overviewOf, type ScanOverview, type ScanResult } from "../findings/scan-result.js";
import { escapeTableCell, inlineCode } from "./markdown-escape.js";
import { archiveBlock, baselineBlock, keepTopFindings, topFindingsBlock } from "./markdown-lifecycle.js";
import { sortFindings } from "./order.js";
import {
  describeCollectionError,
  describeReadProblem,
  sortCollectionErrors,
  sortReadProblems,
} from "./problems.js";
import { renderPieces, type ReportPiece } from "./pieces.js";
import { describeZone, plural, summarizeOverview } from "./summary.js";
import { labelledMessage } from "./vendor-labels.js";

export interface MarkdownReportOptions {
  /** Size of the whole summary in UTF-8 bytes; rows and problems past it are left out and counted. */
  maxBytes?: number;
}

/** GitHub refuses a step summary over 1 MiB; the margin leaves room for what other steps append. */
export const GITHUB_STEP_SUMMARY_BYTES = 1024 * 1024;
export const DEFAULT_MARKDOWN_MAX_BYTES = GITHUB_STEP_SUMMARY_BYTES - 64 * 1024;

const SEVERITY_TITLE = { critical: "Critical", high: "High", medium: "Medium", low: "Low" } as const;

const bytes = (text: string) => Buffer.byteLength(text, "utf8");

/** How many of `lines` (each followed by a newline) fit in `budget` bytes, in order. */
function linesWithin(lines: string[], budget: number): number {
  let used = 0;
  for (let index = 0; index < lines.length; index += 1) {
    used += bytes(lines[index] ?? "") + 1;
    if (used > budget) return index;
  }
  return lines.length;
}

function leftOut(count: number, noun: string, maxBytes: number): string {
  return (
    `… and ${count} more ${count === 1 ? noun : `${noun}s`}, left out to keep this summary under ${Math.floor(maxBytes / 1024)} KiB ` +
    `(GitHub's job summary limit is 1 MiB); see the full report (text, JSON or SARIF).`
  );
}

/**
 * A summary for a CI job page (GITHUB_STEP_SUMMARY): counts, the active findings, what is cancelled, problems.
 * Never larger than `maxBytes`: the findings table (most severe first) and then the problem list are filled
 * up to the limit, and a line says how many of each were left out.
 */
export function renderMarkdown(result: ScanResult, options: MarkdownReportOptions = {}): string {
  return renderPieces(markdownReportPieces(overviewOf(result), options), sortFindings(result.findings));
}

/**
 * The Markdown summary's pieces. Its table lists the most severe findings first, so the rows of each severity are
 * kept as the accounts go by, never more of them than fit in `maxBytes`, and written at the end.
 */
export function markdownReportPieces(
  overview: ScanOverview,
  options: MarkdownReportOptions = {},
): ReportPiece[] {
  const maxBytes = options.maxBytes ?? DEFAULT_MARKDOWN_MAX_BYTES;
  const summary = summarizeOverview(overview);
  const rowCount = summary.active;
  const problems = [
    ...sortReadProblems(overview.readProblems).map(
      (p) =>
        `- ${p.kind === "policy-grammar" ? "Policy grammar" : p.kind === "analysis-budget" ? "Analysis budget" : "Read problem"}: ${escapeTableCell(describeReadProblem(p))}`,
    ),
    ...sortCollectionErrors(overview.collectionErrors).map(
      (e) => `- Collection error: ${escapeTableCell(describeCollectionError(e))}`,
    ),
  ];

  const head = [
    `## ${escapeTableCell(overview.tool.name)}: ${plural(summary.active, "active finding")}`,
    `Scanned ${plural(summary.resourcesScanned, "resource")} in ${plural(summary.accountsScanned, "account")} ` +
      `(zone: ${escapeTableCell(describeZone(overview.zone, overview.scannedAccounts))}) with ${escapeTableCell(overview.tool.name)} ` +
      `${escapeTableCell(overview.tool.version)}.`,
    [
      "| Severity | Active findings |",
      "| --- | ---: |",
      ...SEVERITIES.map((severity) => `| ${SEVERITY_TITLE[severity]} | ${summary.bySeverity[severity]} |`),
    ].join("\n"),
    [
      "| Rule | Active findings |",
      "| --- | ---: |",
      ...summary.byRule.map(({ ruleId, count }) => `| ${inlineCode(ruleId)} | ${count} |`),
    ].join("\n"),
    ...baselineBlock(overview),
    ...archiveBlock(overview),
  ];
  // The top findings are known only once every account has gone by; the rows kept meanwhile are bounded by
  // the budget without them, which is never smaller than the final one.
  let top: Finding[] = [];
  const headWithTop = () => [...head, ...topFindingsBlock(overview, top)];
  const findingsHeading = "### Active findings";
  const tableHeader = "| Severity | Rule | Resource | Message |\n| --- | --- | --- | --- |";
  const cancelled =
    summary.cancelled > 0
      ? `${plural(summary.cancelled, "finding")} cancelled by guardrails (Deny statements, Block Public Access, ` +
        `resource control policies): not active, listed in the full report.`
      : undefined;
  const problemsHeading = "### Problems (the findings may be incomplete)";

  // Everything but the rows and problem lines, with both "left out" lines at their longest: what is left of
  // maxBytes is the budget for rows, then for problems.
  const fixedWith = (headBlocks: string[]) => [
    ...headBlocks,
    ...(rowCount > 0 ? [findingsHeading, tableHeader, leftOut(rowCount, "finding", maxBytes)] : []),
    ...(cancelled ? [cancelled] : []),
    ...(problems.length > 0 ? [problemsHeading, leftOut(problems.length, "problem", maxBytes)] : []),
  ];
  const budgetWith = (headBlocks: string[]) => maxBytes - bytes(`${fixedWith(headBlocks).join("\n\n")}\n`);
  const rowBudget = budgetWith(head);

  // Rows of each severity, in report order, as long as they could still fit: a row past the budget can never be
  // shown, whatever comes before it.
  const rowsBySeverity = new Map<Severity, { rows: string[]; bytes: number }>(
    SEVERITIES.map((severity) => [severity, { rows: [], bytes: 0 }]),
  );
  const collectRows: ReportPiece = {
    eachAccount: (findings) => {
      top = keepTopFindings(top, findings);
      for (const finding of findings) {
        if (!isOpen(finding)) continue;
        const kept = rowsBySeverity.get(finding.severity);
        if (!kept || kept.bytes > rowBudget) continue;
        const row =
          `| ${SEVERITY_TITLE[finding.severity]} | ${inlineCode(finding.ruleId)} | ${inlineCode(finding.resource.arn)} | ` +
          `${finding.baseline?.state === "new" ? "**new** " : ""}${escapeTableCell(labelledMessage(finding))} |`;
        kept.rows.push(row);
        kept.bytes += bytes(row) + 1;
      }
      return "";
    },
  };

  const rest = (): string => {
    // Most severe first (stable within a severity): a capped table keeps what matters most.
    const rows = [...SEVERITIES]
      .sort((a, b) => SEVERITY_RANK[b] - SEVERITY_RANK[a])
      .flatMap((severity) => rowsBySeverity.get(severity)?.rows ?? []);
    const fullHead = headWithTop();
    let budget = budgetWith(fullHead);
    const rowsShown = linesWithin(rows, budget);
    budget -= bytes(rows.slice(0, rowsShown).join("\n")) + rowsShown;
    // The problem list is a block of its own: one more separator byte than its lines.
    const problemsShown = linesWithin(problems, budget - 1);

    const blocks = [...fullHead];
    if (rowCount > 0) {
      blocks.push(findingsHeading, [tableHeader, ...rows.slice(0, rowsShown)].join("\n"));
      if (rowsShown < rowCount) blocks.push(leftOut(rowCount - rowsShown, "finding", maxBytes));
    }
    if (cancelled) blocks.push(cancelled);
    if (problems.length > 0) {
      blocks.push(problemsHeading);
      if (problemsShown > 0) blocks.push(problems.slice(0, problemsShown).join("\n"));
      if (problemsShown < problems.length)
        blocks.push(leftOut(problems.length - problemsShown, "problem", maxBytes));
    }
    return `${blocks.join("\n\n")}\n`;
  };
  return rowCount > 0 ? [collectRows, rest] : [rest];
}
