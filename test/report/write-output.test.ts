import { mkdtemp, mkdir, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { writeOutputAtomically } from "../../src/report/write-output.js";

let dir: string;

beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "trustscan-write-"));
});

afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe("writeOutputAtomically", () => {
  it("writes the content and leaves no temporary file", async () => {
    const target = path.join(dir, "report.sarif");
    await writeOutputAtomically(target, "{}\n");
    expect(await readFile(target, "utf8")).toBe("{}\n");
    expect(await readdir(dir)).toEqual(["report.sarif"]);
  });

  it("replaces an existing file as a whole", async () => {
    const target = path.join(dir, "report.json");
    await writeFile(target, "old content that is longer than the new one\n");
    await writeOutputAtomically(target, "new\n");
    expect(await readFile(target, "utf8")).toBe("new\n");
    expect(await readdir(dir)).toEqual(["report.json"]);
  });

  it("writes through a relative path", async () => {
    const previous = process.cwd();
    process.chdir(dir);
    try {
      await writeOutputAtomically("relative.txt", "x");
    } finally {
      process.chdir(previous);
    }
    expect(await readFile(path.join(dir, "relative.txt"), "utf8")).toBe("x");
  });

  it("removes its temporary file when the rename fails, and leaves the target as it was", async () => {
    // A non-empty directory cannot be replaced by a file: the rename fails after the content was written.
    const target = path.join(dir, "occupied");
    await mkdir(target);
    await writeFile(path.join(target, "keep.txt"), "kept");
    await expect(writeOutputAtomically(target, "content")).rejects.toThrow();
    expect(await readdir(dir)).toEqual(["occupied"]);
    expect(await readFile(path.join(target, "keep.txt"), "utf8")).toBe("kept");
  });

  it("fails without creating anything when the directory does not exist", async () => {
    const target = path.join(dir, "missing", "report.sarif");
    await expect(writeOutputAtomically(target, "content")).rejects.toMatchObject({ code: "ENOENT" });
    expect(await readdir(dir)).toEqual([]);
  });
});
