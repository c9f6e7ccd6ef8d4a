import type { CollectionError, ReadProblem } from "../model/snapshot.js";
import type { RuleMeta } from "../../rules/types.js";
import type { Finding } from "./finding.js";
import type { ArchiveOutcome, BaselineOutcome } from "./lifecycle.js";

export type ZoneKind = "account" | "organization";

export interface ZoneDescription {
  kind: ZoneKind;
  /** The organization whose accounts form the zone (organization zone only). */
  organizationId?: string;
  /** Extra accounts the user trusts (`--trusted-account`). */
  trustedAccounts: string[];
}

/** Everything a report needs; reports never look at the snapshot itself. */
export interface ScanResult {
  tool: { name: string; version: string; informationUri: string };
  zone: ZoneDescription;
  /** The snapshot paths scanned, as given. */
  sources: string[];
  /** Sorted: account, resource ARN, rule id, grant location, fingerprint. */
  findings: Finding[];
  /** Every rule the tool has, in a fixed order. */
  rules: RuleMeta[];
  accountsScanned: number;
  resourcesScanned: number;
  readProblems: ReadProblem[];
  collectionErrors: CollectionError[];
  /** The accounts scanned, sorted (set by the CLI; reports fall back on the findings' accounts). */
  scannedAccounts?: string[];
  /** Names and reasons of the config's trusted accounts, for the reports. */
  trustedAccountNotes?: { id: string; name: string; reason: string }[];
  /** Set when the config has archive rules. */
  archive?: ArchiveOutcome;
  /** Set when the scan is compared with a baseline. */
  baseline?: BaselineOutcome;
}
