/**
 * `trustscan scan` on snapshots of any size, in memory bounded by the largest account rather than by the
 * organization: the account files are read twice, once for the few facts that cross accounts (who owns each
 * bucket and canonical user: cross-account-index.ts) and once to scan them one at a time, in the order reports
 * list them, in parallel worker threads where cores are free (scan-workers.ts). Each account's findings go to the
 * sink (a spool, for the report) and are then let go; what a report says before its findings (counts, problems)
 * comes back as the overview.
 *
 * The result is the in-memory scan's (scan.ts), finding for finding: both run scanAccount. What the CLI's options
 * change in findings (severity overrides, archive rules, a baseline) is applied account by account (`review`).
 */
import { RULES } from "../../rules/index.js";
import { DEFAULT_RESOURCE_BUDGET } from "../analysis/patterns/budget.js";
import type { Finding } from "../findings/finding.js";
import { compareFindings } from "../findings/order.js";
import { addCounts, countFindings, emptyCounts, type ScanOverview } from "../findings/scan-result.js";
import type { CollectionError, Organization, ReadProblem } from "../model/snapshot.js";
import {
  accountFileOf,
  InputError,
  openSnapshot,
  readAccountText,
  sameOrganization,
  type OpenedSnapshot,
} from "../snapshot/index.js";
import { FingerprintRegistry, scanAccount, type ScanContext } from "./account-scan.js";
import { scanAccountFile, type AccountFileOutcome, type AccountFileUnit } from "./account-file-scan.js";
import { CrossAccountIndex, type IndexedAccount } from "./cross-account-index.js";
import { ScanWorkers, workerCount, type WorkerOutcome } from "./scan-workers.js";
import { zoneFor, type ScanOptions } from "./scan.js";
import { TOOL } from "./tool.js";

/** Where the scan hands each account's findings (a FindingSpool). */
export interface FindingSink {
  /** One account's findings (fingerprinted, in report order); accounts come in report order too. */
  append(findings: readonly Finding[]): Promise<void>;
  /** The same, already written as a JSON array by a worker thread. */
  appendJson(json: string): Promise<void>;
}

export interface StreamScanOptions extends ScanOptions {
  sink: FindingSink;
  /** Worker threads to scan with (0: none); by default one per free core, up to four, when it helps. */
  workers?: number;
  /**
   * What the caller does to each account's findings before they are counted and handed to the sink (the config's
   * severity overrides and archive rules, a comparison with a baseline); called once per account with findings,
   * in report order, and must keep that order.
   */
  review?: (findings: Finding[]) => Finding[];
}

/** Account files read ahead of the one being scanned: enough to keep the disk busy, few enough to bound memory. */
const READ_AHEAD = 2;

type Unit = IndexedAccount;

