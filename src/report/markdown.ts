import { isActive, SEVERITIES, SEVERITY_RANK } from "../findings/finding.js";
import type { ScanResult } from "../findings/scan-result.js";
import { escapeTableCell, inlineCode } from "./markdown-escape.js";
import { sortFindings } from "./order.js";
import {
  describeCollectionError,
  describeReadProblem,
  sortCollectionErrors,
  sortReadProblems,
} from "./problems.js";
import { describeZone, plural, summarize } from "./summary.js";

export interface MarkdownReportOptions {
  /**
   * Rows of the findings table. GitHub caps a job summary at 1 MiB; past this many rows the table says how
   * many it left out and points at the full report.
   */
  maxRows?: number;
}

export const DEFAULT_MARKDOWN_MAX_ROWS = 500;

const SEVERITY_TITLE = { critical: "Critical", high: "High", medium: "Medium", low: "Low" } as const;

/** A summary for a CI job page (GITHUB_STEP_SUMMARY): counts, the active findings, what is cancelled, problems. */
export function renderMarkdown(result: ScanResult, options: MarkdownReportOptions = {}): string {
  const maxRows = options.maxRows ?? DEFAULT_MARKDOWN_MAX_ROWS;
  const summary = summarize(result);
  // Most severe first (stable within a severity): a capped table keeps what matters most.
  const active = sortFindings(result.findings)
    .filter(isActive)
    .sort((a, b) => SEVERITY_RANK[b.severity] - SEVERITY_RANK[a.severity]);
  const blocks: string[] = [];

  blocks.push(`## ${escapeTableCell(result.tool.name)}: ${plural(summary.active, "active finding")}`);
  blocks.push(
    `Scanned ${plural(summary.resourcesScanned, "resource")} in ${plural(summary.accountsScanned, "account")} ` +
      `(zone: ${escapeTableCell(describeZone(result.zone))}) with ${escapeTableCell(result.tool.name)} ` +
      `${escapeTableCell(result.tool.version)}.`,
  );

  blocks.push(
    [
      "| Severity | Active findings |",
      "| --- | ---: |",
      ...SEVERITIES.map((severity) => `| ${SEVERITY_TITLE[severity]} | ${summary.bySeverity[severity]} |`),
    ].join("\n"),
  );
  blocks.push(
    [
      "| Rule | Active findings |",
      "| --- | ---: |",
      ...summary.byRule.map(({ ruleId, count }) => `| ${inlineCode(ruleId)} | ${count} |`),
    ].join("\n"),
  );

  if (active.length > 0) {
    const rows = active
      .slice(0, maxRows)
      .map(
        (finding) =>
          `| ${SEVERITY_TITLE[finding.severity]} | ${inlineCode(finding.ruleId)} | ${inlineCode(finding.resource.arn)} | ${escapeTableCell(finding.message)} |`,
      );
    const table = ["| Severity | Rule | Resource | Message |", "| --- | --- | --- | --- |", ...rows].join(
      "\n",
    );
    const omitted = active.length - rows.length;
    blocks.push("### Active findings", table);
    if (omitted > 0) blocks.push(`… and ${omitted} more; see the full report (text, JSON or SARIF).`);
  }

  if (summary.cancelled > 0) {
    blocks.push(
      `${plural(summary.cancelled, "finding")} cancelled by guardrails (Deny statements, Block Public Access, ` +
        `resource control policies): not active, listed in the full report.`,
    );
  }

  const problems = [
    ...sortReadProblems(result.readProblems).map(
      (p) =>
        `- ${p.kind === "policy-grammar" ? "Policy grammar" : "Read problem"}: ${escapeTableCell(describeReadProblem(p))}`,
    ),
    ...sortCollectionErrors(result.collectionErrors).map(
      (e) => `- Collection error: ${escapeTableCell(describeCollectionError(e))}`,
    ),
  ];
  if (problems.length > 0) {
    blocks.push("### Problems (the findings may be incomplete)", problems.join("\n"));
  }

  return `${blocks.join("\n\n")}\n`;
}
