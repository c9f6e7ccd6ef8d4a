import { lstat } from "node:fs/promises";
import { join } from "node:path";
import pLimit from "p-limit";
import type { Organization, ReadProblem, Snapshot } from "../model/snapshot.js";
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

/**
 * A snapshot directory (docs/snapshot-format.md). A bad `snapshot.json` or `organization.json` throws an
 * InputError; a bad account file, or a bad part of one, becomes a ReadProblem and the rest is still read.
 */
export async function readSnapshotDirectory(
  directory: string,
  options: DirectoryReadOptions = {},
): Promise<Snapshot> {
  // Files inside the snapshot are read only there: a symbolic link out of it is refused.
  const inside = { within: directory };
  const manifestRoot =
    options.manifest ??
    (await readJsonFile(join(directory, "snapshot.json"), "a snapshot.json manifest", inside));
  const manifest = readManifest(manifestRoot);
  const organizationProblems: ReadProblem[] = [];
  const organization = await readOptionalOrganization(
    join(directory, "organization.json"),
    directory,
    organizationProblems,
  );

  const limit = pLimit(READ_CONCURRENCY);
  const results = await Promise.all(
    manifest.accountIds.map((id) =>
      limit(() => readAccountFile(join(directory, "accounts", `${id}.json`), id, directory)),
    ),
  );
  return {
    source: options.source ?? directory,
    accounts: results.flatMap((result) => (result.account ? [result.account] : [])),
    ...(organization ? { organization } : {}),
    collectionErrors: [...manifest.errors, ...results.flatMap((result) => result.collectionErrors)],
    readProblems: [...organizationProblems, ...results.flatMap((result) => result.readProblems)],
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
