import type { CollectionError, ReadProblem } from "../model/snapshot.js";
import type { RuleMeta } from "../../rules/types.js";
import type { Finding } from "./finding.js";

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
}
