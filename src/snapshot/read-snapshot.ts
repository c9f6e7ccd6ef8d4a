import { stat } from "node:fs/promises";
import { basename, dirname, join } from "node:path";
import type { Snapshot } from "../model/snapshot.js";
import { MANIFEST_FILE, ORGANIZATION_FILE } from "./format.js";
import { InputError } from "./input-error.js";
import { describeFileError, parseJson, readTextFile } from "./json-file.js";
import { describeValue, type JsonObject } from "./json-node.js";
import { mergeSnapshots } from "./merge-snapshots.js";
import { AUTHORIZATION_DETAILS_KEYS, readAuthorizationDetails } from "./read-authorization-details.js";
import { openSnapshotDirectory, readAccountsOf, type SnapshotDirectory } from "./read-directory.js";

export const WHAT_A_SNAPSHOT_IS =
  "a snapshot: a directory with a snapshot.json (written by trustscan collect), that snapshot.json, " +
  "or the JSON output of aws iam get-account-authorization-details";

const KEYS_SHOWN = 5;

/**
 * Reads what the user named: a snapshot directory, its snapshot.json, or a raw authorization-details dump.
 * Throws InputError for a missing path or anything that is none of these.
 */
export async function readSnapshot(path: string): Promise<Snapshot> {
  const opened = await openSnapshot(path);
  return opened.kind === "directory" ? readAccountsOf(opened.directory) : opened.snapshot;
}

/**
 * What the user named, opened: a snapshot directory with its manifest and organization read (its account files
 * are read later, one by one for a scan), or a raw dump read whole. Throws InputError like readSnapshot.
 */
export type OpenedSnapshot =
  { kind: "directory"; directory: SnapshotDirectory } | { kind: "snapshot"; snapshot: Snapshot };

export async function openSnapshot(path: string): Promise<OpenedSnapshot> {
  const kind = await kindOf(path);
  if (kind === "directory") {
    if ((await kindOf(join(path, MANIFEST_FILE)).catch(() => "missing")) !== "file") {
      throw notASnapshot(path, `a directory without ${MANIFEST_FILE}`);
    }
    return { kind: "directory", directory: await openSnapshotDirectory(path, { source: path }) };
  }
  const text = await readTextFile(path, WHAT_A_SNAPSHOT_IS);
  // Only text that starts like JSON gets JSON syntax errors; anything else is simply not a snapshot.
  if (!/^\s*[{[]/.test(text)) throw notASnapshot(path, "a file that is not JSON");
  const root = parseJson(text, path, { deferLocations: true });
  if (root.kind !== "object") throw notASnapshot(path, `a JSON file holding ${describeValue(root)}`);
  const object = root.object();
  if (basename(path) === MANIFEST_FILE || object.has("format")) {
    return {
      kind: "directory",
      directory: await openSnapshotDirectory(dirname(path), { source: path, manifest: root }),
    };
  }
  if (isOrganizationFile(path, object)) throw await organizationFileGiven(path);
  if (AUTHORIZATION_DETAILS_KEYS.some((key) => object.has(key)))
    return { kind: "snapshot", snapshot: readAuthorizationDetails(root, path) };
  const keys = object.keys();
  const shown = keys.slice(0, KEYS_SHOWN).map((key) => JSON.stringify(key));
  const more = keys.length > KEYS_SHOWN ? ", …" : "";
  throw notASnapshot(
    path,
    keys.length === 0 ? "an empty JSON object" : `a JSON object with keys ${shown.join(", ")}${more}`,
  );
}

/** Reads every path and merges them into one snapshot (one organization at most, each account once). */
export async function readSnapshots(paths: string[]): Promise<Snapshot> {
  if (paths.length === 0) throw new Error("readSnapshots needs at least one path");
  const snapshots: Snapshot[] = [];
  // One after the other, so that the first bad path in the user's order is the one reported.
  for (const path of paths) snapshots.push(await readSnapshot(path));
  return mergeSnapshots(snapshots);
}

async function kindOf(path: string): Promise<"directory" | "file"> {
  try {
    return (await stat(path)).isDirectory() ? "directory" : "file";
  } catch (error) {
    throw new InputError({
      file: path,
      jsonPath: "$",
      expected: WHAT_A_SNAPSHOT_IS,
      found: describeFileError(error),
    });
  }
}

/**
 * `organization.json` has a `Policies` key, like authorization details; read as those it fails on its first
 * policy ("no Arn key"). It is recognised by name, or by its DescribeOrganization object without any IAM list.
 */
function isOrganizationFile(path: string, object: JsonObject): boolean {
  if (basename(path) === ORGANIZATION_FILE) return true;
  return object.has("Organization") && !IAM_LISTS.some((key) => object.has(key));
}

const IAM_LISTS = ["UserDetailList", "GroupDetailList", "RoleDetailList"];

async function organizationFileGiven(path: string): Promise<InputError> {
  const directory = dirname(path);
  const inSnapshot = (await kindOf(join(directory, MANIFEST_FILE)).catch(() => "missing")) === "file";
  const instead = inSnapshot
    ? `pass the snapshot directory ${directory} instead`
    : "pass the snapshot directory it belongs to instead";
  return notASnapshot(
    path,
    `the organization.json of a snapshot (organization data only, no accounts to scan): ${instead}`,
  );
}

function notASnapshot(path: string, found: string): InputError {
  return new InputError({ file: path, jsonPath: "$", expected: WHAT_A_SNAPSHOT_IS, found });
}
