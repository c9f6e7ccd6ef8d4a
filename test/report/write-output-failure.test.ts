// Failures that a test cannot cause on a real disk, simulated by wrapping node:fs/promises: a disk that fills
// or fails mid-write, and an existing file owned by someone else. The target must keep its old content, no
// partial or temporary file may stay behind, and the message names the target, never the temporary file.
import type { BigIntStats, Stats } from "node:fs";
import { mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import type * as FsPromises from "node:fs/promises";
import type { FileHandle } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { writeOutputFile } from "../../src/report/write-output.js";

const failures = vi.hoisted(() => ({
  midWrite: false,
  sync: false,
  /** The existing file appears to belong to this owner. */
  foreignOwner: undefined as { uid: number; gid: number } | undefined,
  /** chown is refused, as for anyone but root giving a file away. */
  chownRefused: false,
  chownCalls: [] as [number, number][],
}));

vi.mock("node:fs/promises", async (importOriginal) => {
  const actual = await importOriginal<typeof FsPromises>();
  const withOwner = async <T extends Stats | BigIntStats>(stats: Promise<T>): Promise<T> => {
    const result = await stats;
    if (failures.foreignOwner && result.isFile()) Object.assign(result, failures.foreignOwner);
    return result;
  };
  const open = async (...args: Parameters<typeof actual.open>): Promise<FileHandle> => {
    const handle = await actual.open(...args);
    return new Proxy(handle, {
      get(target, property, receiver) {
        if (property === "writeFile" && failures.midWrite) {
          return async (content: string) => {
            // Half the content reaches the disk, then the disk is full.
            await target.writeFile(content.slice(0, content.length / 2));
            throw Object.assign(new Error("ENOSPC: no space left on device, write"), { code: "ENOSPC" });
          };
        }
        if (property === "sync" && failures.sync) {
          return async () => {
            throw Object.assign(new Error("EIO: i/o error, fsync"), { code: "EIO" });
          };
        }
        if (property === "chown") {
          return async (uid: number, gid: number) => {
            failures.chownCalls.push([uid, gid]);
            if (failures.chownRefused) {
              throw Object.assign(new Error(`EPERM: operation not permitted, fchown`), { code: "EPERM" });
            }
          };
        }
        const value: unknown = Reflect.get(target, property, receiver);
        return typeof value === "function" ? (value as (...a: unknown[]) => unknown).bind(target) : value;
      },
    });
  };
  return {
    ...actual,
    open,
    lstat: (...args: Parameters<typeof actual.lstat>) => withOwner(actual.lstat(...args)),
    stat: (...args: Parameters<typeof actual.stat>) => withOwner(actual.stat(...args)),
  };
});

let dir: string;

beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "trustscan-write-failure-"));
});

afterEach(async () => {
  Object.assign(failures, {
    midWrite: false,
    sync: false,
    foreignOwner: undefined,
    chownRefused: false,
    chownCalls: [],
  });
  await rm(dir, { recursive: true, force: true });
});

describe("writeOutputFile on a failing disk", () => {
  it("keeps the existing file and removes the partial temporary file when a write fails", async () => {
    const target = path.join(dir, "report.sarif");
    await writeFile(target, "previous report\n");
    failures.midWrite = true;
    await expect(writeOutputFile(target, "x".repeat(1000))).rejects.toMatchObject({
      message: `cannot write ${target}: no space left on the device`,
    });
    expect(await readFile(target, "utf8")).toBe("previous report\n");
    expect(await readdir(dir)).toEqual(["report.sarif"]);
  });

  it("leaves no file at all when there was none and the flush fails", async () => {
    const target = path.join(dir, "report.sarif");
    failures.sync = true;
    await expect(writeOutputFile(target, "content")).rejects.toMatchObject({
      message: `cannot write ${target}: input/output error`,
    });
    expect(await readdir(dir)).toEqual([]);
  });
});

describe("writeOutputFile and the owner of the file it replaces", () => {
  it("gives the new file the old file's owner", async () => {
    const target = path.join(dir, "report.json");
    await writeFile(target, "old\n");
    failures.foreignOwner = { uid: 4321, gid: 8765 };
    await writeOutputFile(target, "new\n");
    expect(failures.chownCalls).toEqual([[4321, 8765]]);
    expect(await readFile(target, "utf8")).toBe("new\n");
  });

  it("does not change the owner of a file that is already ours", async () => {
    const target = path.join(dir, "report.json");
    await writeFile(target, "old\n");
    await writeOutputFile(target, "new\n");
    expect(failures.chownCalls).toEqual([]);
  });

  it("refuses to take over someone else's file when the owner cannot be kept", async () => {
    const target = path.join(dir, "report.json");
    await writeFile(target, "theirs\n");
    failures.foreignOwner = { uid: 4321, gid: 8765 };
    failures.chownRefused = true;
    await expect(writeOutputFile(target, "new\n")).rejects.toMatchObject({
      message:
        `cannot write ${target}: cannot keep its owner (uid 4321, gid 8765): ` +
        "only root can give a file to another user; write to a new file instead",
    });
    expect(await readFile(target, "utf8")).toBe("theirs\n");
    expect(await readdir(dir)).toEqual(["report.json"]);
  });
});
