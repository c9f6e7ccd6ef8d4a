import { isAccountId } from "../model/account-id.js";
import { Command, InvalidArgumentError, Option } from "commander";
import { createReadStream } from "node:fs";
import { readBaseline, type Baseline } from "../baseline/read-baseline.js";
import { ConfigError } from "../config/config-error.js";
import type { TrustscanConfig } from "../config/config.js";
import { findConfigFile, loadConfig } from "../config/load-config.js";
import { ZoneError } from "../engine/scan.js";
import { scanSnapshotPaths } from "../engine/scan-stream.js";
import { SEVERITIES, type Finding } from "../findings/finding.js";
import type { ScanOverview } from "../findings/scan-result.js";
import {
  FindingSpool,
  OutputError,
  REPORT_FORMATS,
  reportContent,
  ReportLimitError,
  ReportPathError,
  safeText,
  sarifAccountContents,
  SARIF_SPLITS,
  withTemporaryContent,
  writeOutputFile,
  type AccountFindings,
  type ReportOptions,
} from "../report/index.js";
import { InputError } from "../snapshot/index.js";
import { EXIT_INPUT } from "./exit-codes.js";
import { FindingReview } from "./finding-review.js";
import { checkSarifDirectory, stageSarifDirectory } from "./sarif-directory.js";
import { exitStatusFor, nothingToScan, scanWarnings } from "./scan-outcome.js";
import { resolveScanSettings, settingsProblem, type ScanFlags, type ScanSettings } from "./scan-settings.js";

export type { ScanFlags as ScanCommandOptions } from "./scan-settings.js";

export interface CliIo {
  /** A promise it returns is awaited: a long report waits for a full pipe to take its text. */
  stdout(text: string): unknown;
  stderr(text: string): void;
  cwd: string;
  isTty: boolean;
  /** The time archive rules' expiry dates are compared with (tests); now by default. */
  now?: () => Date;
}

/** `--output` values that mean standard output rather than a file to replace. */
const STANDARD_OUTPUT_NAMES = new Set(["-", "/dev/stdout"]);

export function collectAccount(value: string, previous: string[]): string[] {
  if (!isAccountId(value))
    throw new InvalidArgumentError(`expected a 12-digit AWS account id, got "${value}"`);
  return [...previous, value];
}

function collectPath(value: string, previous: string[]): string[] {
  if (value === "") throw new InvalidArgumentError("expected a file or directory name");
  return [...previous, value];
}

export function parseOutput(value: string): string {
  if (value === "") throw new InvalidArgumentError("expected a file name, or - for standard output");
  return value;
}

export function parseCategory(value: string): string {
  const bare = value.startsWith("trustscan/") ? value.slice("trustscan/".length) : value;
  if (!/^[A-Za-z0-9._-]+(\/[A-Za-z0-9._-]+)*$/.test(bare) || bare.length > 200) {
    throw new InvalidArgumentError(
      "expected a category of letters, digits, . _ - and inner / (it becomes the SARIF category trustscan/<category>)",
    );
  }
  return bare;
}

/** Every line for a person goes through safeText: snapshot text must not drive the terminal or the CI log. */
export function printDiagnostics(io: CliIo, lines: string[]): void {
  for (const line of lines) io.stderr(`trustscan: ${safeText(line)}\n`);
}

/** The config named by --config, else found in the current directory, else none; ConfigError when unusable. */
export async function configFor(io: CliIo, given: string | undefined): Promise<TrustscanConfig> {
  const file = await findConfigFile(io.cwd, given);
  return file === undefined ? {} : loadConfig(file);
}

/**
 * Reads, scans and reports; returns the exit status (exit-codes.ts). Config, input, report and output problems
 * are a message and status 2, with no report written.
 *
 * Accounts are scanned one at a time and their findings kept on disk until the report is written: memory stays
 * that of the largest account, whatever the options. The config's severity overrides and archive rules and the
 * comparison with a baseline are applied to each account's findings as it is scanned (FindingReview); what needs
 * the whole scan (rules that matched nothing, baseline findings gone, counts, the exit status) is added up on the
 * way. The config and the baseline, the user's own files, are read whole first.
 */
