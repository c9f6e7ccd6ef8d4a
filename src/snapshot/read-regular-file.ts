import { constants, type Stats } from "node:fs";
import { lstat, open, readlink, realpath, stat } from "node:fs/promises";
import { isAbsolute, join, relative, sep } from "node:path";
import { InputError } from "./input-error.js";

export interface RegularFileOptions {
  /** What the file should be, for messages ("the account file of 111122223333"). */
  expected: string;
  /**
   * The snapshot directory the file must stay inside, symbolic links followed. Unset for a file the user
   * named on the command line: where that one lives is the user's choice.
   */
  within?: string;
  /** Throws when `size` bytes are too many to read; called before reading and again if the file grows. */
  checkSize: (size: number) => void;
}

/** Non-blocking open: a FIFO swapped in after the check below must not hang the scan (0 where unsupported). */
const OPEN_FLAGS = constants.O_RDONLY | (constants.O_NONBLOCK ?? 0);
const MIN_GROWTH_BYTES = 64 * 1024;

/**
 * The bytes of a regular file. A FIFO, device, socket or directory is refused without being opened (opening
 * a FIFO blocks until a writer comes; reading a device may never end); so is a path that symbolic links
 * lead out of `within`. Every refusal is an InputError naming the file.
 */
export async function readRegularFile(file: string, options: RegularFileOptions): Promise<Buffer> {
  const fail = (found: string) => new InputError({ file, jsonPath: "$", expected: options.expected, found });
  const target = options.within === undefined ? file : await resolveInside(file, options.within, fail);
  const kind = describeNonRegular(await stat(target).catch((error: unknown) => fileFailure(error, fail)));
  if (kind) throw fail(kind);

  const handle = await open(target, OPEN_FLAGS).catch((error: unknown) => fileFailure(error, fail));
  try {
    const stats = await handle.stat();
    const swapped = describeNonRegular(stats);
    if (swapped) throw fail(swapped);
    options.checkSize(stats.size);
    // One byte more than the size, to see the end in one read; grown if the file is growing (or is a
    // /proc file that reports size 0).
    let buffer = Buffer.allocUnsafe(stats.size + 1);
    let total = 0;
    for (;;) {
      if (total === buffer.length) {
        options.checkSize(total + 1);
        const grown = Buffer.allocUnsafe(Math.max(buffer.length * 2, MIN_GROWTH_BYTES));
        buffer.copy(grown, 0, 0, total);
        buffer = grown;
      }
      const { bytesRead } = await handle.read(buffer, total, buffer.length - total, null);
      if (bytesRead === 0) return buffer.subarray(0, total);
      total += bytesRead;
    }
  } catch (error) {
    if (error instanceof InputError) throw error;
    return fileFailure(error, fail);
  } finally {
    await handle.close();
  }
}

/** The real path of `file`, which must be inside the real path of `directory`. */
async function resolveInside(
  file: string,
  directory: string,
  fail: (found: string) => InputError,
): Promise<string> {
  const real = await realpath(file).catch(async (error: unknown) => {
    const link = await symbolicLinkOn(directory, file);
    if (link && (error as NodeJS.ErrnoException).code === "ENOENT") {
      throw fail(`a symbolic link (${link.path} -> ${link.target}) to nothing`);
    }
    return fileFailure(error, fail);
  });
  const root = await realpath(directory);
  const path = relative(root, real);
  if (path !== "" && path !== ".." && !path.startsWith(`..${sep}`) && !isAbsolute(path)) return real;
  const link = await symbolicLinkOn(directory, file);
  const via = link ? `${link.path} -> ${link.target}` : file;
  throw fail(`a symbolic link (${via}) that leads outside the snapshot directory, to ${real}`);
}

/** The first symbolic link on the way from `directory` down to `file`, with what it points to. */
async function symbolicLinkOn(
  directory: string,
  file: string,
): Promise<{ path: string; target: string } | undefined> {
  let path = directory;
  for (const part of relative(directory, file).split(sep)) {
    path = join(path, part);
    const stats = await lstat(path).catch(() => undefined);
    if (stats === undefined) return undefined;
    if (stats.isSymbolicLink()) return { path, target: await readlink(path) };
  }
  return undefined;
}

function describeNonRegular(stats: Stats): string | undefined {
  if (stats.isFile()) return undefined;
  if (stats.isDirectory()) return "a directory";
  const kind = stats.isFIFO()
    ? "a named pipe (FIFO)"
    : stats.isCharacterDevice()
      ? "a character device"
      : stats.isBlockDevice()
        ? "a block device"
        : stats.isSocket()
          ? "a socket"
          : "something";
  return `${kind}, not a regular file (trustscan reads only regular files: save the data to a file first)`;
}

function fileFailure(error: unknown, fail: (found: string) => InputError): never {
  throw fail(describeFileError(error));
}

export function describeFileError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  switch (code) {
    case "ENOENT":
    case "ENOTDIR":
      return "no such file or directory";
    case "EISDIR":
      return "a directory";
    case "EACCES":
    case "EPERM":
      return "a file that cannot be read (permission denied)";
    case "ELOOP":
      return "a loop of symbolic links";
    default:
      return `a file that cannot be read (${code ?? String(error)})`;
  }
}
