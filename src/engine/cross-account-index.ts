/**
 * The look-ups that cross accounts (snapshot-index.ts: who owns a bucket, whose canonical user an id is) for a
 * scan that reads one account at a time. It must answer exactly as the index of the whole snapshot in memory
 * does: the owner is the last readable account, in the snapshots' order, whose file keeps a bucket of that name.
 *
 * A first pass over the files gathers candidates cheaply, with a plain JSON.parse of each file: the names of its
 * buckets and their ACL owners, a superset of what the full read keeps. A candidate
 * is confirmed by the full read of its account before an answer uses it: the scan's own read for the accounts
 * already scanned, and a read of its own for the (few) accounts a policy names before their turn.
 */
import { readFileSync } from "node:fs";
import type { SnapshotIndex } from "../analysis/snapshot-index.js";
import type { Statement } from "../model/policy.js";
import type { PublicAccessBlock } from "../model/resource.js";
import type { AccountSnapshot, Organization } from "../model/snapshot.js";
import {
  indexAccountText,
  InputError,
  readAccountIndex,
  readAccountText,
  type AccountIndexEntry,
} from "../snapshot/index.js";
import { decodeText } from "../snapshot/decode-text.js";
import { CandidateIndex, CandidateIndexBuilder, type CandidateIndexData } from "./candidate-index.js";

/** An account of the scan: a file of a snapshot directory, or an account already in memory (a dump). */
export type IndexedAccount =
  | { kind: "file"; accountId: string; file: string; directory: string }
  | { kind: "read"; accountId: string; account: AccountSnapshot };

/** The entry the whole-snapshot index has for an account in memory. */
export function entryOf(account: AccountSnapshot): AccountIndexEntry {
  return {
    accountId: account.accountId,
    bucketNames: account.buckets.map((bucket) => bucket.name),
    aclOwners: account.buckets.flatMap((bucket) => (bucket.acl?.ownerId ? [bucket.acl.ownerId] : [])),
    accountPublicAccessBlock: account.accountPublicAccessBlock,
  };
}

/** What the first pass found, in a form that crosses to a worker thread. */
export interface CrossAccountCandidates {
  buckets: CandidateIndexData;
  canonicalUsers: CandidateIndexData;
  /** Per position, how many distinct bucket names and ACL owners the first pass found (see Confirmed). */
  counts: [number, [number, number]][];
  /** Positions of accounts whose file could not be read at all. */
  unreadable: number[];
}

/**
 * What the full read of an account confirmed. It keeps the names of its buckets and ACL owners only when it left
 * out some that the first pass found: otherwise every candidate of the position is confirmed, and keeping the
 * names of every bucket of a 1,000-account organization until the end of the scan is what made its memory grow
 * with the organization.
 */
interface Confirmed {
  accountId: string;
  accountPublicAccessBlock: PublicAccessBlock | null | undefined;
  /** Undefined: the full read kept every bucket name the first pass found. */
  bucketNames?: ReadonlySet<string>;
  /** Undefined: the full read kept every ACL owner the first pass found. */
  aclOwners?: ReadonlySet<string>;
}

const EMPTY = new CandidateIndexBuilder().build();

export class CrossAccountIndex implements SnapshotIndex {
  /** Candidate accounts (positions in `accounts`) per bucket name and per canonical user id, in order. */
  private bucketCandidates = EMPTY;
  private canonicalCandidates = EMPTY;
  /** Per position, the number of distinct candidates the first pass found: bucket names, ACL owners. */
  private readonly candidateCounts = new Map<number, [number, number]>();
  /** What the full read confirmed per position; null when the full read leaves the account out. */
  private readonly confirmed = new Map<number, Confirmed | null>();
  private readonly positionsOf = new Map<string, number[]>();

  private constructor(private readonly accounts: readonly IndexedAccount[]) {
    accounts.forEach((account, position) => {
      const list = this.positionsOf.get(account.accountId) ?? [];
      this.positionsOf.set(account.accountId, list);
      list.push(position);
    });
  }

  /** The first pass: reads every file once, a few at a time, and keeps only candidates. */
  static async gather(accounts: readonly IndexedAccount[]): Promise<CrossAccountIndex> {
    const index = new CrossAccountIndex(accounts);
    const buckets = new CandidateIndexBuilder();
    const canonicalUsers = new CandidateIndexBuilder();
    const add = (position: number, names: ReadonlySet<string>, ids: ReadonlySet<string>) => {
      index.candidateCounts.set(position, [names.size, ids.size]);
      buckets.add(position, names);
      canonicalUsers.add(position, ids);
    };
    /** Accounts already in memory: confirmed once every candidate is known. */
    const read: [number, AccountIndexEntry][] = [];
    const texts = new Map<number, Promise<string>>();
    const start = (position: number) => {
      const account = accounts[position];
      if (account?.kind === "file" && !texts.has(position)) {
        texts.set(position, readAccountText(account.file, account.accountId, account.directory));
      }
    };
    for (const [position, account] of accounts.entries()) {
      for (let ahead = position; ahead < Math.min(accounts.length, position + 4); ahead += 1) start(ahead);
      if (account.kind === "read") {
        const entry = entryOf(account.account);
        add(position, new Set(entry.bucketNames), new Set(entry.aclOwners));
        read.push([position, entry]);
        continue;
      }
      let text: string;
      try {
        text = await (texts.get(position) as Promise<string>);
      } catch (error) {
        if (!(error instanceof InputError)) throw error;
        index.confirm(position, null);
        continue;
      } finally {
        texts.delete(position);
      }
      const found = candidatesIn(text);
      if (found === undefined) index.confirm(position, null);
      else add(position, found.names, found.ids);
    }
    index.bucketCandidates = buckets.build();
    index.canonicalCandidates = canonicalUsers.build();
    for (const [position, entry] of read) index.confirm(position, entry);
    return index;
  }