export async function runScan(paths: string[], flags: ScanFlags, io: CliIo): Promise<number> {
  const output =
    flags.output !== undefined && !STANDARD_OUTPUT_NAMES.has(flags.output) ? flags.output : undefined;
  let settings: ScanSettings;
  try {
    settings = resolveScanSettings(flags, await configFor(io, flags.config));
  } catch (error) {
    if (error instanceof ConfigError) {
      printDiagnostics(io, error.lines);
      return EXIT_INPUT;
    }
    throw error;
  }
  const problem = settingsProblem(settings, flags, output === undefined);
  if (problem) {
    printDiagnostics(io, [problem]);
    return EXIT_INPUT;
  }
  // A baseline that cannot be read, or a split SARIF directory that cannot be written, stops the scan before it
  // starts rather than after it.
  let baseline: Baseline | undefined;
  try {
    try {
      if (flags.baseline.length > 0) baseline = await readBaseline(flags.baseline);
      if (settings.sarifSplit === "account") await checkSarifDirectory(output!);
    } catch (error) {
      if (!(error instanceof InputError || error instanceof OutputError)) throw error;
      printDiagnostics(io, [error.message]);
      return EXIT_INPUT;
    }
    const review = new FindingReview(settings, baseline, io.now?.() ?? new Date());
    return await scanStreaming(paths, flags, settings, review, output, io);
  } finally {
    // The baseline's entries may be in a temporary file (entry-store.ts).
    baseline?.entries.store.dispose();
  }
}

function reportOptionsFor(flags: ScanFlags, settings: ScanSettings, output: string | undefined, io: CliIo) {
  return {
    cwd: io.cwd,
    repoRoot: flags.repoRoot ?? io.cwd,
    color: flags.color && io.isTty && output === undefined,
    ...(settings.category !== undefined ? { category: settings.category } : {}),
  };
}

