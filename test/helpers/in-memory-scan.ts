// `trustscan scan` as it ran before every option streamed: the whole snapshot read into memory (readSnapshots),
// scanned at once (scanSnapshot), the config's severity overrides and archive rules and the baseline applied to
// the whole result, and the report rendered as one string (or one per account with --sarif-split account). The
// streaming CLI must give the same bytes, the same standard error and the same exit status.
import { applyArchiveRules } from "../../src/archive/apply.js";
import { compareWithBaseline } from "../../src/baseline/compare.js";
import { readBaseline } from "../../src/baseline/read-baseline.js";
import { configFor, printDiagnostics, type CliIo } from "../../src/cli/scan-command.js";
import { exitStatusFor, scanWarnings } from "../../src/cli/scan-outcome.js";
import { resolveScanSettings, type ScanFlags } from "../../src/cli/scan-settings.js";
import { sarifFileName } from "../../src/cli/sarif-directory.js";
import { scanSnapshot } from "../../src/engine/scan.js";
import { applySeverityOverrides } from "../../src/overrides/severity.js";
import { renderReport, renderSarifFiles } from "../../src/report/index.js";
import { readSnapshots } from "../../src/snapshot/index.js";

export interface InMemoryRun {
  code: number;
  stdout: string;
  stderr: string;
  /** --sarif-split account: each file's name and text, as it would have been written into --output. */
  files?: Map<string, string>;
}

/** The in-memory scan of `paths` with the command line's `flags`, run in `cwd`. Valid settings only. */
export async function scanInMemory(
  paths: string[],
  flags: ScanFlags,
  cwd = process.cwd(),
): Promise<InMemoryRun> {
  let stdout = "";
  let stderr = "";
  const io: CliIo = {
    stdout: (text) => (stdout += text),
    stderr: (text) => (stderr += text),
    cwd,
    isTty: false,
  };
  const settings = resolveScanSettings(flags, await configFor(io, flags.config));
  const output = flags.output !== undefined && flags.output !== "-" ? flags.output : undefined;
  const snapshot = await readSnapshots(paths);
  let result = scanSnapshot(snapshot, {
    ...(settings.zone ? { zone: settings.zone } : {}),
    trustedAccounts: settings.trustedAccounts,
  });
  result = {
    ...result,
    sources: paths,
    scannedAccounts: snapshot.accounts.map((account) => account.accountId).sort(),
    ...(settings.trustedAccountNotes.length > 0 ? { trustedAccountNotes: settings.trustedAccountNotes } : {}),
  };
  result = applySeverityOverrides(result, settings.severity);
  if (settings.archiveRules.length > 0) result = applyArchiveRules(result, settings.archiveRules, new Date());
  if (flags.baseline.length > 0) {
    const baseline = await readBaseline(flags.baseline);
    try {
      result = compareWithBaseline(result, baseline);
    } finally {
      baseline.entries.store.dispose();
    }
  }
  const reportOptions = {
    cwd,
    repoRoot: flags.repoRoot ?? cwd,
    color: flags.color && io.isTty && output === undefined,
    ...(settings.category !== undefined ? { category: settings.category } : {}),
  };
  const code = exitStatusFor(result, settings);
  if (settings.sarifSplit === "account") {
    const files = renderSarifFiles(result, { ...reportOptions, split: "account" });
    if (!flags.quiet) printDiagnostics(io, scanWarnings(result, code));
    if (!flags.quiet)
      printDiagnostics(io, [`wrote ${files.length} SARIF file(s) to ${output}, one per account`]);
    return { code, stdout, stderr, files: new Map(files.map((file) => [sarifFileName(file), file.text])) };
  }
  const text = renderReport(settings.format, result, reportOptions);
  if (!flags.quiet) printDiagnostics(io, scanWarnings(result, code));
  return { code, stdout: stdout + text, stderr };
}
