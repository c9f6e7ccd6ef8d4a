import { isAccountId } from "../model/account-id.js";
import { Command, InvalidArgumentError, Option } from "commander";
import { scanSnapshot, ZoneError } from "../engine/scan.js";
import { isActive, SEVERITIES, SEVERITY_RANK, type Severity } from "../findings/finding.js";
import type { ScanResult } from "../findings/scan-result.js";
import {
  REPORT_FORMATS,
  renderReport,
  ReportLimitError,
  ReportPathError,
  writeOutputAtomically,
  type ReportFormat,
} from "../report/index.js";
import { InputError, readSnapshots } from "../snapshot/index.js";
import { EXIT_FINDINGS, EXIT_INPUT, EXIT_OK } from "./exit-codes.js";

export interface ScanCommandOptions {
  zone?: "account" | "organization";
  trustedAccount: string[];
  format: ReportFormat;
  output?: string;
  failOn: Severity | "none";
  repoRoot?: string;
  color: boolean;
}

export interface CliIo {
  stdout(text: string): void;
  stderr(text: string): void;
  cwd: string;
  isTty: boolean;
}

function collectAccount(value: string, previous: string[]): string[] {
  if (!isAccountId(value))
    throw new InvalidArgumentError(`expected a 12-digit AWS account id, got "${value}"`);
  return [...previous, value];
}

/** Policy text in a message must not move the cursor or recolour the terminal. */
function withoutControlCharacters(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u001f\u007f-\u009f]/g, " ");
}

/** Exit status for a finished scan: 1 when an active finding is at or above the threshold. */
export function exitStatusFor(result: ScanResult, failOn: Severity | "none"): number {
  if (failOn === "none") return EXIT_OK;
  const threshold = SEVERITY_RANK[failOn];
  return result.findings.some((f) => isActive(f) && SEVERITY_RANK[f.severity] >= threshold)
    ? EXIT_FINDINGS
    : EXIT_OK;
}

/** Reads, scans and reports; every input or report problem becomes a message and exit status 2. */
export async function runScan(paths: string[], options: ScanCommandOptions, io: CliIo): Promise<number> {
  let result: ScanResult;
  let report: string;
  try {
    const snapshot = await readSnapshots(paths);
    result = scanSnapshot(snapshot, {
      ...(options.zone ? { zone: options.zone } : {}),
      trustedAccounts: options.trustedAccount,
    });
    result = { ...result, sources: paths };
    report = renderReport(options.format, result, {
      cwd: io.cwd,
      repoRoot: options.repoRoot ?? io.cwd,
      color: options.color && io.isTty && !options.output,
    });
  } catch (error) {
    if (
      error instanceof InputError ||
      error instanceof ZoneError ||
      error instanceof ReportLimitError ||
      error instanceof ReportPathError
    ) {
      io.stderr(`trustscan: ${error.message}\n`);
      return EXIT_INPUT;
    }
    throw error;
  }
  for (const problem of result.readProblems) {
    // A grammar problem's message says how the policy was judged; any other problem's part was left out.
    const outcome = problem.kind === "policy-grammar" ? "" : " (skipped; the rest was scanned)";
    io.stderr(
      `trustscan: warning: ${withoutControlCharacters(`${problem.file}: ${problem.jsonPath}: ${problem.message}`)}${outcome}\n`,
    );
  }
  if (result.collectionErrors.length > 0) {
    io.stderr(
      `trustscan: warning: the snapshot records ${result.collectionErrors.length} collection error(s); what could not be collected was not scanned\n`,
    );
  }
  if (options.output) {
    try {
      await writeOutputAtomically(options.output, report);
    } catch (error) {
      io.stderr(`trustscan: cannot write ${options.output}: ${(error as Error).message}\n`);
      return EXIT_INPUT;
    }
  } else {
    io.stdout(report);
  }
  return exitStatusFor(result, options.failOn);
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
    .option("--output <file>", "write the report to a file (atomically) instead of standard output")
    .addOption(
      new Option("--fail-on <severity>", "exit 1 when an active finding is at or above this severity")
        .choices(["none", ...[...SEVERITIES].reverse()])
        .default("low"),
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

Exit status: 0 no active finding at or above --fail-on, 1 there is one, 2 usage or input error.`,
    )
    .action(async (paths: string[], options: ScanCommandOptions) => {
      setExitCode(await runScan(paths, options, io));
    });
}
