import { isActive } from "../findings/finding.js";
import type { Finding, Severity } from "../findings/finding.js";
import { isOpen } from "../findings/lifecycle.js";
import { overviewOf, type ScanOverview, type ScanResult } from "../findings/scan-result.js";
import {
  baselineMarker,
  describeArchiveMark,
  describeExpiredRule,
  describeUnusedRule,
  expiredRules,
  unusedRules,
} from "./lifecycle-notes.js";
import { sortFindings } from "./order.js";
import {
  describeCollectionError,
  describeReadProblem,
  sortCollectionErrors,
  sortReadProblems,
} from "./problems.js";
import { renderPieces, type ReportPiece } from "./pieces.js";
import { describeZone, formatSummaryLine, summarizeOverview } from "./summary.js";
import { safeText } from "../text/safe-text.js";
import { labelledMessage } from "./vendor-labels.js";

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

/** Findings grouped by resource, keeping the report's sort order. */
function groupByResource(findings: readonly Finding[]): Map<string, Finding[]> {
  const resources = new Map<string, Finding[]>();
  for (const finding of findings) {
    const list = resources.get(finding.resource.arn) ?? [];
    resources.set(finding.resource.arn, list);
    list.push(finding);
  }
  return resources;
}

/** Each line with its newline. */
function linesText(lines: readonly string[]): string {
  let text = "";
  for (const line of lines) text += `${line}\n`;
  return text;
}

export function renderText(result: ScanResult, options: TextReportOptions = {}): string {
  return renderPieces(textReportPieces(overviewOf(result), options), sortFindings(result.findings));
}

/** The text report: a header, the active findings by account and resource, the cancelled ones, warnings, a summary. */
export function textReportPieces(overview: ScanOverview, options: TextReportOptions = {}): ReportPiece[] {
  const paint = (style: string, text: string) => (options.color ? `${style}${text}${ANSI.reset}` : text);
  const { counts } = overview;
  const ruleWidth = Math.max(0, ...[...counts.byRule.keys()].map((ruleId) => ruleId.length));

  // Cancelled findings are dimmed as a whole, so their severity keeps no colour of its own.
  const findingLine = (finding: Finding, colourSeverity: boolean) => {
    const severity = finding.severity.toUpperCase().padEnd(SEVERITY_WIDTH);
    return (
      `${colourSeverity ? paint(SEVERITY_STYLE[finding.severity], severity) : severity}  ` +
      `${finding.ruleId.padEnd(ruleWidth)}  ${baselineMarker(finding.baseline?.state)}` +
      `${safeText(labelledMessage(finding))}  (${location(finding)})`
    );
  };

  /** One account's findings of a section, under the account and each resource. */
  const grouped = (list: readonly Finding[], renderFinding: (finding: Finding) => string[]): string => {
    const first = list[0];
    if (!first) return "";
    const lines: string[] = [paint(ANSI.bold, `Account ${safeText(first.resource.accountId)}`)];
    for (const [arn, resourceFindings] of groupByResource(list)) {
      lines.push(`  ${safeText(arn)} (${resourceFindings[0]?.resource.type ?? ""})`);
      for (const finding of resourceFindings)
        lines.push(...renderFinding(finding).map((line) => `    ${line}`));
    }
    return linesText(lines);
  };

  const pieces: ReportPiece[] = [
    linesText([
      `${overview.tool.name} ${overview.tool.version}: scanned ${overview.sources.map(safeText).join(", ")} (zone: ${safeText(describeZone(overview.zone, overview.scannedAccounts))})`,
      ...(overview.trustedAccountNotes ?? []).map(
        (note) => `trusted account ${note.id} (${safeText(note.name)}): ${safeText(note.reason)}`,
      ),
      "",
    ]),
  ];

  const updates = (finding: Finding) =>
    finding.baseline?.state === "updated"
      ? [`  changed: ${safeText(finding.baseline.changes.join("; "))}`]
      : [];
  if (counts.active === 0)
    pieces.push(linesText([counts.archived > 0 ? "No open findings." : "No active findings."]));
  else
    pieces.push({
      eachAccount: (findings) =>
        grouped(findings.filter(isOpen), (finding) => [findingLine(finding, true), ...updates(finding)]),
    });

  if (counts.archived > 0) {
    pieces.push(
      linesText([
        "",
        paint(ANSI.bold, "Archived by the config's archive rules (accepted; they do not fail the scan)"),
      ]),
      {
        eachAccount: (findings) =>
          grouped(
            findings.filter((finding) => isActive(finding) && !isOpen(finding)),
            (finding) =>
              [
                `[archived] ${findingLine(finding, false)}`,
                `  ${safeText(describeArchiveMark(finding.archived!))}`,
                ...updates(finding),
              ].map((line) => paint(ANSI.dim, line)),
          ),
      },
    );
  }

  if (counts.total > counts.active + counts.archived) {
    pieces.push(
      linesText([
        "",
        paint(ANSI.bold, "Cancelled by guardrails (not active; shown so you can see what they hold back)"),
      ]),
      {
        eachAccount: (findings) =>
          grouped(
            findings.filter((finding) => !isActive(finding)),
            (finding) =>
              [
                `[cancelled] ${findingLine(finding, false)}`,
                `  cancelled by: ${finding.cancelledBy.map((control) => safeText(control.name)).join("; ")}`,
                ...(finding.archived ? [`  ${safeText(describeArchiveMark(finding.archived))}`] : []),
              ].map((line) => paint(ANSI.dim, line)),
          ),
      },
    );
  }

  const warnings = [
    ...sortReadProblems(overview.readProblems).map(describeReadProblem),
    ...sortCollectionErrors(overview.collectionErrors).map(describeCollectionError),
  ];
  const closing: string[] = [];
  if (warnings.length > 0) {
    closing.push("", paint(ANSI.bold, "Warnings (the findings may be incomplete)"));
    closing.push(...warnings.map((warning) => `  ${paint(ANSI.yellow, "warning:")} ${safeText(warning)}`));
  }

  const absent = overview.baseline?.absent ?? [];
  if (absent.length > 0) {
    closing.push(
      "",
      paint(ANSI.bold, `Gone since the baseline (${overview.baseline!.sources.map(safeText).join(", ")})`),
    );
    closing.push(
      ...absent.map(
        (gone) =>
          `  [gone] ${gone.severity.toUpperCase().padEnd(SEVERITY_WIDTH)}  ${safeText(gone.ruleId).padEnd(ruleWidth)}  ${safeText(gone.message)}`,
      ),
    );
  }
  if (overview.baseline && !overview.baseline.found) {
    closing.push(
      "",
      `No baseline yet (${overview.baseline.sources.map(safeText).join(", ")} not found): every finding is new.`,
    );
  }

  const ruleNotes = [
    ...expiredRules(overview).map(describeExpiredRule),
    ...unusedRules(overview).map(describeUnusedRule),
  ];
  if (ruleNotes.length > 0) {
    closing.push("", paint(ANSI.bold, "Archive rules to review"));
    closing.push(...ruleNotes.map((note) => `  ${paint(ANSI.yellow, "note:")} ${safeText(note)}`));
  }

  closing.push(
    "",
    safeText(formatSummaryLine(summarizeOverview(overview), overview.zone, overview.scannedAccounts)),
  );
  pieces.push(linesText(closing));
  return pieces;
}
