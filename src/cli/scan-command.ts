import { isAccountId } from "../model/account-id.js";
import { Command, InvalidArgumentError, Option } from "commander";
import { createReadStream } from "node:fs";
import { applyArchiveRules } from "../archive/apply.js";
import { compareWithBaseline } from "../baseline/compare.js";
import { readBaseline } from "../baseline/read-baseline.js";
import { ConfigError } from "../config/config-error.js";
import type { TrustscanConfig } from "../config/config.js";
import { findConfigFile, loadConfig } from "../config/load-config.js";
import { scanSnapshot, ZoneError } from "../engine/scan.js";
import { scanSnapshotPaths } from "../engine/scan-stream.js";
import { SEVERITIES } from "../findings/finding.js";
import type { ScanOverview, ScanResult } from "../findings/scan-result.js";
import { applySeverityOverrides } from "../overrides/severity.js";
import {
  FindingSpool,
  OutputError,
  REPORT_FORMATS,
  renderReport,
  renderSarifFiles,
  reportContent,
  ReportLimitError,
  ReportPathError,
  safeText,
  SARIF_SPLITS,
  withTemporaryContent,
  writeOutputFile,
  type SarifFile,
} from "../report/index.js";
import { InputError, readSnapshots } from "../snapshot/index.js";
import { EXIT_INPUT } from "./exit-codes.js";
import { writeSarifDirectory } from "./sarif-directory.js";
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

type Rendered = { kind: "one"; text: string } | { kind: "split"; files: SarifFile[] };

/**
 * Reads, scans and reports; returns the exit status (exit-codes.ts). Config, input, report and output problems
 * are a message and status 2, with no report written.
 *
 * Two paths give the same report. By default accounts are scanned one at a time and their findings kept on disk
 * until the report is written (scanStreaming): memory stays that of the largest account. What needs every finding
 * at once (archive rules and their usage counts, a baseline and the findings gone since it, severity overrides
 * from the config, --sarif-split account) takes the in-memory path (scanInMemory).
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
  return needsWholeResult(settings, flags)
    ? scanInMemory(paths, flags, settings, output, io)
    : scanStreaming(paths, flags, settings, output, io);
}

/** Whether a setting needs all the findings at once (runScan). */
export function needsWholeResult(settings: ScanSettings, flags: Pick<ScanFlags, "baseline">): boolean {
  return (
    settings.archiveRules.length > 0 ||
    flags.baseline.length > 0 ||
    Object.keys(settings.severity).length > 0 ||
    settings.sarifSplit === "account"
  );
}

function reportOptionsFor(flags: ScanFlags, settings: ScanSettings, output: string | undefined, io: CliIo) {
  return {
    cwd: io.cwd,
    repoRoot: flags.repoRoot ?? io.cwd,
    color: flags.color && io.isTty && output === undefined,
    ...(settings.category !== undefined ? { category: settings.category } : {}),
  };
}

async function scanInMemory(
  paths: string[],
  flags: ScanFlags,
  settings: ScanSettings,
  output: string | undefined,
  io: CliIo,
): Promise<number> {
  let result: ScanResult;
  let rendered: Rendered;
  try {
    const snapshot = await readSnapshots(paths);
    const empty = nothingToScan(snapshot);
    if (empty) {
      printDiagnostics(io, empty);
      return EXIT_INPUT;
    }
    result = scanSnapshot(snapshot, {
      ...(settings.zone ? { zone: settings.zone } : {}),
      trustedAccounts: settings.trustedAccounts,
    });
    result = {
      ...result,
      sources: paths,
      scannedAccounts: snapshot.accounts.map((account) => account.accountId).sort(),
      ...(settings.trustedAccountNotes.length > 0
        ? { trustedAccountNotes: settings.trustedAccountNotes }
        : {}),
    };
    result = applySeverityOverrides(result, settings.severity);
    if (settings.archiveRules.length > 0) {
      result = applyArchiveRules(result, settings.archiveRules, io.now?.() ?? new Date());
    }
    if (flags.baseline.length > 0) result = compareWithBaseline(result, await readBaseline(flags.baseline));
    const reportOptions = reportOptionsFor(flags, settings, output, io);
    rendered =
      settings.sarifSplit === "account"
        ? { kind: "split", files: renderSarifFiles(result, { ...reportOptions, split: "account" }) }
        : { kind: "one", text: renderReport(settings.format, result, reportOptions) };
  } catch (error) {
    if (
      error instanceof InputError ||
      error instanceof ZoneError ||
      error instanceof ReportLimitError ||
      error instanceof ReportPathError
    ) {
      printDiagnostics(io, [error.message]);
      return EXIT_INPUT;
    }
    throw error;
  }
  const exitStatus = exitStatusFor(result, settings);
  if (!flags.quiet) printDiagnostics(io, scanWarnings(result, exitStatus));
  try {
    if (rendered.kind === "split") {
      const names = await writeSarifDirectory(output!, rendered.files);
      if (!flags.quiet)
        printDiagnostics(io, [`wrote ${names.length} SARIF file(s) to ${output}, one per account`]);
    } else if (output === undefined) await io.stdout(rendered.text);
    else await writeOutputFile(output, rendered.text);
  } catch (error) {
    if (!(error instanceof OutputError)) throw error;
    printDiagnostics(io, [error.message]);
    return EXIT_INPUT;
  }
  return exitStatus;
}

async function scanStreaming(
  paths: string[],
  flags: ScanFlags,
  settings: ScanSettings,
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
    if (settings.trustedAccountNotes.length > 0)
      overview = { ...overview, trustedAccountNotes: settings.trustedAccountNotes };
    const content = reportContent(
      settings.format,
      overview,
      () => spool.accounts(),
      reportOptionsFor(flags, settings, output, io),
    );
    const exitStatus = exitStatusFor(overview, settings);
    const warnings = flags.quiet ? [] : scanWarnings(overview, exitStatus);
    try {
      if (output === undefined) {
        await withTemporaryContent(content, async (report) => {
          printDiagnostics(io, warnings);
          for await (const chunk of createReadStream(report, { encoding: "utf8", highWaterMark: 1 << 20 }))
            await io.stdout(chunk as string);
        });
      } else {
        await writeOutputFile(output, content);
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