  /** The candidates and what is known of them, to build the same index in a worker thread (structured clone). */
  toTransfer(): CrossAccountCandidates {
    return {
      buckets: this.bucketCandidates.toData(),
      canonicalUsers: this.canonicalCandidates.toData(),
      counts: [...this.candidateCounts],
      unreadable: [...this.confirmed].filter(([, entry]) => entry === null).map(([position]) => position),
    };
  }

  static fromTransfer(
    accounts: readonly IndexedAccount[],
    candidates: CrossAccountCandidates,
  ): CrossAccountIndex {
    const index = new CrossAccountIndex(accounts);
    index.bucketCandidates = new CandidateIndex(candidates.buckets);
    index.canonicalCandidates = new CandidateIndex(candidates.canonicalUsers);
    for (const [position, count] of candidates.counts) index.candidateCounts.set(position, count);
    for (const position of candidates.unreadable) index.confirm(position, null);
    return index;
  }

  /** Bucket names that more than one account may have. */
  sharedBucketNames(): Set<string> {
    const shared = new Set<string>();
    for (const [name, positions] of this.bucketCandidates.entries()) {
      if (positions.length < 2) continue;
      const accounts = new Set(Array.from(positions, (position) => this.accounts[position]?.accountId));
      if (accounts.size > 1) shared.add(name);
    }
    return shared;
  }

  /** Records what the scan's own full read of the account at `position` found (null: the account was left out). */
  confirm(position: number, entry: AccountIndexEntry | null): void {
    if (entry === null) {
      this.confirmed.set(position, null);
      return;
    }
    const [names, owners] = this.candidateCounts.get(position) ?? [-1, -1];
    const bucketNames = new Set(entry.bucketNames);
    const aclOwners = new Set(entry.aclOwners);
    this.confirmed.set(position, {
      accountId: entry.accountId,
      accountPublicAccessBlock: entry.accountPublicAccessBlock,
      ...(keepsAll(position, bucketNames, this.bucketCandidates, names) ? {} : { bucketNames }),
      ...(keepsAll(position, aclOwners, this.canonicalCandidates, owners) ? {} : { aclOwners }),
    });
  }

  /**
   * Confirms, before an account is analysed, the candidates its policies (and the organization's RCPs) may ask
   * about: so that the answers need no reading while the analysis runs.
   */
  async prepareFor(account: AccountSnapshot, organization: Organization | undefined): Promise<void> {
    const { buckets, canonicalUsers } = namesAskedAbout(account, organization);
    for (const [wanted, candidates, has] of [
      [buckets, this.bucketCandidates, hasBucket],
      [canonicalUsers, this.canonicalCandidates, hasAclOwner],
    ] as const) {
      for (const name of wanted) {
        const positions = candidates.positionsOf(name);
        // Last to first, as the answer looks: the first confirmed one settles it.
        for (let k = positions.length - 1; k >= 0; k -= 1) {
          const position = positions[k] as number;
          if (!this.confirmed.has(position)) this.confirm(position, (await this.readEntry(position)) ?? null);
          const entry = this.confirmed.get(position);
          if (entry && has(entry, name)) break;
        }
      }
    }
  }

  bucketOwner(name: string): string | undefined {
    return this.lastHaving(this.bucketCandidates.positionsOf(name), (entry) => hasBucket(entry, name));
  }

  accountOfCanonicalUser(id: string): string | undefined {
    return this.lastHaving(this.canonicalCandidates.positionsOf(id), (entry) => hasAclOwner(entry, id));
  }

  accountPublicAccessBlock(account: string): PublicAccessBlock | null | undefined {
    const positions = this.positionsOf.get(account) ?? [];
    for (let k = positions.length - 1; k >= 0; k -= 1) {
      const entry = this.entryAt(positions[k] as number);
      if (entry) return entry.accountPublicAccessBlock;
    }
    return undefined;
  }

  private lastHaving(positions: Int32Array, has: (entry: Confirmed) => boolean): string | undefined {
    for (let k = positions.length - 1; k >= 0; k -= 1) {
      const entry = this.entryAt(positions[k] as number);
      if (entry && has(entry)) return entry.accountId;
    }
    return undefined;
  }

