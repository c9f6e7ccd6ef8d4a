import { rmSync } from "node:fs";
import { lstat, mkdir, readdir, rename, rm } from "node:fs/promises";
import { basename, dirname, join, resolve } from "node:path";
import { asOutputError, assertReplaceable, OutputExistsError } from "./out-dir.js";

/**
 * A snapshot is built in a temporary directory beside `--out` (same filesystem, so the final rename is atomic)
 * and renamed into place only when complete. Names: `.<out name>.trustscan-tmp-<pid>` while collecting, and
 * `.<out name>.trustscan-old-<pid>` for the replaced snapshot during the swap with `--force`.
 */
const TMP_TAG = "trustscan-tmp";
const OLD_TAG = "trustscan-old";

export function stagingPath(outDir: string, tag: "tmp" | "old", pid: number = process.pid): string {
  const out = resolve(outDir);
  return join(dirname(out), `.${basename(out)}.${tag === "tmp" ? TMP_TAG : OLD_TAG}-${pid}`);
}

/** Whether anything (a dangling symbolic link too) has that name. */
async function exists(path: string): Promise<boolean> {
  return lstat(path).then(
    () => true,
    (error: NodeJS.ErrnoException) => {
      if (error.code === "ENOENT") return false;
      throw error;
    },
  );
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/**
 * Cleans up after runs of `outDir` that were killed (their pid is gone): removes their staging directories, and
 * puts back a snapshot set aside by `--force` if the run died before the new one took its place.
 */
export async function removeStaleStaging(outDir: string): Promise<string[]> {
  const out = resolve(outDir);
  const pattern = new RegExp(`^\\.${escapeRegExp(basename(out))}\\.(${TMP_TAG}|${OLD_TAG})-(\\d+)$`);
  const names = await readdir(dirname(out)).catch(() => [] as string[]);
  const removed: string[] = [];
  for (const name of names) {
    const match = pattern.exec(name);
    const pid = Number(match?.[2]);
    if (!pid || pid === process.pid || isAlive(pid)) continue;
    const path = join(dirname(out), name);
    if (match?.[1] === OLD_TAG && !(await exists(out))) {
      await rename(path, out);
      continue;
    }
    await rm(path, { recursive: true, force: true });
    removed.push(path);
  }
  return removed;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

export interface StagingDir {
  /** Where to write the snapshot's files. */
  readonly path: string;
  /** Moves the finished snapshot to `outDir` (replacing the old one only now, with `force`). */
  publish(): Promise<void>;
  /** Deletes the staging directory (synchronous, so that it can run in a signal handler). */
  discard(): void;
}

/**
 * Prepares a staging directory for `outDir` (creating missing parent directories), before any work is done.
 * Fails with an OutputError (out-dir.ts) when `outDir` exists and `force` is not set, when `force` is set but
 * `outDir` is neither empty nor a snapshot, or when `outDir` cannot be created there.
 */
export async function createStagingDir(outDir: string, options: { force: boolean }): Promise<StagingDir> {
  const out = resolve(outDir);
  const path = stagingPath(out, "tmp");
  try {
    await checkTarget(out, outDir, options.force);
    await mkdir(dirname(out), { recursive: true });
    await removeStaleStaging(out);
    await rm(path, { recursive: true, force: true });
    await mkdir(path);
  } catch (error) {
    throw (await asOutputError(error, outDir)) ?? error;
  }

  return {
    path,
    async publish() {
      if (await exists(out)) {
        // Checked again: the directory may have changed while the snapshot was being collected.
        await checkTarget(out, outDir, options.force);
        // Old aside, new in, old deleted: at every moment one complete snapshot exists.
        const old = stagingPath(out, "old");
        await rename(out, old);
        await rename(path, out);
        await rm(old, { recursive: true, force: true });
      } else {
        await rename(path, out);
      }
    },
    discard() {
      rmSync(path, { recursive: true, force: true });
    },
  };
}

async function checkTarget(out: string, outDir: string, force: boolean): Promise<void> {
  if (!(await exists(out))) return;
  if (!force) throw new OutputExistsError(outDir);
  await assertReplaceable(outDir);
}

const SIGNALS: NodeJS.Signals[] = ["SIGINT", "SIGTERM", "SIGHUP"];

/**
 * Runs `cleanup` when the process is interrupted, then lets the signal end the process as it would have.
 * Returns a function that removes the handlers. SIGKILL cannot be caught: see removeStaleStaging.
 */
export function onInterrupt(cleanup: () => void): () => void {
  const handler = (signal: NodeJS.Signals) => {
    dispose();
    try {
      cleanup();
    } finally {
      process.kill(process.pid, signal);
    }
  };
  const dispose = () => {
    for (const signal of SIGNALS) process.off(signal, handler);
  };
  for (const signal of SIGNALS) process.on(signal, handler);
  return dispose;
}
