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

/**
 * What a scan says about one account, but for its findings: its problems, its collection errors and the baseline
 * findings gone from it; problems not tied to any account go into every account's part.
 */
export function accountPartOf<T extends Omit<ScanResult, "findings">>(whole: T, accountId: string): T {
  const ofAccount = (id: string | undefined) => id === undefined || id === accountId;
  return {
    ...whole,
    accountsScanned: 1,
    scannedAccounts: [accountId],
    readProblems: whole.readProblems.filter((problem) => ofAccount(accountOfProblem(problem))),
    collectionErrors: whole.collectionErrors.filter((error: CollectionError) => ofAccount(error.accountId)),
    ...(whole.baseline
      ? {
          baseline: {
            ...whole.baseline,
            absent: whole.baseline.absent.filter((gone) => gone.accountId === accountId),
          },
        }
      : {}),
  };
}

/** A part of the result about one account. */
function accountPart(result: ScanResult, accountId: string): ScanResult {
  const findings = result.findings.filter((finding) => finding.resource.accountId === accountId);
  return { ...accountPartOf(result, accountId), findings };
}

/**
 * The accounts a split report has a run for, but for those with findings: those scanned and those whose input had
 * problems, sorted.
 */
export function accountsWithoutFindingsOf(whole: Omit<ScanResult, "findings">): string[] {
  const ids = new Set<string>(whole.scannedAccounts ?? []);
  for (const problem of whole.readProblems) {
    const id = accountOfProblem(problem);
    if (id) ids.add(id);
  }
  for (const error of whole.collectionErrors) if (error.accountId) ids.add(error.accountId);
  return [...ids].sort();
}

/** Every account the run is about: those scanned, those with findings, and those whose input had problems. */
function accountsOf(result: ScanResult): string[] {
  const ids = new Set(accountsWithoutFindingsOf(result));
  for (const finding of result.findings) ids.add(finding.resource.accountId);
  return [...ids].sort();
}

/** A ReportLimitError of one account's file says which account. */
export function namingAccount(accountId: string, error: unknown): unknown {
  return error instanceof ReportLimitError
    ? new ReportLimitError(`Account ${accountId}: ${error.message}`, { cause: error })
    : error;
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
      throw namingAccount(accountId, error);
    }
  });
}
