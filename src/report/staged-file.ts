import { randomBytes } from "node:crypto";
import { open, rename, rm, type FileHandle } from "node:fs/promises";
import path from "node:path";
import { removeOnInterrupt } from "./remove-on-interrupt.js";

/** Writes a file's content (a report too large to hold in one string is written piece by piece). */
export type ContentWriter = (handle: FileHandle) => Promise<void>;

/** What the replaced file had, so that the new one keeps it (rename would otherwise give it ours). */
export interface KeptAttributes {
  mode: number;
  uid: number;
  gid: number;
}

/** A complete new version of a file, on disk beside it, waiting to replace it. */
export interface StagedFile {
  readonly temporaryPath: string;
  /** Renames the new version over `target` (atomic: same directory, so same file system). */
  commit(): Promise<void>;
  /** Removes the new version; the target was never touched. */
  discard(): Promise<void>;
}

/** Short, whatever the target's name: a 254-character file name must still leave room for it. */
function temporaryName(): string {
  return `.trustscan-${randomBytes(6).toString("hex")}.tmp`;
}

/** The owner could not be kept (only root may give a file away): replacing the file would take it over. */
export class OwnerNotKeptError extends Error {
  constructor(readonly attributes: KeptAttributes) {
    super(`cannot keep its owner (uid ${attributes.uid}, gid ${attributes.gid})`);
  }
}

/**
 * Writes `content` (or has it written) to a new temporary file beside `target`, flushed to disk, with `keep`'s mode and owner when
 * it replaces an existing file. Until commit or discard, SIGINT, SIGTERM and SIGHUP remove it. Any failure
 * removes it and leaves `target` as it was.
 */
export async function stageFile(
  target: string,
  content: string | ContentWriter,
  keep?: KeptAttributes,
  options: { durable?: boolean } = {},
): Promise<StagedFile> {
  const temporaryPath = path.join(path.dirname(path.resolve(target)), temporaryName());
  // "wx": never reuse a file that someone else created under the same name.
  const handle = await open(temporaryPath, "wx");
  // Registered in the same tick as the open resolved: no signal can arrive in between.
  const stopRemovingOnInterrupt = removeOnInterrupt(temporaryPath);
  const remove = async () => {
    stopRemovingOnInterrupt();
    await rm(temporaryPath, { force: true });
  };
  try {
    try {
      if (keep) {
        const created = await handle.stat();
        if (created.uid !== keep.uid || created.gid !== keep.gid) {
          await handle.chown(keep.uid, keep.gid).catch((error: NodeJS.ErrnoException) => {
            throw error.code === "EPERM" ? new OwnerNotKeptError(keep) : error;
          });
        }
        // After chown, which clears set-user-id and set-group-id bits.
        await handle.chmod(keep.mode & 0o7777);
      }
      if (typeof content === "string") await handle.writeFile(content, "utf8");
      else await content(handle);
      // A file that only passes through (to standard output) need not reach the disk.
      if (options.durable ?? true) await handle.sync();
    } finally {
      await handle.close();
    }
  } catch (error) {
    await remove();
    throw error;
  }
  return {
    temporaryPath,
    async commit() {
      try {
        await rename(temporaryPath, target);
      } catch (error) {
        await remove();
        throw error;
      }
      stopRemovingOnInterrupt();
    },
    discard: remove,
  };
}