  /** The confirmed entry; read now, synchronously, when a look-up was not foreseen by prepareFor. */
  private entryAt(position: number): Confirmed | null {
    if (!this.confirmed.has(position)) this.confirm(position, this.readEntrySync(position) ?? null);
    return this.confirmed.get(position) ?? null;
  }

  private async readEntry(position: number): Promise<AccountIndexEntry | undefined> {
    const account = this.accounts[position];
    if (!account) return undefined;
    if (account.kind === "read") return entryOf(account.account);
    return readAccountIndex(account.file, account.accountId, account.directory);
  }

  private readEntrySync(position: number): AccountIndexEntry | undefined {
    const account = this.accounts[position];
    if (!account) return undefined;
    if (account.kind === "read") return entryOf(account.account);
    try {
      // The first pass read this file with every check (regular file, inside the snapshot, size).
      return indexAccountText(
        decodeText(readFileSync(account.file), account.file),
        account.file,
        account.accountId,
      );
    } catch (error) {
      if (error instanceof InputError || (error as NodeJS.ErrnoException).code !== undefined)
        return undefined;
      throw error;
    }
  }
}

/**
 * Whether `kept` (distinct) is exactly the candidates the first pass found at `position`: each one a candidate
 * there, and as many as it found.
 */
function keepsAll(
  position: number,
  kept: ReadonlySet<string>,
  candidates: CandidateIndex,
  found: number,
): boolean {
  if (kept.size !== found) return false;
  for (const key of kept) if (!candidates.has(key, position)) return false;
  return true;
}

/** Whether the account, a candidate for the bucket name, keeps it. */
function hasBucket(entry: Confirmed, name: string): boolean {
  return entry.bucketNames === undefined || entry.bucketNames.has(name);
}

/** Whether the account, a candidate for the canonical user id, has it as an ACL owner. */
function hasAclOwner(entry: Confirmed, id: string): boolean {
  return entry.aclOwners === undefined || entry.aclOwners.has(id);
}

/**
 * The names of the file's buckets (`s3.Buckets[].Name`) and their ACL owners (`s3.Buckets[].Acl.Owner.ID`): a
 * superset of what the full read keeps, which reads the same members of the same parse and may leave some out.
 * Undefined for text that is not JSON at all. Only these members count: since snapshot version 2 an account file
 * names access points, images and other resources too, whose names would pass for buckets shared between accounts.
 */
export function candidatesIn(text: string): { names: Set<string>; ids: Set<string> } | undefined {
  let root: unknown;
  try {
    root = JSON.parse(text);
  } catch {
    return undefined;
  }
  const names = new Set<string>();
  const ids = new Set<string>();
  const buckets = member(member(root, "s3"), "Buckets");
  for (const bucket of Array.isArray(buckets) ? (buckets as unknown[]) : []) {
    const name = member(bucket, "Name");
    if (typeof name === "string") names.add(name);
    const owner = member(member(member(bucket, "Acl"), "Owner"), "ID");
    if (typeof owner === "string") ids.add(owner);
  }
  return { names, ids };
}

function member(value: unknown, key: string): unknown {
  return value !== null && typeof value === "object" && !Array.isArray(value)
    ? (value as Record<string, unknown>)[key]
    : undefined;
}

/** As arn-patterns.ts splits an ARN: an S3 resource with no account part is a bucket whose owner is looked up. */
const S3_ARN = /^[^:]*:[^:]*:s3:[^:]*::([^/]*)/;

/**
 * The bucket names and canonical user ids the analysis of `account` may look up: buckets named by an S3 ARN in
 * a condition value (as written, or with the resource's account and organization put in for their policy
 * variables), CanonicalUser principals and ACL grantees. A look-up outside these is still answered (read then).
 */
function namesAskedAbout(
  account: AccountSnapshot,
  organization: Organization | undefined,
): { buckets: Set<string>; canonicalUsers: Set<string> } {
  const buckets = new Set<string>();
  const canonicalUsers = new Set<string>();
  const resolved = (value: string) =>
    value
      .replace(/\$\{aws:ResourceAccount\}/gi, account.accountId)
      .replace(/\$\{aws:ResourceOrgID\}/gi, organization?.id ?? "");
  const visit = (statements: readonly Statement[]) => {
    for (const statement of statements) {
      for (const entry of [...(statement.principals ?? []), ...(statement.notPrincipals ?? [])]) {
        if (entry.type === "CanonicalUser") canonicalUsers.add(entry.value.trim());
      }
      for (const clause of statement.conditions) {
        for (const value of clause.values) {
          for (const text of value.includes("${") ? [value, resolved(value)] : [value]) {
            const bucket = S3_ARN.exec(text)?.[1];
            if (bucket) buckets.add(bucket);
          }
        }
      }
    }
  };
  for (const role of account.roles) visit(role.trustPolicy.statements);
  for (const bucket of account.buckets) {
    visit(bucket.policy?.statements ?? []);
    for (const grant of bucket.acl?.grants ?? []) if (grant.grantee.id) canonicalUsers.add(grant.grantee.id);
  }
  for (const policy of organization?.policies ?? []) visit(policy.content.statements);
  return { buckets, canonicalUsers };
}
