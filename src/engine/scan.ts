import { RULES } from "../../rules/index.js";
import type { Rule } from "../../rules/types.js";
import { DEFAULT_RESOURCE_BUDGET } from "../analysis/patterns/budget.js";
import { indexSnapshot } from "../analysis/snapshot-index.js";
import { Zone } from "../analysis/zone.js";
import type { Finding } from "../findings/finding.js";
import { compareFindings } from "../findings/order.js";
import type { ScanResult, ZoneKind } from "../findings/scan-result.js";
import type { ReadProblem, Snapshot } from "../model/snapshot.js";
import { FingerprintRegistry, scanAccount, type ScanContext } from "./account-scan.js";
import { TOOL } from "./tool.js";

export interface ScanOptions {
  /** Defaults to organization when the snapshot has organization data, else account (docs/semantics.md#zone). */
  zone?: ZoneKind;
  trustedAccounts?: readonly string[];
  rules?: readonly Rule[];
  /** Work units one resource's analysis may spend (default DEFAULT_RESOURCE_BUDGET). */
  budgetLimit?: number;
}

export class ZoneError extends Error {}

export function zoneFor(snapshot: Pick<Snapshot, "organization">, options: ScanOptions): Zone {
  const kind = options.zone ?? (snapshot.organization ? "organization" : "account");
  if (kind === "organization" && !snapshot.organization) {
    throw new ZoneError(
      "--zone organization needs organization data (organization.json in the snapshot); use --zone account or --trusted-account",
    );
  }
  return new Zone(kind, snapshot.organization, options.trustedAccounts ?? []);
}

/** Scans a snapshot held in memory (small inputs, tests); `trustscan scan` streams accounts (scan-stream.ts). */
export function scanSnapshot(snapshot: Snapshot, options: ScanOptions = {}): ScanResult {
  const zone = zoneFor(snapshot, options);
  const rules = options.rules ?? RULES;
  const context: ScanContext = {
    zone,
    index: indexSnapshot(snapshot),
    rules,
    budgetLimit: options.budgetLimit ?? DEFAULT_RESOURCE_BUDGET,
  };
  const fingerprints = new FingerprintRegistry();
  const findings: Finding[] = [];
  const analysisProblems: ReadProblem[] = [];
  let resourcesScanned = 0;
  for (const account of snapshot.accounts) {
    const scanned = scanAccount(account, context, { fingerprints });
    findings.push(...scanned.findings);
    analysisProblems.push(...scanned.analysisProblems);
    resourcesScanned += scanned.resourcesScanned;
  }
  findings.sort(compareFindings);
  return {
    tool: TOOL,
    zone: zone.describe(),
    sources: [snapshot.source],
    findings,
    rules: rules.map((r) => r.meta),
    accountsScanned: snapshot.accounts.length,
    resourcesScanned,
    scannedAccounts: snapshot.accounts.map((account) => account.accountId).sort(),
    readProblems: [...snapshot.readProblems, ...analysisProblems],
    collectionErrors: snapshot.collectionErrors,
  };
}
