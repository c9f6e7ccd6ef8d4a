import { SEVERITY_RANK, type Finding, type Severity } from "../findings/finding.js";
import { isOpen } from "../findings/lifecycle.js";
import type { ScanOverview, ScanResult } from "../findings/scan-result.js";
import { wasSkipped, type Snapshot } from "../model/snapshot.js";
import { isInputIncomplete } from "../report/index.js";
import { describeReadProblem, sortReadProblems } from "../report/problems.js";
import { EXIT_FINDINGS, EXIT_INCOMPLETE, EXIT_OK } from "./exit-codes.js";

export interface OutcomeOptions {
  failOn: Severity | "none";
  /** Exit by the findings alone even when some input was not scanned. */
  allowIncomplete: boolean;
  /** Count only findings new since the baseline, or updated to grant more (BaselineMark.worse). */
  failOnNew?: boolean;
}

const PROBLEMS_LISTED = 10;

/**
 * Does the finding count for the exit status? Open (not cancelled by a guardrail, not archived), and with
 * --fail-on-new, new since the baseline or updated to grant more; a finding not compared with a baseline counts.
 */
export function countsForExit(finding: Finding, options: Pick<OutcomeOptions, "failOnNew">): boolean {
  if (!isOpen(finding)) return false;
  return !options.failOnNew || (finding.baseline?.worse ?? true);
}

/**
 * 1 when a finding that counts is at or above the threshold (a certain problem outranks a possible one); else 3
 * when some input was not scanned, unless allowed; else 0.
 */
export function exitStatusFor(result: ScanResult | ScanOverview, options: OutcomeOptions): number {
  if (options.failOn !== "none") {
    const threshold = SEVERITY_RANK[options.failOn];
    const failing =
      "counts" in result
        ? [...(options.failOnNew ? result.counts.worseBySeverity : result.counts.activeBySeverity)].some(
            ([severity, n]) => n > 0 && SEVERITY_RANK[severity] >= threshold,
          )
        : result.findings.some((f) => countsForExit(f, options) && SEVERITY_RANK[f.severity] >= threshold);
    if (failing) return EXIT_FINDINGS;
  }
  return isInputIncomplete(result) && !options.allowIncomplete ? EXIT_INCOMPLETE : EXIT_OK;
}

/**
 * Why a snapshot that yields no account at all cannot be scanned (undefined when it can): reporting "no
 * findings" for it would pass a check that looked at nothing.
 */
export function nothingToScan(
  snapshot: Pick<Snapshot, "source" | "readProblems"> & { accounts: { length: number } },
): string[] | undefined {
  if (snapshot.accounts.length > 0) return undefined;
  const problems = sortReadProblems(snapshot.readProblems);
  if (problems.length === 0) {
    return [`nothing to scan: ${snapshot.source} lists no accounts (its snapshot.json "accounts" is empty)`];
  }
  const more = problems.length - PROBLEMS_LISTED;
  return [
    `nothing to scan: not one account of ${snapshot.source} could be read:`,
    ...problems.slice(0, PROBLEMS_LISTED).map((problem) => `  ${describeReadProblem(problem)}`),
    ...(more > 0 ? [`  … and ${more} more`] : []),
  ];
}

/** Standard error after a scan: what was skipped, and why the exit status is 3 when it is. */
export function scanWarnings(
  result: Pick<ScanResult, "readProblems" | "collectionErrors" | "baseline" | "archive">,
  exitStatus: number,
): string[] {
  // A judged problem's message says how the policy was judged; a skipped part's says what was left out.
  const lines = sortReadProblems(result.readProblems).map(
    (problem) =>
      `warning: ${problem.file}: ${problem.jsonPath}: ${problem.message}${wasSkipped(problem) ? " (skipped; the rest was scanned)" : ""}`,
  );
  if (result.collectionErrors.length > 0) {
    lines.push(
      `warning: the snapshot records ${result.collectionErrors.length} collection error(s); what could not be collected was not scanned`,
    );
  }
  if (result.baseline && !result.baseline.found) {
    lines.push(
      `warning: no baseline found at ${result.baseline.sources.join(", ")}: every finding is new (expected on a first run)`,
    );
  }
  for (const rule of result.archive?.rules ?? []) {
    if (rule.expired) {
      lines.push(
        `warning: archive rule ${rule.name} expired on ${rule.expires ?? "?"}: it archives nothing any more`,
      );
    } else if (rule.matched === 0) {
      lines.push(`note: archive rule ${rule.name} matched no finding: remove it if what it accepted is gone`);
    }
  }
  if (exitStatus === EXIT_INCOMPLETE) {
    lines.push(
      "some input was not scanned, so findings may be missing: exit status 3 " +
        "(pass --allow-incomplete to exit by the findings alone)",
    );
  }
  return lines;
}
