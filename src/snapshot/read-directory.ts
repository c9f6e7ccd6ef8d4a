import { ACCOUNTS_DIR, MANIFEST_FILE, ORGANIZATION_FILE } from "./format.js";
import { lstat } from "node:fs/promises";
import { join } from "node:path";
import pLimit from "p-limit";
import type { CollectionError, Organization, ReadProblem, Snapshot } from "../model/snapshot.js";
import { readAccountFile } from "./account-file.js";
import { readJsonFile } from "./json-file.js";
import type { JsonNode } from "./json-node.js";
import { readManifest } from "./manifest.js";
import { readOrganization } from "./organization.js";

/** Files read at once: enough to keep the disk busy, few enough to bound memory for large organizations. */
const READ_CONCURRENCY = 16;

export interface DirectoryReadOptions {
  /** The path the user gave (defaults to the directory). */
  source?: string;
  /** `snapshot.json` already parsed by the caller, so it is not read twice. */
  manifest?: JsonNode;
}

/** A snapshot directory whose manifest and organization are read, and whose account files are not yet. */
export interface SnapshotDirectory {
  /** The path the user gave. */
  source: string;
  directory: string;
  /** The accounts of snapshot.json, in its order. */
  accountIds: string[];
  organization?: Organization;
  /** The failures snapshot.json records. */
  collectionErrors: CollectionError[];
  /** Grammar problems of organization.json's policies. */
  readProblems: ReadProblem[];
}

/**
 * Reads `snapshot.json` and `organization.json` of a snapshot directory (SNAPSHOT-FORMAT.md); a bad one throws an
 * InputError. The account files are read later, all at once (readSnapshotDirectory) or one by one (a scan).
 */
export async function openSnapshotDirectory(
  directory: string,
  options: DirectoryReadOptions = {},
): Promise<SnapshotDirectory> {
  // Files inside the snapshot are read only there: a symbolic link out of it is refused.
  const manifestRoot =
    options.manifest ??
    (await readJsonFile(join(directory, MANIFEST_FILE), "a snapshot.json manifest", { within: directory }));
  const manifest = readManifest(manifestRoot);
  const readProblems: ReadProblem[] = [];
  const organization = await readOptionalOrganization(
    join(directory, ORGANIZATION_FILE),
    directory,
    readProblems,
  );
  return {
    source: options.source ?? directory,
    directory,
    accountIds: manifest.accountIds,
    ...(organization ? { organization } : {}),
    collectionErrors: manifest.errors,
    readProblems,
  };
}

/** Where an account's file is in a snapshot directory. */
export function accountFileOf(snapshot: Pick<SnapshotDirectory, "directory">, accountId: string): string {
  return join(snapshot.directory, ACCOUNTS_DIR, `${accountId}.json`);
}

/**
 * A snapshot directory (docs/snapshot-format.md). A bad `snapshot.json` or `organization.json` throws an
 * InputError; a bad account file, or a bad part of one, becomes a ReadProblem and the rest is still read.
 */
export async function readSnapshotDirectory(
  directory: string,
  options: DirectoryReadOptions = {},
): Promise<Snapshot> {
  return readAccountsOf(await openSnapshotDirectory(directory, options));
}

/** Every account file of an opened snapshot directory, read into memory. */
export async function readAccountsOf(snapshot: SnapshotDirectory): Promise<Snapshot> {
  const limit = pLimit(READ_CONCURRENCY);
  const results = await Promise.all(
    snapshot.accountIds.map((id) =>
      limit(() => readAccountFile(accountFileOf(snapshot, id), id, snapshot.directory)),
    ),
  );
  return {
    source: snapshot.source,
    accounts: results.flatMap((result) => (result.account ? [result.account] : [])),
    ...(snapshot.organization ? { organization: snapshot.organization } : {}),
    collectionErrors: [...snapshot.collectionErrors, ...results.flatMap((result) => result.collectionErrors)],
    readProblems: [...snapshot.readProblems, ...results.flatMap((result) => result.readProblems)],
  };
}

async function readOptionalOrganization(
  file: string,
  directory: string,
  problems: ReadProblem[],
): Promise<Organization | undefined> {
  try {
    // lstat: a broken symbolic link is not an absent file, and is reported by the read below.
    await lstat(file);
  } catch (error) {
    // Absent means a standalone account; any other failure is left to the read below to report.
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
  }
  return readOrganization(
    await readJsonFile(file, "an organization.json file", { within: directory }),
    problems,
  );
}
