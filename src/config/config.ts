import type { ArchiveRule } from "../archive/archive-rule.js";
import type { Severity } from "../findings/finding.js";
import type { SeverityOverrides } from "../overrides/severity.js";

export interface TrustedAccount {
  id: string;
  name: string;
  reason: string;
}

/** trustscan.config.yaml (or .json), as schemas/trustscan.config.schema.json describes it. */
export interface TrustscanConfig {
  zone?: "account" | "organization";
  trustedAccounts?: TrustedAccount[];
  archiveRules?: ArchiveRule[];
  severity?: SeverityOverrides;
  output?: {
    format?: "text" | "json" | "sarif" | "markdown";
    failOn?: Severity | "none";
    failOnNew?: boolean;
    allowIncomplete?: boolean;
    sarifSplit?: "none" | "account";
    category?: string;
  };
}

/** The names looked for in the current directory, in this order, when no --config is given. */
export const CONFIG_FILE_NAMES = ["trustscan.config.yaml", "trustscan.config.yml", "trustscan.config.json"];
