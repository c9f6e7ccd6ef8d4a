import type { ScanResult } from "../findings/scan-result.js";
import type { CollectionError, ReadProblem } from "../model/snapshot.js";
import { ReportLimitError } from "./errors.js";
import { automationId, renderSarif, type SarifOptions } from "./sarif.js";

export const SARIF_SPLITS = ["none", "account"] as const;
export type SarifSplit = (typeof SARIF_SPLITS)[number];

/** One SARIF file of a split report: one run, one GitHub category. */
export interface SarifFile {
  /** The account the file is about (`--sarif-split account`); absent for the whole scan in one file. */
  accountId?: string;
  /** `automationDetails.id`, e.g. `trustscan/organization/111122223333/`. */
  automationId: string;
  text: string;
}

// An account's file is `accounts/<id>.json` in a snapshot directory.
const ACCOUNT_FILE = /(?:^|[\\/])(\d{12})\.json$/;

function accountOfProblem(problem: ReadProblem): string | undefined {
  return ACCOUNT_FILE.exec(problem.file)?.[1];
}

/** A part of the result about one account; problems not tied to any account go into every account's run. */
function accountPart(result: ScanResult, accountId: string): ScanResult {
  const ofAccount = (id: string | undefined) => id === undefined || id === accountId;
  const findings = result.findings.filter((finding) => finding.resource.accountId === accountId);
  return {
    ...result,
    findings,
    accountsScanned: 1,
    scannedAccounts: [accountId],
    readProblems: result.readProblems.filter((problem) => ofAccount(accountOfProblem(problem))),
    collectionErrors: result.collectionErrors.filter((error: CollectionError) => ofAccount(error.accountId)),
    ...(result.baseline
      ? {
          baseline: {
            ...result.baseline,
            absent: result.baseline.absent.filter((gone) => gone.accountId === accountId),
          },
        }
      : {}),
  };
}

/** Every account the run is about: those scanned, those with findings, and those whose input had problems. */
function accountsOf(result: ScanResult): string[] {
  const ids = new Set<string>(result.scannedAccounts ?? []);
  for (const finding of result.findings) ids.add(finding.resource.accountId);
  for (const problem of result.readProblems) {
    const id = accountOfProblem(problem);
    if (id) ids.add(id);
  }
  for (const error of result.collectionErrors) if (error.accountId) ids.add(error.accountId);
  return [...ids].sort();
}

/**
 * The scan as SARIF files that GitHub accepts, a pure function of the scan result (so that a pipeline that
 * streams accounts can call it per account). `none`: one file, one run, category `trustscan/<category>`.
 * `account`: one file per account, each one run with its own category `trustscan/<category>/<account>`, so that
 * an organization past GitHub's per-run limits (25,000 results, only the top 5,000 kept) is uploaded whole; an
 * account without findings still gets its (empty) run, which closes the alerts it had. Every file is checked
 * against GitHub's limits; a file past them is a ReportLimitError naming the account.
 */
export function renderSarifFiles(
  result: ScanResult,
  options: SarifOptions & { split: SarifSplit },
): SarifFile[] {
  const category = options.category ?? result.zone.kind;
  if (options.split === "none") {
    return [
      { automationId: automationId(result, category), text: renderSarif(result, { ...options, category }) },
    ];
  }
  return accountsOf(result).map((accountId) => {
    const accountCategory = `${category}/${accountId}`;
    const part = accountPart(result, accountId);
    try {
      return {
        accountId,
        automationId: automationId(part, accountCategory),
        text: renderSarif(part, { ...options, category: accountCategory }),
      };
    } catch (error) {
      if (!(error instanceof ReportLimitError)) throw error;
      throw new ReportLimitError(`Account ${accountId}: ${error.message}`, { cause: error });
    }
  });
}
