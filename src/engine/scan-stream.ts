/**
 * `trustscan scan` on snapshots of any size, in memory bounded by the largest account rather than by the
 * organization: the account files are read twice, once for the few facts that cross accounts (who owns each
 * bucket and canonical user: cross-account-index.ts) and once to scan them one at a time, in the order reports
 * list them.
 * Each account's findings go to `onAccount` (a spool, for the report) and are then let go; what a report says
 * before its findings (counts, problems) comes back as the overview.
 *
 * The result is the in-memory scan's (scan.ts), finding for finding: both run scanAccount.
 */
import { RULES } from "../../rules/index.js";
import { DEFAULT_RESOURCE_BUDGET } from "../analysis/patterns/budget.js";
import type { Finding } from "../findings/finding.js";
import { compareFindings } from "../findings/order.js";
import { countFindings, emptyCounts, type ScanOverview } from "../findings/scan-result.js";
import type { AccountSnapshot, CollectionError, Organization, ReadProblem } from "../model/snapshot.js";
import {
  accountFileOf,
  InputError,
  openSnapshot,
  readAccountFile,
  readAccountText,
  sameOrganization,
  type OpenedSnapshot,
} from "../snapshot/index.js";
import { FingerprintRegistry, scanAccount, type ScanContext } from "./account-scan.js";
import { CrossAccountIndex, entryOf, type IndexedAccount } from "./cross-account-index.js";
import { zoneFor, type ScanOptions } from "./scan.js";
import { TOOL } from "./tool.js";

export interface StreamScanOptions extends ScanOptions {
  /** Receives each account's findings (fingerprinted, in report order), account after account by id. */
  onAccount: (findings: Finding[]) => Promise<void>;
}

/** Account files read ahead of the one being scanned: enough to keep the disk busy, few enough to bound memory. */
const READ_AHEAD = 2;

type Unit = IndexedAccount;
type FileUnit = Extract<Unit, { kind: "file" }> & { position: number };

export async function scanSnapshotPaths(paths: string[], options: StreamScanOptions): Promise<ScanOverview> {
  if (paths.length === 0) throw new Error("scanSnapshotPaths needs at least one path");
  // One after the other, so that the first bad path in the user's order is the one reported.
  const opened: OpenedSnapshot[] = [];
  for (const path of paths) opened.push(await openSnapshot(path));
  let organization: Organization | undefined;
  const readProblems: ReadProblem[] = [];
  const collectionErrors: CollectionError[] = [];
  const units: Unit[] = [];
  for (const snapshot of opened) {
    if (snapshot.kind === "directory") {
      const { directory } = snapshot;
      organization = sameOrganization(organization, directory.organization);
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
  const scanned = (
    account: AccountSnapshot,
    findings: Finding[],
    problems: ReadProblem[],
    resources: number,
  ) => {
    const earlier = readFrom.get(account.accountId);
    if (earlier !== undefined) {
      throw new InputError({
        file: account.file,
        jsonPath: "$",
        expected: "each account in only one of the snapshots scanned together",
        found: `account ${account.accountId}, already read from ${earlier}`,
      });
    }
    readFrom.set(account.accountId, account.file);
    accountsScanned += 1;
    resourcesScanned += resources;
    analysisProblems.push(...problems);
    return findings;
  };

  // Dumps are whole in memory already, and their roles may belong to several accounts: scanned first, their
  // findings wait for their account's turn.
  const waiting = new Map<string, Finding[]>();
  for (const unit of units) {
    if (unit.kind !== "read") continue;
    await index.prepareFor(unit.account, organization);
    const result = scanAccount(unit.account, context, { fingerprints: shared });
    for (const finding of scanned(
      unit.account,
      result.findings,
      result.analysisProblems,
      result.resourcesScanned,
    )) {
      const list = waiting.get(finding.resource.accountId) ?? [];
      waiting.set(finding.resource.accountId, list);
      list.push(finding);
    }
  }

  const files = units
    .flatMap((unit, position): FileUnit[] => (unit.kind === "file" ? [{ ...unit, position }] : []))
    .sort((a, b) => (a.accountId < b.accountId ? -1 : a.accountId > b.accountId ? 1 : 0));
  const ids = [...new Set([...files.map((unit) => unit.accountId), ...waiting.keys()])].sort();
  const ahead = new ReadAhead(files);
  let next = 0;
  for (const accountId of ids) {
    const findings = waiting.get(accountId) ?? [];
    waiting.delete(accountId);
    // Findings of a dump wait here: this account's file must not give any of them its fingerprint again.
    const withDumpFindings = findings.length > 0;
    for (; next < files.length && files[next]?.accountId === accountId; next += 1) {
      const unit = files[next] as FileUnit;
      const result = await readAccountFile(unit.file, unit.accountId, unit.directory, {
        deferLocations: true,
        text: ahead.textOf(next),
      });
      readProblems.push(...result.readProblems);
      collectionErrors.push(...result.collectionErrors);
      index.confirm(unit.position, result.account ? entryOf(result.account) : null);
      if (!result.account) continue;
      await index.prepareFor(result.account, organization);
      const fingerprints = withDumpFindings
        ? shared
        : sharedBuckets.size > 0
          ? new ScopedFingerprints(shared, sharedBuckets)
          : undefined;
      const account = scanAccount(result.account, context, {
        ...(result.resolveLocations ? { resolveLocations: result.resolveLocations } : {}),
        ...(fingerprints ? { fingerprints } : {}),
      });
      findings.push(
        ...scanned(result.account, account.findings, account.analysisProblems, account.resourcesScanned),
      );
    }
    if (withDumpFindings) findings.sort(compareFindings);
    countFindings(counts, findings);
    await options.onAccount(findings);
  }
  return {
    tool: TOOL,
    zone: zone.describe(),
    sources: paths,
    rules: rules.map((rule) => rule.meta),
    accountsScanned,
    resourcesScanned,
    readProblems: [...readProblems, ...analysisProblems],
    collectionErrors,
    counts,
  };
}

/** Starts reading the next few files while one is being worked on; each text is handed out once. */
class ReadAhead {
  private readonly texts = new Map<number, Promise<string>>();
  private started = 0;

  constructor(private readonly files: readonly { accountId: string; file: string; directory: string }[]) {}

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
