import { oneLine, type RecordedError } from "./errors.js";
import { safeText } from "../text/safe-text.js";
import { formatDuration } from "./progress.js";
import type { CollectStats } from "./stats.js";

/** An error with the account it belongs to (none for organization-level errors). */
export interface SummaryError {
  accountId?: string;
  error: RecordedError;
}

const ERRORS_SHOWN = 10;

/** Keeps the first errors for the summary and counts the rest (an account can have thousands). */
export class ErrorDigest {
  readonly shown: SummaryError[] = [];
  total = 0;

  add(errors: RecordedError[], accountId?: string): void {
    for (const error of errors) {
      this.total += 1;
      if (this.shown.length < ERRORS_SHOWN) this.shown.push({ ...(accountId ? { accountId } : {}), error });
    }
  }
}

export interface SummaryInput {
  outDir: string;
  stats: CollectStats;
  accountFiles: number;
  incompleteAccounts: number;
  errors: ErrorDigest;
  now: number;
}

function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? "" : "s"}`;
}

/** One line per error, whatever AWS put in the message (recorded messages are one line already). */
function describe({ accountId, error }: SummaryError): string {
  const where = [accountId ?? "organization", error.service, error.region, error.operation, error.resource]
    .filter(Boolean)
    .join(" ");
  const message = error.message ? ` (${oneLine(error.message)})` : "";
  return safeText(`  ${where}: ${error.code}${message}`);
}

/** `12 retried after throttling, 3 after server errors, timeouts or network errors`. */
function retries(stats: CollectStats): string {
  const other = stats.retries - stats.throttledRetries;
  return `${stats.throttledRetries} retried after throttling, ${other} after server errors, timeouts or network errors`;
}

/** The closing lines: what was written, how long it took, and how much is missing. */
export function summaryLines(input: SummaryInput): string[] {
  const { stats, errors } = input;
  const complete = input.accountFiles - input.incompleteAccounts;
  const lines = [
    `Snapshot written to ${safeText(input.outDir)}: ${count(input.accountFiles, "account")} (${complete} complete, ${input.incompleteAccounts} incomplete), ` +
      `${count(stats.buckets, "bucket")}, ${count(stats.calls, "API call")} (${retries(stats)}) in ${formatDuration(input.now - stats.startedAt)}.`,
  ];
  if (stats.resourcesGone > 0) {
    lines.push(
      `${count(stats.resourcesGone, "resource")} deleted between being listed and being read: left out, not errors.`,
    );
  }
  if (errors.total === 0) return lines;
  lines.push(`${count(errors.total, "error")} recorded; the snapshot is incomplete:`);
  lines.push(...errors.shown.map(describe));
  if (errors.total > errors.shown.length) {
    lines.push(
      `  ... and ${errors.total - errors.shown.length} more (see "errors" in snapshot.json and accounts/*.json)`,
    );
  }
  return lines;
}

/** When nothing could be collected: the reasons. */
export function failureLines(errors: ErrorDigest, accountsSelected: number): string[] {
  const why =
    accountsSelected === 0 ? ["  no account was selected (check --accounts and --exclude-accounts)"] : [];
  return ["Nothing could be collected; no snapshot was written.", ...why, ...errors.shown.map(describe)];
}
