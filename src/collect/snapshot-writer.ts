import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { AccountFile } from "./account.js";
import { compareText, sortErrors, type RecordedError } from "./errors.js";
import { isoTime, type JsonObject } from "./normalize.js";
import type { OrganizationTree } from "./organization.js";
import {
  ACCOUNTS_DIR,
  MANIFEST_FILE,
  ORGANIZATION_FILE,
  SNAPSHOT_FORMAT,
  SNAPSHOT_VERSION,
} from "../snapshot/format.js";

/** Pretty-printed with 2-space indent and a trailing newline (docs/snapshot-format.md), in the key order given. */
export function renderJson(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}

export interface Manifest {
  collectedAt: Date;
  accountIds: string[];
  collectorVersion: string;
  regions: Iterable<string>;
  /** Failures not tied to one account. */
  errors: RecordedError[];
}

export function manifestJson(manifest: Manifest): object {
  return {
    format: SNAPSHOT_FORMAT,
    version: SNAPSHOT_VERSION,
    collectedAt: isoTime(manifest.collectedAt),
    accounts: [...manifest.accountIds].sort(compareText),
    collector: {
      name: "trustscan",
      version: manifest.collectorVersion,
      regions: [...new Set(manifest.regions)].sort(compareText),
    },
    errors: sortErrors(manifest.errors),
  };
}

/** What was read; parts that failed are missing here and listed in the manifest's errors. */
export function organizationJson(tree: OrganizationTree, policies: JsonObject[]): object {
  return {
    Organization: tree.organization,
    Roots: tree.roots,
    OrganizationalUnits: tree.organizationalUnits,
    Accounts: tree.accounts,
    Policies: policies,
  };
}

export function accountFilePath(dir: string, accountId: string): string {
  return join(dir, ACCOUNTS_DIR, `${accountId}.json`);
}

export async function writeAccountFile(dir: string, file: AccountFile): Promise<void> {
  await mkdir(join(dir, ACCOUNTS_DIR), { recursive: true });
  await writeFile(accountFilePath(dir, file.accountId), renderJson(file), "utf8");
}

export async function writeOrganizationFile(dir: string, content: object): Promise<void> {
  await writeFile(join(dir, ORGANIZATION_FILE), renderJson(content), "utf8");
}

/** Written last: a directory with a manifest is a finished snapshot. */
export async function writeManifest(dir: string, manifest: Manifest): Promise<void> {
  await writeFile(join(dir, MANIFEST_FILE), renderJson(manifestJson(manifest)), "utf8");
}
