import { constants, type Stats } from "node:fs";
import { createReadStream } from "node:fs";
import { lstat, open, readlink, realpath, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { OutputError } from "./errors.js";
import { OwnerNotKeptError, stageFile, type ContentWriter } from "./staged-file.js";

/**
 * What `--output` names, and so how to write it:
 * - `new`: nothing there (or a symbolic link to nothing): a new file, written in full and renamed into place;
 * - `file`: a regular file, reached through any symbolic links: replaced atomically at its real path (the
 *   links stay links), keeping its mode and owner;
 * - `stream`: a FIFO or a character device (`/dev/null`, a terminal): written through, never replaced.
 * Anything else is refused with the reason.
 */
type OutputTarget =
  | { kind: "new"; path: string }
  | { kind: "file"; path: string; stats: Stats }
  | { kind: "stream"; path: string }
  | { kind: "refused"; reason: string };

const MAX_SYMLINK_HOPS = 40;

function isMissing(error: unknown): boolean {
  return (error as NodeJS.ErrnoException).code === "ENOENT";
}

async function statsOrMissing(read: () => Promise<Stats>): Promise<Stats | undefined> {
  try {
    return await read();
  } catch (error) {
    if (isMissing(error)) return undefined;
    throw error;
  }
}

/** Where a chain of symbolic links that ends in nothing points: the file a write through it creates. */
async function danglingLinkTarget(link: string): Promise<string> {
  let current = path.resolve(link);
  for (let hop = 0; hop < MAX_SYMLINK_HOPS; hop += 1) {
    const next = path.resolve(path.dirname(current), await readlink(current));
    const nextStats = await statsOrMissing(() => lstat(next));
    if (!nextStats?.isSymbolicLink()) return next;
    current = next;
  }
  throw Object.assign(new Error("too many symbolic links"), { code: "ELOOP" });
}

function describeHardLinks(count: number): string {
  return (
    `it has ${count} hard links, and trustscan neither splits them (replacing the file would) nor ` +
    `overwrites a file in place (a failed write would leave it half-written); write to a new file, ` +
    `or to standard output with --output - and redirect it`
  );
}

async function resolveTarget(target: string): Promise<OutputTarget> {
  const entry = await statsOrMissing(() => lstat(target));
  if (!entry) return { kind: "new", path: target };
  const stats = entry.isSymbolicLink() ? await statsOrMissing(() => stat(target)) : entry;
  if (!stats) return { kind: "new", path: await danglingLinkTarget(target) };
  if (stats.isFile()) {
    if (stats.nlink > 1) return { kind: "refused", reason: describeHardLinks(stats.nlink) };
    return { kind: "file", path: entry.isSymbolicLink() ? await realpath(target) : target, stats };
  }
  if (stats.isFIFO() || stats.isCharacterDevice()) return { kind: "stream", path: target };
  if (stats.isDirectory()) return { kind: "refused", reason: "it is a directory" };
  const what = stats.isBlockDevice()
    ? "a block device"
    : stats.isSocket()
      ? "a socket"
      : "not a regular file";
  return { kind: "refused", reason: `it is ${what}; write to a regular file, a FIFO or a character device` };
}

const WRITE_ERRORS: Record<string, string> = {
  EACCES: "permission denied",
  EPERM: "permission denied",
  ENOENT: "its directory does not exist",
  ENOTDIR: "a part of the path is not a directory",
  EISDIR: "it is a directory",
  ENOSPC: "no space left on the device",
  EDQUOT: "disk quota exceeded",
  EROFS: "read-only file system",
  EIO: "input/output error",
  EPIPE: "the reader closed the pipe",
  ELOOP: "too many symbolic links",
  ENAMETOOLONG: "the file name is too long",
  ENXIO: "no such device, or no reader on the FIFO",
};

/** Why a write failed, without the path of the temporary file that Node's message would name. */
export function describeWriteError(error: unknown): string {
  if (error instanceof OwnerNotKeptError) {
    return `${error.message}: only root can give a file to another user; write to a new file instead`;
  }
  const code = (error as NodeJS.ErrnoException).code;
  if (typeof code !== "string") throw error;
  return WRITE_ERRORS[code] ?? code;
}

/**
 * Runs `make`, which creates a file in the temporary directory; a file-system failure there (no such directory,
 * no space) becomes an OutputError that names the directory and says how to choose another. Other errors (a
 * report that breaks a limit while it is written) pass through unchanged.
 */
export async function inTemporaryDirectory<T>(make: () => Promise<T>): Promise<T> {
  try {
    return await make();
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (typeof code !== "string") throw error;
    throw new OutputError(
      `cannot write a temporary file in ${tmpdir()}: ${describeWriteError(error)}; set TMPDIR to a writable directory`,
      { cause: error },
    );
  }
}

/** Standard output could not be written (a full disk behind a redirection, a closed pipe). */
export function standardOutputError(error: unknown): OutputError {
  const code = (error as NodeJS.ErrnoException).code;
  const reason = typeof code === "string" ? (WRITE_ERRORS[code] ?? code) : String(error);
  return new OutputError(`cannot write to standard output: ${reason}`, { cause: error });
}

/** Through to the device or FIFO: never O_CREAT (it must not become a regular file), never O_TRUNC. */
async function writeThrough(file: string, content: string | { temporaryPath: string }): Promise<void> {
  const handle = await open(file, constants.O_WRONLY | constants.O_NOCTTY);
  try {
    if (typeof content === "string") await handle.writeFile(content, "utf8");
    else
      for await (const chunk of createReadStream(content.temporaryPath)) await handle.write(chunk as Buffer);
  } finally {
    await handle.close();
  }
}

/** A written output file that has not replaced its target yet (prepareOutputFile). */
export interface PreparedOutput {
  /** Puts the content in place; throws OutputError naming the target. */
  commit(): Promise<void>;
  /** Leaves the target as it was and removes what was staged. */
  discard(): Promise<void>;
}

/**
 * Has `content` written whole to a private temporary file, then gives its path to `use` (to copy it somewhere
 * that cannot be replaced atomically: standard output, a FIFO); the file is removed afterwards, or on an
 * interrupt.
 */
export async function withTemporaryContent<T>(
  content: ContentWriter,
  use: (file: string) => Promise<T>,
): Promise<T> {
  const staged = await inTemporaryDirectory(() =>
    stageFile(path.join(tmpdir(), "trustscan-report"), content, undefined, { durable: false }),
  );
  try {
    return await use(staged.temporaryPath);
  } finally {
    await staged.discard();
  }
}

/**
 * Writes a report to `target` (`--output`). A regular file or a new one is written atomically: readers see
 * the old file or the complete new one, never a part; a failed or interrupted write leaves no temporary file.
 * Throws OutputError naming `target` (and only it) when the write fails or the target is refused.
 */
export async function writeOutputFile(target: string, content: string | ContentWriter): Promise<void> {
  await (await prepareOutputFile(target, content)).commit();
}

/** The OutputError for a failed write of `target`, naming it (and only it). */
function writeFailure(target: string, error: unknown): OutputError {
  return error instanceof OutputError
    ? error
    : new OutputError(`cannot write ${target}: ${describeWriteError(error)}`, { cause: error });
}

/**
 * A PreparedOutput. Made outside prepareOutputFile, whose closures must not refer to its content (V8 would keep
 * the content alive with them): a split report holds one per account until all are written, and a content writer
 * holds its account's findings.
 */
function prepared(target: string, commit: () => Promise<void>, discard: () => Promise<void>): PreparedOutput {
  return {
    async commit() {
      try {
        await commit();
      } catch (error) {
        throw writeFailure(target, error);
      }
    },
    discard,
  };
}

/** `content` written whole to a private temporary file (no closure here may outlive the call: see prepared). */
function stagePrivately(content: ContentWriter) {
  return inTemporaryDirectory(() =>
    stageFile(path.join(tmpdir(), "trustscan-report"), content, undefined, { durable: false }),
  );
}

/**
 * The first half of writeOutputFile: the content made whole beside `target` (or, for a FIFO or a device, in the
 * temporary directory), to be committed or discarded later. Several files (a split report) are prepared first and
 * committed together, so that a report that fails half-way replaces none of them.
 */
export async function prepareOutputFile(
  target: string,
  content: string | ContentWriter,
): Promise<PreparedOutput> {
  if (target === "") throw new OutputError("no output file named");
  try {
    const resolved = await resolveTarget(target);
    switch (resolved.kind) {
      case "refused":
        throw new OutputError(`cannot write ${target}: ${resolved.reason}`);
      case "stream": {
        // Made whole first, so that a report that fails half-way writes nothing.
        const staged =
          typeof content === "string"
            ? { temporaryPath: undefined, discard: async () => {} }
            : await stagePrivately(content);
        const text = typeof content === "string" ? content : undefined;
        return prepared(
          target,
          async () => {
            try {
              await writeThrough(resolved.path, text ?? { temporaryPath: staged.temporaryPath as string });
            } finally {
              await staged.discard();
            }
          },
          () => staged.discard(),
        );
      }
      case "new":
      case "file": {
        const keep =
          resolved.kind === "file"
            ? { mode: resolved.stats.mode, uid: resolved.stats.uid, gid: resolved.stats.gid }
            : undefined;
        const staged = await stageFile(resolved.path, content, keep);
        return prepared(
          target,
          () => staged.commit(),
          () => staged.discard(),
        );
      }
    }
  } catch (error) {
    throw writeFailure(target, error);
  }
}
