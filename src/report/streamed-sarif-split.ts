/**
 * `--sarif-split account` from a streamed scan: each account's SARIF file made from the scan's overview and that
 * account's findings alone, read back one account at a time, with the content renderSarifFiles (sarif-split.ts)
 * gives the same scan held in memory. An account's run also says which archive rules matched nothing in the whole
 * scan, so the files are made once the scan is over.
 */
import type { Finding } from "../findings/finding.js";
import { countFindings, emptyCounts, type ScanOverview } from "../findings/scan-result.js";
import type { ReportOptions } from "./index.js";
import type { AccountFindings } from "./pieces.js";
import { accountPartOf, accountsWithoutFindingsOf, namingAccount } from "./sarif-split.js";
import type { ContentWriter } from "./staged-file.js";
import { reportContent } from "./streamed-report.js";

/** One account's file of a split report, written when its content is called for. */
export interface SarifAccountContent {
  accountId: string;
  content: ContentWriter;
}

/** The findings one account at a time, however they were handed over (an account's findings may come in parts). */
async function* perAccount(accounts: AccountFindings): AsyncGenerator<Finding[]> {
  let current: Finding[] = [];
  for await (const findings of accounts()) {
    for (const finding of findings) {
      if (current.length > 0 && current[0]?.resource.accountId !== finding.resource.accountId) {
        yield current;
        current = [];
      }
      current.push(finding);
    }
  }
  if (current.length > 0) yield current;
}

function accountContent(
  overview: ScanOverview,
  accountId: string,
  findings: readonly Finding[],
  options: ReportOptions & { category: string },
): SarifAccountContent {
  const part: ScanOverview = {
    ...accountPartOf(overview, accountId),
    counts: countFindings(emptyCounts(), findings),
  };
  const content = reportContent(
    "sarif",
    part,
    async function* () {
      if (findings.length > 0) yield findings;
    },
    { ...options, category: `${options.category}/${accountId}` },
  );
  return {
    accountId,
    content: async (handle) => {
      try {
        await content(handle);
      } catch (error) {
        throw namingAccount(accountId, error);
      }
    },
  };
}

/**
 * Every account's SARIF file, in the order of renderSarifFiles: the accounts scanned, with findings or with
 * problems, sorted. `accounts` gives the findings in report order (a FindingSpool); each account's findings are
 * held only while its file is written.
 */
export async function* sarifAccountContents(
  overview: ScanOverview,
  accounts: AccountFindings,
  options: ReportOptions = {},
): AsyncGenerator<SarifAccountContent> {
  const category = options.category ?? overview.zone.kind;
  const withOptions = { ...options, category };
  const others = accountsWithoutFindingsOf(overview);
  let next = 0;
  for await (const findings of perAccount(accounts)) {
    const accountId = findings[0]?.resource.accountId ?? "";
    for (; next < others.length && (others[next] as string) < accountId; next += 1)
      yield accountContent(overview, others[next] as string, [], withOptions);
    if (others[next] === accountId) next += 1;
    yield accountContent(overview, accountId, findings, withOptions);
  }
  for (; next < others.length; next += 1)
    yield accountContent(overview, others[next] as string, [], withOptions);
}