export async function scanSnapshotPaths(paths: string[], options: StreamScanOptions): Promise<ScanOverview> {
  if (paths.length === 0) throw new Error("scanSnapshotPaths needs at least one path");
  // One after the other, so that the first bad path in the user's order is the one reported.
  const opened: OpenedSnapshot[] = [];
  for (const path of paths) opened.push(await openSnapshot(path));
  let organization: Organization | undefined;
  let organizationDirectory: string | undefined;
  const readProblems: ReadProblem[] = [];
  const collectionErrors: CollectionError[] = [];
  const units: Unit[] = [];
  for (const snapshot of opened) {
    if (snapshot.kind === "directory") {
      const { directory } = snapshot;
      organization = sameOrganization(organization, directory.organization);
      if (organizationDirectory === undefined && organization === directory.organization && organization)
        organizationDirectory = directory.directory;
      readProblems.push(...directory.readProblems);
      collectionErrors.push(...directory.collectionErrors);
      for (const accountId of directory.accountIds) {
        units.push({
          kind: "file",
          accountId,
          file: accountFileOf(directory, accountId),
          directory: directory.directory,
        });
      }
    } else {
      const { snapshot: read } = snapshot;
      organization = sameOrganization(organization, read.organization);
      readProblems.push(...read.readProblems);
      collectionErrors.push(...read.collectionErrors);
      for (const account of read.accounts)
        units.push({ kind: "read", accountId: account.accountId, account });
    }
  }
  const zone = zoneFor(organization ? { organization } : {}, options);
  const rules = options.rules ?? RULES;
  const index = await CrossAccountIndex.gather(units);
  const sharedBuckets = index.sharedBucketNames();
  const context: ScanContext = {
    zone,
    index,
    rules,
    budgetLimit: options.budgetLimit ?? DEFAULT_RESOURCE_BUDGET,
  };

  // A fingerprint repeats only for one resource ARN: across accounts, that is a bucket name written in two account
  // files, or a role of a dump that another snapshot has too. Those share one registry; the rest are per account.
  const shared = new FingerprintRegistry();
  const counts = emptyCounts();
  const analysisProblems: ReadProblem[] = [];
  let accountsScanned = 0;
  let resourcesScanned = 0;
  const readFrom = new Map<string, string>();
  const scanned = (accountId: string, file: string, problems: ReadProblem[], resources: number) => {
    const earlier = readFrom.get(accountId);
    if (earlier !== undefined) {
      throw new InputError({
        file,
        jsonPath: "$",
        expected: "each account in only one of the snapshots scanned together",
        found: `account ${accountId}, already read from ${earlier}`,
      });
    }
    readFrom.set(accountId, file);
    accountsScanned += 1;
    resourcesScanned += resources;
    analysisProblems.push(...problems);
  };

  // Dumps are whole in memory already, and their roles may belong to several accounts: scanned first, their
  // findings wait for their account's turn.
  const waiting = new Map<string, Finding[]>();
  for (const unit of units) {
    if (unit.kind !== "read") continue;
    await index.prepareFor(unit.account, organization);
    const result = scanAccount(unit.account, context, { fingerprints: shared });
    scanned(unit.accountId, unit.account.file, result.analysisProblems, result.resourcesScanned);
    for (const finding of result.findings) {
      const list = waiting.get(finding.resource.accountId) ?? [];
      waiting.set(finding.resource.accountId, list);
      list.push(finding);
    }
  }

  const files = units
    .flatMap((unit, position): AccountFileUnit[] => (unit.kind === "file" ? [{ ...unit, position }] : []))
    .sort((a, b) => (a.accountId < b.accountId ? -1 : a.accountId > b.accountId ? 1 : 0));
  const ids = [...new Set([...files.map((unit) => unit.accountId), ...waiting.keys()])].sort();
  // Workers only where accounts are independent: no dump findings to merge in, no fingerprints to share.
  const independent = waiting.size === 0 && sharedBuckets.size === 0 && options.rules === undefined;
  const workers = independent ? workerCount(files.length, options.workers) : 0;
  const pool =
    workers > 0
      ? new ScanWorkers(
          workers,
          {
            accounts: units,
            candidates: index.toTransfer(),
            organizationDirectory,
            zone: options.zone,
            trustedAccounts: [...(options.trustedAccounts ?? [])],
            budgetLimit: context.budgetLimit,
          },
          files,
        )
      : undefined;
  const ahead = new ReadAhead(files);
  const outcomeOf = async (position: number): Promise<WorkerOutcome | AccountFileOutcome> => {
    if (pool) return pool.outcome(position);
    const unit = files[position] as AccountFileUnit;
    const fingerprints = sharedBuckets.size > 0 ? new ScopedFingerprints(shared, sharedBuckets) : undefined;
    const dumpFindings = (waiting.get(unit.accountId)?.length ?? 0) > 0;
    return scanAccountFile(unit, index, context, organization, {
      text: ahead.textOf(position),
      // Findings of a dump wait for this account: its file must not give any of them its fingerprint again.
      ...(dumpFindings ? { fingerprints: shared } : fingerprints ? { fingerprints } : {}),
    });
  };
  try {
    let next = 0;
    for (const accountId of ids) {
      const findings = waiting.get(accountId) ?? [];
      const withDumpFindings = findings.length > 0;
      const json: string[] = [];
      for (; next < files.length && files[next]?.accountId === accountId; next += 1) {
        const outcome = await outcomeOf(next);
        readProblems.push(...outcome.readProblems);
        collectionErrors.push(...outcome.collectionErrors);
        if (!outcome.read) continue;
        scanned(outcome.accountId, outcome.file, outcome.analysisProblems, outcome.resourcesScanned);
        if (!("findingsJson" in outcome)) findings.push(...outcome.findings);
        else if (options.review) {
          // Reviewed here, on the main thread, which holds what the review adds up over the whole scan.
          if (outcome.findingsJson !== "") findings.push(...(JSON.parse(outcome.findingsJson) as Finding[]));
        } else {
          if (outcome.findingsJson !== "") json.push(outcome.findingsJson);
          addCounts(counts, outcome.counts);
        }
      }
      waiting.delete(accountId);
      for (const line of json) await options.sink.appendJson(line);
      if (findings.length === 0) continue;
      if (withDumpFindings) findings.sort(compareFindings);
      const reviewed = options.review ? options.review(findings) : findings;
      countFindings(counts, reviewed);
      await options.sink.append(reviewed);
    }
  } finally {
    await pool?.close();
  }
  return {
    tool: TOOL,
    zone: zone.describe(),
    sources: paths,
    rules: rules.map((rule) => rule.meta),
    accountsScanned,
    resourcesScanned,
    scannedAccounts: [...readFrom.keys()].sort(),
    readProblems: [...readProblems, ...analysisProblems],
    collectionErrors,
    counts,
  };
}

/** Starts reading the next few files while one is being worked on; each text is handed out once. */
class ReadAhead {
  private readonly texts = new Map<number, Promise<string>>();
  private started = 0;

  constructor(private readonly files: readonly AccountFileUnit[]) {}

  textOf(position: number): Promise<string> {
    for (; this.started < Math.min(this.files.length, position + 1 + READ_AHEAD); this.started += 1) {
      const unit = this.files[this.started];
      if (unit) this.texts.set(this.started, readAccountText(unit.file, unit.accountId, unit.directory));
    }
    const text = this.texts.get(position);
    this.texts.delete(position);
    if (!text) throw new Error(`account file ${position} was not read ahead`);
    return text;
  }
}

/** Fingerprints of an account, shared with the whole scan for buckets whose name another account has too. */
class ScopedFingerprints extends FingerprintRegistry {
  constructor(
    private readonly shared: FingerprintRegistry,
    private readonly sharedBuckets: ReadonlySet<string>,
  ) {
    super();
  }

  override add(ruleId: string, fingerprint: string, resourceArn?: string): boolean {
    const bucket = resourceArn?.startsWith("arn:aws:s3:::")
      ? resourceArn.slice("arn:aws:s3:::".length)
      : undefined;
    if (bucket !== undefined && this.sharedBuckets.has(bucket)) return this.shared.add(ruleId, fingerprint);
    return super.add(ruleId, fingerprint);
  }
}
