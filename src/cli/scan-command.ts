import { isAccountId } from "../model/account-id.js";
import { Command, InvalidArgumentError, Option } from "commander";
import { createReadStream } from "node:fs";
import { ZoneError } from "../engine/scan.js";
import { scanSnapshotPaths } from "../engine/scan-stream.js";
import { SEVERITIES, type Severity } from "../findings/finding.js";
import type { ScanOverview } from "../findings/scan-result.js";
import {
  FindingSpool,
  OutputError,
  REPORT_FORMATS,
  reportContent,
  ReportLimitError,
  ReportPathError,
  safeText,
  withTemporaryContent,
  writeOutputFile,
  type ReportFormat,
} from "../report/index.js";
import { InputError } from "../snapshot/index.js";
import { EXIT_INPUT } from "./exit-codes.js";
import { exitStatusFor, nothingToScan, scanWarnings } from "./scan-outcome.js";

export interface ScanCommandOptions {
  zone?: "account" | "organization";
  trustedAccount: string[];
  format: ReportFormat;
  output?: string;
  failOn: Severity | "none";
  allowIncomplete?: boolean;
  repoRoot?: string;
  color: boolean;
}

export interface CliIo {
  /** A promise it returns is awaited: a long report waits for a full pipe to take its text. */
  stdout(text: string): unknown;
  stderr(text: string): void;
  cwd: string;
  isTty: boolean;
}

/** `--output` values that mean standard output rather than a file to replace. */
const STANDARD_OUTPUT_NAMES = new Set(["-", "/dev/stdout"]);

function collectAccount(value: string, previous: string[]): string[] {
  if (!isAccountId(value))
    throw new InvalidArgumentError(`expected a 12-digit AWS account id, got "${value}"`);
  return [...previous, value];
}

function parseOutput(value: string): string {
  if (value === "") throw new InvalidArgumentError("expected a file name, or - for standard output");
  return value;
}

/** Every line for a person goes through safeText: snapshot text must not drive the terminal or the CI log. */
function printDiagnostics(io: CliIo, lines: string[]): void {
  for (const line of lines) io.stderr(`trustscan: ${safeText(line)}\n`);
}

/**
 * Reads, scans and reports; returns the exit status (exit-codes.ts). Input, report and output problems are a
 * message and status 2, with no report written. Accounts are scanned one at a time and their findings kept on
 * disk until the report is written (engine/scan-stream.ts): memory stays that of the largest account.
 */
export async function runScan(paths: string[], options: ScanCommandOptions, io: CliIo): Promise<number> {
  const file =
    options.output !== undefined && !STANDARD_OUTPUT_NAMES.has(options.output) ? options.output : undefined;
  const spool = await FindingSpool.create();
  try {
    let overview: ScanOverview;
    try {
      overview = await scanSnapshotPaths(paths, {
        ...(options.zone ? { zone: options.zone } : {}),
        trustedAccounts: options.trustedAccount,
        sink: spool,
      });
    } catch (error) {
      if (error instanceof InputError || error instanceof ZoneError) {
        printDiagnostics(io, [error.message]);
        return EXIT_INPUT;
      }
      throw error;
    }
    const empty = nothingToScan({
      source: paths.join(", "),
      accounts: { length: overview.accountsScanned },
      readProblems: overview.readProblems,
    });
    if (empty) {
      printDiagnostics(io, empty);
      return EXIT_INPUT;
    }
    const content = reportContent(options.format, overview, () => spool.accounts(), {
      cwd: io.cwd,
      repoRoot: options.repoRoot ?? io.cwd,
      color: options.color && io.isTty && file === undefined,
    });
    const exitStatus = exitStatusFor(overview, {
      failOn: options.failOn,
      allowIncomplete: options.allowIncomplete ?? false,
    });
    const warnings = scanWarnings(overview, exitStatus);
    try {
      if (file === undefined) {
        await withTemporaryContent(content, async (report) => {
          printDiagnostics(io, warnings);
          for await (const chunk of createReadStream(report, { encoding: "utf8", highWaterMark: 1 << 20 }))
            await io.stdout(chunk as string);
        });
      } else {
        await writeOutputFile(file, content);
        printDiagnostics(io, warnings);
      }
    } catch (error) {
      if (error instanceof ReportLimitError || error instanceof ReportPathError) {
        printDiagnostics(io, [error.message]);
        return EXIT_INPUT;
      }
      if (error instanceof OutputError) {
        printDiagnostics(io, [...warnings, error.message]);
        return EXIT_INPUT;
      }
      throw error;
    }
    return exitStatus;
  } finally {
    await spool.dispose();
  }
}

export function createScanCommand(io: CliIo, setExitCode: (code: number) => void): Command {
  return new Command("scan")
    .description("Scan snapshots for access from outside the zone of trust")
    .argument("<path...>", "snapshot directories or `aws iam get-account-authorization-details` JSON files")
    .addOption(
      new Option(
        "--zone <zone>",
        "zone of trust (default: organization when the snapshot has organization data, else account)",
      ).choices(["account", "organization"]),
    )
    .option(
      "--trusted-account <id>",
      "an account to treat as inside the zone (repeatable)",
      collectAccount,
      [],
    )
    .addOption(new Option("--format <format>", "report format").choices([...REPORT_FORMATS]).default("text"))
    .option(
      "--output <file>",
      "write the report to this file instead of standard output (- is standard output); a regular file is " +
        "replaced atomically, keeping its mode and owner; a symbolic link is written through",
      parseOutput,
    )
    .addOption(
      new Option("--fail-on <severity>", "exit 1 when an active finding is at or above this severity")
        .choices(["none", ...[...SEVERITIES].reverse()])
        .default("low"),
    )
    .option(
      "--allow-incomplete",
      "exit by the findings alone when some input was not scanned (unreadable parts, collection errors); " +
        "without it such a scan exits 3",
    )
    .option(
      "--repo-root <dir>",
      "SARIF: directory that artifact paths are relative to (default: the current directory)",
    )
    .option("--no-color", "no ANSI colours in the text report")
    .addHelpText(
      "after",
      `
Examples:
  trustscan scan snapshots/example-org
  trustscan scan snapshots/example-org --zone account --trusted-account 999988887777
  trustscan scan org-snapshot --format sarif --output trustscan.sarif --fail-on none
  trustscan scan authorization-details.json --format json
  trustscan scan org-snapshot --format markdown >> "$GITHUB_STEP_SUMMARY"

Exit status: 0 no active finding at or above --fail-on and the whole input scanned; 1 an active finding at
or above --fail-on; 2 usage or input error, nothing to scan, or --output cannot be written; 3 no such
finding, but some input was not scanned (unreadable parts or collection errors) and no --allow-incomplete.`,
    )
    .action(async (paths: string[], options: ScanCommandOptions) => {
      setExitCode(await runScan(paths, options, io));
    });
}
