import { isActive } from "../findings/finding.js";
import type { Finding, Severity } from "../findings/finding.js";
import { isOpen } from "../findings/lifecycle.js";
import type { ScanResult } from "../findings/scan-result.js";
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
import { describeZone, formatSummaryLine, summarize } from "./summary.js";
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
  const active = findings.filter(isOpen);
  const archived = findings.filter((finding) => isActive(finding) && !isOpen(finding));
  const cancelled = findings.filter((finding) => !isActive(finding));
  const ruleWidth = Math.max(0, ...findings.map((finding) => finding.ruleId.length));

  // Cancelled findings are dimmed as a whole, so their severity keeps no colour of its own.
  const findingLine = (finding: Finding, colourSeverity: boolean) => {
    const severity = finding.severity.toUpperCase().padEnd(SEVERITY_WIDTH);
    return (
      `${colourSeverity ? paint(SEVERITY_STYLE[finding.severity], severity) : severity}  ` +
      `${finding.ruleId.padEnd(ruleWidth)}  ${baselineMarker(finding.baseline?.state)}` +
      `${safeText(labelledMessage(finding))}  (${location(finding)})`
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
    `${result.tool.name} ${result.tool.version}: scanned ${result.sources.map(safeText).join(", ")} (zone: ${safeText(describeZone(result.zone, result.scannedAccounts))})`,
    ...(result.trustedAccountNotes ?? []).map(
      (note) => `trusted account ${note.id} (${safeText(note.name)}): ${safeText(note.reason)}`,
    ),
    "",
  ];

  const updates = (finding: Finding) =>
    finding.baseline?.state === "updated"
      ? [`  changed: ${safeText(finding.baseline.changes.join("; "))}`]
      : [];
  if (active.length === 0) lines.push(archived.length > 0 ? "No open findings." : "No active findings.");
  else lines.push(...grouped(active, (finding) => [findingLine(finding, true), ...updates(finding)]));

  if (archived.length > 0) {
    lines.push(
      "",
      paint(ANSI.bold, "Archived by the config's archive rules (accepted; they do not fail the scan)"),
    );
    lines.push(
      ...grouped(archived, (finding) =>
        [
          `[archived] ${findingLine(finding, false)}`,
          `  ${safeText(describeArchiveMark(finding.archived!))}`,
          ...updates(finding),
        ].map((line) => paint(ANSI.dim, line)),
      ),
    );
  }

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
          ...(finding.archived ? [`  ${safeText(describeArchiveMark(finding.archived))}`] : []),
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

  const absent = result.baseline?.absent ?? [];
  if (absent.length > 0) {
    lines.push(
      "",
      paint(ANSI.bold, `Gone since the baseline (${result.baseline!.sources.map(safeText).join(", ")})`),
    );
    lines.push(
      ...absent.map(
        (gone) =>
          `  [gone] ${gone.severity.toUpperCase().padEnd(SEVERITY_WIDTH)}  ${safeText(gone.ruleId).padEnd(ruleWidth)}  ${safeText(gone.message)}`,
      ),
    );
  }
  if (result.baseline && !result.baseline.found) {
    lines.push(
      "",
      `No baseline yet (${result.baseline.sources.map(safeText).join(", ")} not found): every finding is new.`,
    );
  }

  const ruleNotes = [
    ...expiredRules(result).map(describeExpiredRule),
    ...unusedRules(result).map(describeUnusedRule),
  ];
  if (ruleNotes.length > 0) {
    lines.push("", paint(ANSI.bold, "Archive rules to review"));
    lines.push(...ruleNotes.map((note) => `  ${paint(ANSI.yellow, "note:")} ${safeText(note)}`));
  }

  lines.push("", safeText(formatSummaryLine(summarize(result), result.zone, result.scannedAccounts)));
  return `${lines.join("\n")}\n`;
}
