import { lstat, readdir, readFile } from "node:fs/promises";
import { dirname, join, resolve } from "node:path";
import { safeText } from "../text/safe-text.js";
import { ACCOUNTS_DIR, MANIFEST_FILE, ORGANIZATION_FILE, SNAPSHOT_FORMAT } from "../snapshot/format.js";

/** `--out` cannot be used as given: a usage error (exit 2), reported without a stack trace. */
export class OutputError extends Error {}

export class OutputExistsError extends OutputError {
  constructor(readonly outDir: string) {
    super(
      `${safeText(outDir)} already exists; pass --force to replace it (only an empty directory or a trustscan snapshot is replaced)`,
    );
  }
}

const ACCOUNT_FILE = /^\d{12}\.json$/;
const SNAPSHOT_FILES = new Set([MANIFEST_FILE, ORGANIZATION_FILE]);
// A manifest lists account ids: far below this even for thousands of accounts.
const MAX_MANIFEST_BYTES = 16 * 1024 * 1024;
const NAMES_SHOWN = 5;

/** Entries of a snapshot directory that `collect` never writes, as relative paths (directories end in `/`). */
async function foreignEntries(dir: string): Promise<string[]> {
  const found: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    if (entry.name === ACCOUNTS_DIR && entry.isDirectory()) {
      for (const file of await readdir(join(dir, ACCOUNTS_DIR), { withFileTypes: true })) {
        if (!(file.isFile() && ACCOUNT_FILE.test(file.name)))
          found.push(`${ACCOUNTS_DIR}/${file.name}${file.isDirectory() ? "/" : ""}`);
      }
    } else if (!(entry.isFile() && SNAPSHOT_FILES.has(entry.name))) {
      found.push(`${entry.name}${entry.isDirectory() ? "/" : ""}`);
    }
  }
  return found.sort();
}

async function isTrustscanManifest(path: string): Promise<boolean> {
  try {
    const info = await lstat(path);
    if (!info.isFile() || info.size > MAX_MANIFEST_BYTES) return false;
    const manifest: unknown = JSON.parse(await readFile(path, "utf8"));
    return (
      typeof manifest === "object" &&
      manifest !== null &&
      (manifest as { format?: unknown }).format === SNAPSHOT_FORMAT
    );
  } catch {
    return false;
  }
}

function listed(names: string[]): string {
  const shown = names.slice(0, NAMES_SHOWN).map(safeText).join(", ");
  return names.length > NAMES_SHOWN ? `${shown} and ${names.length - NAMES_SHOWN} more` : shown;
}

/**
 * Throws an OutputError unless `--force` may replace `outDir`: an empty directory, or a snapshot as `collect`
 * writes it (`snapshot.json` in the trustscan format, `organization.json`, `accounts/<id>.json`) and nothing
 * else. A git checkout, a home directory or a snapshot someone added notes to is never removed.
 */
export async function assertReplaceable(outDir: string): Promise<void> {
  const out = resolve(outDir);
  const shown = safeText(outDir);
  const info = await lstat(out);
  if (info.isSymbolicLink())
    throw new OutputError(`${shown} is a symbolic link; --force replaces only a directory (name its target)`);
  if (!info.isDirectory())
    throw new OutputError(`${shown} is not a directory; --force replaces only a snapshot directory`);
  const foreign = await foreignEntries(out);
  const refusal = `refusing to replace ${shown} with --force: it is not a trustscan snapshot`;
  const rule = "--force replaces only an empty directory or a snapshot written by trustscan collect";
  if (foreign.length > 0) throw new OutputError(`${refusal} (found ${listed(foreign)}); ${rule}`);
  const empty = (await readdir(out)).length === 0;
  if (!empty && !(await isTrustscanManifest(join(out, MANIFEST_FILE)))) {
    throw new OutputError(
      `${refusal} (${MANIFEST_FILE} is missing or not in the ${SNAPSHOT_FORMAT} format); ${rule}`,
    );
  }
}

/** The nearest of `path` and its ancestors that exists. */
async function nearestExisting(path: string): Promise<{ path: string; isDirectory: boolean } | undefined> {
  for (let current = path; ; current = dirname(current)) {
    const info = await lstat(current).catch(() => undefined);
    if (info) return { path: current, isDirectory: info.isDirectory() };
    if (dirname(current) === current) return undefined;
  }
}

/**
 * The usage error for a file-system failure while preparing `--out` (a path under a file, a directory that
 * cannot be written), or undefined for anything else (a bug, a full disk: not the user's to fix with options).
 */
export async function asOutputError(error: unknown, outDir: string): Promise<OutputError | undefined> {
  if (error instanceof OutputError) return error;
  const code = (error as NodeJS.ErrnoException | null)?.code;
  const out = resolve(outDir);
  const shown = safeText(outDir);
  switch (code) {
    case "ENOTDIR":
    case "EEXIST": {
      const blocker = await nearestExisting(dirname(out));
      if (blocker && !blocker.isDirectory)
        return new OutputError(`cannot create --out ${shown}: ${safeText(blocker.path)} is not a directory`);
      return new OutputError(`cannot create --out ${shown}: a part of the path is not a directory`);
    }
    case "EACCES":
    case "EPERM":
      return new OutputError(`cannot create --out ${shown}: permission denied in ${safeText(dirname(out))}`);
    case "EROFS":
      return new OutputError(
        `cannot create --out ${shown}: ${safeText(dirname(out))} is on a read-only file system`,
      );
    case "ENAMETOOLONG":
      return new OutputError(`cannot create --out ${shown}: the name is too long`);
    default:
      return undefined;
  }
}
