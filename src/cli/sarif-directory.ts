import { mkdir, readdir, rm, rmdir, stat } from "node:fs/promises";
import path from "node:path";
import { OutputError, prepareOutputFile, type ContentWriter, type PreparedOutput } from "../report/index.js";

const ACCOUNT_SARIF = /^\d{12}\.sarif$/;

/** `<account>.sarif`: the name of an account's file in the --output directory of `--sarif-split account`. */
export function sarifFileName(file: { accountId?: string }): string {
  return `${file.accountId ?? "trustscan"}.sarif`;
}

/** One file of the directory: its account and its content, made when it is written. */
export interface SarifDirectoryFile {
  accountId: string;
  content: string | ContentWriter;
}

/** Every account's file written beside its target, waiting to replace it (stageSarifDirectory). */
export interface StagedSarifDirectory {
  /** The files' names, in the order written. */
  names: string[];
  /** Puts every file in place, then removes files of accounts this scan no longer covers. */
  commit(): Promise<void>;
  /** Removes what was written and not committed (nothing after commit). */
  discard(): Promise<void>;
}

function directoryError(directory: string, error: unknown): OutputError {
  if (error instanceof OutputError) return error;
  return new OutputError(
    `cannot write ${directory}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`,
    { cause: error },
  );
}

/**
 * Whether `directory` can take the split files: a directory or nothing yet, holding no `.sarif` file but those
 * trustscan writes per account (an upload step takes every `.sarif` file of the directory, so another tool's
 * results would be uploaded with this scan's). Returns the `.sarif` files it holds, or undefined when it does
 * not exist; throws OutputError.
 */
export async function checkSarifDirectory(directory: string): Promise<string[] | undefined> {
  try {
    const info = await stat(directory).catch((error: NodeJS.ErrnoException) => {
      if (error.code === "ENOENT") return undefined;
      throw error;
    });
    if (!info) return undefined;
    if (!info.isDirectory()) {
      throw new OutputError(
        `cannot write ${directory}: with --sarif-split account, --output names a directory (one <account>.sarif per account)`,
      );
    }
    const existing = (await readdir(directory)).filter((name) => name.endsWith(".sarif"));
    const foreign = existing.filter((name) => !ACCOUNT_SARIF.test(name));
    if (foreign.length > 0) {
      throw new OutputError(
        `cannot write ${directory}: it holds SARIF files trustscan did not write per account (${foreign.slice(0, 3).join(", ")}` +
          `${foreign.length > 3 ? ", …" : ""}), which an upload of the directory would send with this scan; use an empty directory`,
      );
    }
    return existing;
  } catch (error) {
    throw directoryError(directory, error);
  }
}

/**
 * Writes the split SARIF files into `directory` (created if missing), each beside its target as it comes, and
 * replaces none until every one is written: a file that cannot be made (a GitHub limit, a location outside the
 * repository) leaves the directory as it was. Committing renames them into place, then removes any file of an
 * account this scan no longer covers (one written by an earlier scan, named `<12 digits>.sarif`). Errors of the
 * directory are OutputError; those of a file's content pass through.
 */
export async function stageSarifDirectory(
  directory: string,
  files: AsyncIterable<SarifDirectoryFile>,
): Promise<StagedSarifDirectory> {
  const existing = await checkSarifDirectory(directory);
  // The first directory made for this scan (the directory or a parent): what a failure removes again.
  let made: string | undefined;
  if (!existing) {
    try {
      made = await mkdir(directory, { recursive: true });
    } catch (error) {
      throw directoryError(directory, error);
    }
  }
  const names: string[] = [];
  const staged: PreparedOutput[] = [];
  let committed = false;
  const discard = async () => {
    if (committed) return;
    for (const file of staged.splice(0)) await file.discard();
    // Directories made for this scan go too (rmdir: only while empty), from the innermost out.
    if (made === undefined) return;
    for (let dir = path.resolve(directory); ; dir = path.dirname(dir)) {
      if (
        !(await rmdir(dir).then(
          () => true,
          () => false,
        )) ||
        dir === path.resolve(made)
      )
        break;
    }
  };
  try {
    for await (const file of files) {
      const name = sarifFileName(file);
      staged.push(await prepareOutputFile(path.join(directory, name), file.content));
      names.push(name);
    }
  } catch (error) {
    await discard();
    throw error;
  }
  return {
    names,
    discard,
    async commit() {
      try {
        while (staged.length > 0) await staged.shift()?.commit();
        const keep = new Set(names);
        for (const stale of (existing ?? []).filter((name) => !keep.has(name)))
          await rm(path.join(directory, stale));
        committed = true;
      } catch (error) {
        await discard();
        throw directoryError(directory, error);
      }
    },
  };
}
