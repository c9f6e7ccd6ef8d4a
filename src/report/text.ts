import { isActive } from "../findings/finding.js";
import type { Finding, Severity } from "../findings/finding.js";
import type { ScanResult } from "../findings/scan-result.js";
import { sortFindings } from "./order.js";
import {
  describeCollectionError,
  describeReadProblem,
  sortCollectionErrors,
  sortReadProblems,
} from "./problems.js";
import { describeZone, formatSummaryLine, summarize } from "./summary.js";
import { safeText } from "./terminal-text.js";

export interface TextReportOptions {
  /** ANSI colours; the CLI sets it only on a TTY without NO_COLOR. */
  color?: boolean;
}

const ANSI = {
  reset: "\u001b[0m",
  bold: "\u001b[1m",
  dim: "\u001b[2m",
  red: "\u001b[31m",
  yellow: "\u001b[33m",
  cyan: "\u001b[36m",
  boldRed: "\u001b[1;31m",
} as const;

const SEVERITY_STYLE: Record<Severity, string> = {
  critical: ANSI.boldRed,
  high: ANSI.red,
  medium: ANSI.yellow,
  low: ANSI.cyan,
};

const SEVERITY_WIDTH = "CRITICAL".length;

function location(finding: Finding): string {
  const { file, startLine, startColumn } = finding.source.location;
  return `${safeText(file)}:${startLine}:${startColumn}`;
}

/** Findings grouped by account, then by resource, keeping the report's sort order. */
function groupByAccountAndResource(findings: Finding[]): Map<string, Map<string, Finding[]>> {
  const accounts = new Map<string, Map<string, Finding[]>>();
  for (const finding of findings) {
    const resources = accounts.get(finding.resource.accountId) ?? new Map<string, Finding[]>();
    accounts.set(finding.resource.accountId, resources);
    const list = resources.get(finding.resource.arn) ?? [];
    resources.set(finding.resource.arn, list);
    list.push(finding);
  }
  return accounts;
}

export function renderText(result: ScanResult, options: TextReportOptions = {}): string {
  const paint = (style: string, text: string) => (options.color ? `${style}${text}${ANSI.reset}` : text);
  const findings = sortFindings(result.findings);
  const active = findings.filter(isActive);
  const cancelled = findings.filter((finding) => !isActive(finding));
  const ruleWidth = Math.max(0, ...findings.map((finding) => finding.ruleId.length));

  // Cancelled findings are dimmed as a whole, so their severity keeps no colour of its own.
  const findingLine = (finding: Finding, colourSeverity: boolean) => {
    const severity = finding.severity.toUpperCase().padEnd(SEVERITY_WIDTH);
    return (
      `${colourSeverity ? paint(SEVERITY_STYLE[finding.severity], severity) : severity}  ` +
      `${finding.ruleId.padEnd(ruleWidth)}  ${safeText(finding.message)}  (${location(finding)})`
    );
  };

  const grouped = (list: Finding[], renderFinding: (finding: Finding) => string[]): string[] => {
    const lines: string[] = [];
    for (const [accountId, resources] of groupByAccountAndResource(list)) {
      lines.push(paint(ANSI.bold, `Account ${safeText(accountId)}`));
      for (const [arn, resourceFindings] of resources) {
        lines.push(`  ${safeText(arn)} (${resourceFindings[0]?.resource.type ?? ""})`);
        for (const finding of resourceFindings)
          lines.push(...renderFinding(finding).map((line) => `    ${line}`));
      }
    }
    return lines;
  };

  const lines: string[] = [
    `${result.tool.name} ${result.tool.version}: scanned ${result.sources.map(safeText).join(", ")} (zone: ${safeText(describeZone(result.zone))})`,
    "",
  ];

  if (active.length === 0) lines.push("No active findings.");
  else lines.push(...grouped(active, (finding) => [findingLine(finding, true)]));

  if (cancelled.length > 0) {
    lines.push(
      "",
      paint(ANSI.bold, "Cancelled by guardrails (not active; shown so you can see what they hold back)"),
    );
    lines.push(
      ...grouped(cancelled, (finding) =>
        [
          `[cancelled] ${findingLine(finding, false)}`,
          `  cancelled by: ${finding.cancelledBy.map((control) => safeText(control.name)).join("; ")}`,
        ].map((line) => paint(ANSI.dim, line)),
      ),
    );
  }

  const warnings = [
    ...sortReadProblems(result.readProblems).map(describeReadProblem),
    ...sortCollectionErrors(result.collectionErrors).map(describeCollectionError),
  ];
  if (warnings.length > 0) {
    lines.push("", paint(ANSI.bold, "Warnings (the findings may be incomplete)"));
    lines.push(...warnings.map((warning) => `  ${paint(ANSI.yellow, "warning:")} ${safeText(warning)}`));
  }

  lines.push("", safeText(formatSummaryLine(summarize(result), result.zone)));
  return `${lines.join("\n")}\n`;
}
