import type { ArchiveRule } from "../archive/archive-rule.js";
import type { TrustscanConfig } from "../config/config.js";
import type { Severity } from "../findings/finding.js";
import type { SeverityOverrides } from "../overrides/severity.js";
import type { ReportFormat, SarifSplit } from "../report/index.js";

/** What the command line gave (commander's names); undefined where the flag was not given. */
export interface ScanFlags {
  config?: string;
  zone?: "account" | "organization";
  trustedAccount: string[];
  format?: ReportFormat;
  output?: string;
  failOn?: Severity | "none";
  failOnNew?: boolean;
  baseline: string[];
  allowIncomplete?: boolean;
  sarifSplit?: SarifSplit;
  category?: string;
  repoRoot?: string;
  color: boolean;
  quiet?: boolean;
}

/** The scan's settings: a flag wins over the config, the config over trustscan's default. */
export interface ScanSettings {
  zone?: "account" | "organization";
  trustedAccounts: string[];
  trustedAccountNotes: { id: string; name: string; reason: string }[];
  format: ReportFormat;
  failOn: Severity | "none";
  failOnNew: boolean;
  allowIncomplete: boolean;
  sarifSplit: SarifSplit;
  category?: string;
  archiveRules: ArchiveRule[];
  severity: SeverityOverrides;
}

export function resolveScanSettings(flags: ScanFlags, config: TrustscanConfig): ScanSettings {
  const output = config.output ?? {};
  const notes = config.trustedAccounts ?? [];
  // `trustscan/` is always the category's first part; a config that writes it gets it once.
  const category = flags.category ?? output.category?.replace(/^trustscan\//, "");
  const zone = flags.zone ?? config.zone;
  const format = flags.format ?? output.format ?? "text";
  return {
    ...(zone ? { zone } : {}),
    trustedAccounts: [...new Set([...notes.map((account) => account.id), ...flags.trustedAccount])],
    trustedAccountNotes: notes.map(({ id, name, reason }) => ({ id, name, reason })),
    format,
    failOn: flags.failOn ?? output.failOn ?? "low",
    // The config's defaults apply where they can: failOnNew with a baseline, sarifSplit to SARIF (a flag that
    // cannot apply is a usage error, settingsProblem).
    failOnNew: flags.failOnNew ?? (output.failOnNew === true && flags.baseline.length > 0),
    allowIncomplete: flags.allowIncomplete ?? output.allowIncomplete ?? false,
    sarifSplit: flags.sarifSplit ?? (format === "sarif" ? (output.sarifSplit ?? "none") : "none"),
    ...(category !== undefined ? { category } : {}),
    archiveRules: config.archiveRules ?? [],
    severity: config.severity ?? {},
  };
}

/** Combinations that cannot work, as a usage message (exit 2); undefined when the settings are usable. */
export function settingsProblem(
  settings: ScanSettings,
  flags: ScanFlags,
  toStdout: boolean,
): string | undefined {
  if (settings.failOnNew && flags.baseline.length === 0) {
    return "--fail-on-new needs --baseline (the previous run's SARIF or JSON report) to tell what is new";
  }
  if (settings.sarifSplit === "account") {
    if (settings.format !== "sarif") return "--sarif-split account applies to --format sarif only";
    if (toStdout) return "--sarif-split account writes one file per account: give --output a directory";
  }
  return undefined;
}
