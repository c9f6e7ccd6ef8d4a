import { mkdir, readdir, rm, stat } from "node:fs/promises";
import path from "node:path";
import { OutputError, writeOutputFile, type SarifFile } from "../report/index.js";

const ACCOUNT_SARIF = /^\d{12}\.sarif$/;

/** `<account>.sarif`: the name of an account's file in the --output directory of `--sarif-split account`. */
export function sarifFileName(file: SarifFile): string {
  return `${file.accountId ?? "trustscan"}.sarif`;
}

/**
 * Writes split SARIF files into `directory` (created if missing), each atomically. An upload step takes every
 * `.sarif` file of the directory, so a file of an account this scan no longer covers (one written by an earlier
 * scan, named `<12 digits>.sarif`) is removed, and a directory with other `.sarif` files is refused: their
 * results would be uploaded with this scan's.
 */
export async function writeSarifDirectory(directory: string, files: SarifFile[]): Promise<string[]> {
  try {
    const info = await stat(directory).catch((error: NodeJS.ErrnoException) => {
      if (error.code === "ENOENT") return undefined;
      throw error;
    });
    if (info && !info.isDirectory()) {
      throw new OutputError(
        `cannot write ${directory}: with --sarif-split account, --output names a directory (one <account>.sarif per account)`,
      );
    }
    if (!info) await mkdir(directory, { recursive: true });
    const existing = (await readdir(directory)).filter((name) => name.endsWith(".sarif"));
    const foreign = existing.filter((name) => !ACCOUNT_SARIF.test(name));
    if (foreign.length > 0) {
      throw new OutputError(
        `cannot write ${directory}: it holds SARIF files trustscan did not write per account (${foreign.slice(0, 3).join(", ")}` +
          `${foreign.length > 3 ? ", …" : ""}), which an upload of the directory would send with this scan; use an empty directory`,
      );
    }
    const names = files.map(sarifFileName);
    for (const [index, file] of files.entries()) {
      await writeOutputFile(path.join(directory, names[index]!), file.text);
    }
    const keep = new Set(names);
    for (const stale of existing.filter((name) => !keep.has(name))) await rm(path.join(directory, stale));
    return names;
  } catch (error) {
    if (error instanceof OutputError) throw error;
    throw new OutputError(
      `cannot write ${directory}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`,
      {
        cause: error,
      },
    );
  }
}
