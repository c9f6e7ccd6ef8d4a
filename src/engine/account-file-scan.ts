import type { Finding } from "../findings/finding.js";
import { countFindings, emptyCounts, type FindingCounts } from "../findings/scan-result.js";
import type { CollectionError, Organization, ReadProblem } from "../model/snapshot.js";
import { readAccountFile } from "../snapshot/index.js";
import { scanAccount, type FingerprintRegistry, type ScanContext } from "./account-scan.js";
import { entryOf, type CrossAccountIndex } from "./cross-account-index.js";

/** An account file of a snapshot directory, at its position among the scan's accounts. */
export interface AccountFileUnit {
  kind: "file";
  accountId: string;
  file: string;
  directory: string;
  position: number;
}

/** What scanning one account file gives: its findings, or why it was left out. */
export interface AccountFileOutcome {
  accountId: string;
  file: string;
  /** False when the file as a whole could not be used (its read problems say why). */
  read: boolean;
  /** Fingerprinted, in report order. */
  findings: Finding[];
  counts: FindingCounts;
  resourcesScanned: number;
  readProblems: ReadProblem[];
  collectionErrors: CollectionError[];
  analysisProblems: ReadProblem[];
}

/** Reads an account file and scans it; the index learns what the file holds before the analysis asks. */
export async function scanAccountFile(
  unit: AccountFileUnit,
  index: CrossAccountIndex,
  context: ScanContext,
  organization: Organization | undefined,
  options: { text?: Promise<string>; fingerprints?: FingerprintRegistry } = {},
): Promise<AccountFileOutcome> {
  const result = await readAccountFile(unit.file, unit.accountId, unit.directory, {
    deferLocations: true,
    ...(options.text ? { text: options.text } : {}),
  });
  index.confirm(unit.position, result.account ? entryOf(result.account) : null);
  const outcome: AccountFileOutcome = {
    accountId: unit.accountId,
    file: unit.file,
    read: result.account !== undefined,
    findings: [],
    counts: emptyCounts(),
    resourcesScanned: 0,
    readProblems: result.readProblems,
    collectionErrors: result.collectionErrors,
    analysisProblems: [],
  };
  if (!result.account) return outcome;
  await index.prepareFor(result.account, organization);
  const scanned = scanAccount(result.account, context, {
    ...(result.resolveLocations ? { resolveLocations: result.resolveLocations } : {}),
    ...(options.fingerprints ? { fingerprints: options.fingerprints } : {}),
  });
  outcome.findings = scanned.findings;
  outcome.counts = countFindings(emptyCounts(), scanned.findings);
  outcome.resourcesScanned = scanned.resourcesScanned;
  outcome.analysisProblems = scanned.analysisProblems;
  return outcome;
}
