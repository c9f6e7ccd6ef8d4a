// Disk errors in the middle of a write, simulated by wrapping node:fs/promises: the target must keep its
// old content and no partial or temporary file may stay behind.
import { mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import type * as FsPromises from "node:fs/promises";
import type { FileHandle } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { writeOutputAtomically } from "../../src/report/write-output.js";

const failures = vi.hoisted(() => ({ midWrite: false, sync: false }));

vi.mock("node:fs/promises", async (importOriginal) => {
  const actual = await importOriginal<typeof FsPromises>();
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
        const value: unknown = Reflect.get(target, property, receiver);
        return typeof value === "function" ? (value as (...a: unknown[]) => unknown).bind(target) : value;
      },
    });
  };
  return { ...actual, open };
});

let dir: string;

beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "trustscan-write-failure-"));
});

afterEach(async () => {
  failures.midWrite = false;
  failures.sync = false;
  await rm(dir, { recursive: true, force: true });
});

describe("writeOutputAtomically on a failing disk", () => {
  it("keeps the existing file and removes the partial temporary file when a write fails", async () => {
    const target = path.join(dir, "report.sarif");
    await writeFile(target, "previous report\n");
    failures.midWrite = true;
    await expect(writeOutputAtomically(target, "x".repeat(1000))).rejects.toMatchObject({ code: "ENOSPC" });
    expect(await readFile(target, "utf8")).toBe("previous report\n");
    expect(await readdir(dir)).toEqual(["report.sarif"]);
  });

  it("leaves no file at all when there was none and the flush fails", async () => {
    failures.sync = true;
    await expect(writeOutputAtomically(path.join(dir, "report.sarif"), "content")).rejects.toMatchObject({
      code: "EIO",
    });
    expect(await readdir(dir)).toEqual([]);
  });
});