async function scanStreaming(
  paths: string[],
  flags: ScanFlags,
  settings: ScanSettings,
  review: FindingReview,
  output: string | undefined,
  io: CliIo,
): Promise<number> {
  let spool: FindingSpool;
  try {
    spool = await FindingSpool.create();
  } catch (error) {
    if (!(error instanceof OutputError)) throw error;
    printDiagnostics(io, [error.message]);
    return EXIT_INPUT;
  }
  try {
    let overview: ScanOverview;
    try {
      overview = await scanSnapshotPaths(paths, {
        ...(settings.zone ? { zone: settings.zone } : {}),
        trustedAccounts: settings.trustedAccounts,
        sink: spool,
        ...(review.changesFindings ? { review: (findings: Finding[]) => review.account(findings) } : {}),
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
    overview = review.finish(overview);
    if (settings.trustedAccountNotes.length > 0)
      overview = { ...overview, trustedAccountNotes: settings.trustedAccountNotes };
    const exitStatus = exitStatusFor(overview, settings);
    const warnings = flags.quiet ? [] : scanWarnings(overview, exitStatus);
    const reportOptions = reportOptionsFor(flags, settings, output, io);
    const findings = () => spool.accounts();
    try {
      if (settings.sarifSplit === "account") {
        const written = await writeSplitSarif(output!, overview, findings, reportOptions, () =>
          printDiagnostics(io, warnings),
        );
        if (!flags.quiet)
          printDiagnostics(io, [`wrote ${written} SARIF file(s) to ${output}, one per account`]);
      } else if (output === undefined) {
        const content = reportContent(settings.format, overview, findings, reportOptions);
        await withTemporaryContent(content, async (report) => {
          printDiagnostics(io, warnings);
          for await (const chunk of createReadStream(report, { encoding: "utf8", highWaterMark: 1 << 20 }))
            await io.stdout(chunk as string);
        });
      } else {
        await writeOutputFile(output, reportContent(settings.format, overview, findings, reportOptions));
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

/**
 * `--sarif-split account`: every account's file written into the directory, then, once all were made,
 * `beforeCommit` (the warnings) and the files put in place together. Returns how many.
 */
async function writeSplitSarif(
  directory: string,
  overview: ScanOverview,
  findings: AccountFindings,
  options: ReportOptions,
  beforeCommit: () => void,
): Promise<number> {
  const staged = await stageSarifDirectory(directory, sarifAccountContents(overview, findings, options));
  try {
    beforeCommit();
    await staged.commit();
    return staged.names.length;
  } finally {
    await staged.discard();
  }
}

export function createScanCommand(io: CliIo, setExitCode: (code: number) => void): Command {
  return new Command("scan")
    .description("Scan snapshots for access from outside the zone of trust")
    .argument("<path...>", "snapshot directories or `aws iam get-account-authorization-details` JSON files")
    .option(
      "-c, --config <file>",
      "config file (default: trustscan.config.yaml, .yml or .json in the current directory, if there is one)",
    )
    .addOption(
      new Option(
        "--zone <zone>",
        "zone of trust (default: organization when the snapshot has organization data, else account)",
      ).choices(["account", "organization"]),
    )
    .option(
      "--trusted-account <id>",
      "an account to treat as inside the zone (repeatable; adds to the config's trustedAccounts)",
      collectAccount,
      [],
    )
    .addOption(
      new Option("-f, --format <format>", "report format (default: text)").choices([...REPORT_FORMATS]),
    )
    .option(
      "-o, --output <file>",
      "write the report to this file instead of standard output (- is standard output); a regular file is " +
        "replaced atomically, keeping its mode and owner; a symbolic link is written through; with " +
        "--sarif-split account, a directory",
      parseOutput,
    )
    .addOption(
      new Option(
        "--fail-on <severity>",
        "exit 1 when an open finding is at or above this severity (default: low)",
      ).choices(["none", ...[...SEVERITIES].reverse()]),
    )
    .option(
      "--baseline <report>",
      "the previous run's SARIF or JSON report, or a directory of them (repeatable): marks findings new, " +
        "unchanged or updated and lists those gone; a path that does not exist yet means every finding is new",
      collectPath,
      [],
    )
    .option(
      "--fail-on-new",
      "count only findings new since --baseline (or updated to grant more) for --fail-on",
    )
    .option(
      "--allow-incomplete",
      "exit by the findings alone when some input was not scanned (unreadable parts, collection errors); " +
        "without it such a scan exits 3",
    )
    .addOption(
      new Option(
        "--sarif-split <how>",
        "SARIF: none (one file), or account (one file per account, each its own category; --output is a directory)",
      ).choices([...SARIF_SPLITS]),
    )
    .option(
      "--category <category>",
      "SARIF: the category, trustscan/<category> (default: the zone, account or organization); with " +
        "--sarif-split account, trustscan/<category>/<account>",
      parseCategory,
    )
    .option(
      "--repo-root <dir>",
      "SARIF: directory that artifact paths are relative to (default: the current directory)",
    )
    .option("-q, --quiet", "no warnings or notes on standard error (errors are still printed)")
    .option("--no-color", "no ANSI colours in the text report")
    .addHelpText(
      "after",
      `
Examples:
  trustscan scan snapshots/example-org
  trustscan scan snapshots/example-org --zone account --trusted-account 999988887777
  trustscan scan org-snapshot -f sarif -o trustscan.sarif --fail-on none
  trustscan scan org-snapshot -f sarif -o trustscan.sarif --baseline trustscan.sarif --fail-on-new
  trustscan scan org-snapshot -f sarif --sarif-split account -o sarif/ --category acme-org
  trustscan scan authorization-details.json -f json
  trustscan scan org-snapshot -f markdown --baseline trustscan.sarif >> "$GITHUB_STEP_SUMMARY"

Exit status: 0 no open finding at or above --fail-on and the whole input scanned; 1 an open finding at or above
--fail-on (with --fail-on-new: a new one); 2 usage, config or input error, nothing to scan, or --output cannot be
written; 3 no such finding, but some input was not scanned (unreadable parts or collection errors) and no
--allow-incomplete. Open: not cancelled by a guardrail and not archived by an archive rule.`,
    )
    .action(async (paths: string[], options: ScanFlags) => {
      setExitCode(await runScan(paths, options, io));
    });
}
