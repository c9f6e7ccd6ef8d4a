import { spawnSync } from "node:child_process";
import { createReadStream } from "node:fs";
import {
  chmod,
  link,
  lstat,
  mkdir,
  mkdtemp,
  readdir,
  readFile,
  readlink,
  rm,
  stat,
  symlink,
  writeFile,
} from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { OutputError } from "../../src/report/errors.js";
import { writeOutputFile } from "../../src/report/write-output.js";

let dir: string;

beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "trustscan-write-"));
});

afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function outputErrorOf(promise: Promise<unknown>): Promise<OutputError> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(OutputError);
  return error as OutputError;
}

/** A character device of our own when we may make one (root), else the system's: never a system file at risk. */
function characterDevice(name: string, minor: number, systemPath: string): string {
  const own = path.join(dir, name);
  const made = spawnSync("mknod", [own, "c", "1", String(minor)]);
  return made.status === 0 ? own : systemPath;
}

describe("writeOutputFile: regular files", () => {
  it("writes the content and leaves no temporary file", async () => {
    const target = path.join(dir, "report.sarif");
    await writeOutputFile(target, "{}\n");
    expect(await readFile(target, "utf8")).toBe("{}\n");
    expect(await readdir(dir)).toEqual(["report.sarif"]);
  });

  it("replaces an existing file as a whole", async () => {
    const target = path.join(dir, "report.json");
    await writeFile(target, "old content that is longer than the new one\n");
    await writeOutputFile(target, "new\n");
    expect(await readFile(target, "utf8")).toBe("new\n");
    expect(await readdir(dir)).toEqual(["report.json"]);
  });

  it("writes through a relative path", async () => {
    const previous = process.cwd();
    process.chdir(dir);
    try {
      await writeOutputFile("relative.txt", "x");
    } finally {
      process.chdir(previous);
    }
    expect(await readFile(path.join(dir, "relative.txt"), "utf8")).toBe("x");
  });

  it("keeps the mode of the file it replaces", async () => {
    for (const mode of [0o600, 0o640, 0o755]) {
      const target = path.join(dir, `report-${mode.toString(8)}`);
      await writeFile(target, "old\n");
      await chmod(target, mode);
      await writeOutputFile(target, "new\n");
      expect((await stat(target)).mode & 0o7777).toBe(mode);
      expect(await readFile(target, "utf8")).toBe("new\n");
    }
  });

  it("writes a file whose name has 254 characters (the temporary name does not grow with it)", async () => {
    const target = path.join(dir, `${"a".repeat(250)}.txt`);
    await writeOutputFile(target, "x\n");
    expect(await readFile(target, "utf8")).toBe("x\n");
    expect(await readdir(dir)).toEqual([path.basename(target)]);
  });

  it("refuses a file with several hard links, changing neither name", async () => {
    const target = path.join(dir, "report.txt");
    const other = path.join(dir, "other-name.txt");
    await writeFile(target, "old\n");
    await link(target, other);
    const error = await outputErrorOf(writeOutputFile(target, "new\n"));
    expect(error.message).toContain(`cannot write ${target}: it has 2 hard links`);
    expect(await readFile(target, "utf8")).toBe("old\n");
    expect(await readFile(other, "utf8")).toBe("old\n");
    expect((await stat(target)).ino).toBe((await stat(other)).ino);
    expect((await readdir(dir)).sort()).toEqual(["other-name.txt", "report.txt"]);
  });
});

describe("writeOutputFile: symbolic links", () => {
  it("replaces the file a link points to and keeps the link", async () => {
    await mkdir(path.join(dir, "reports"));
    const real = path.join(dir, "reports", "latest.sarif");
    await writeFile(real, "old\n");
    await chmod(real, 0o600);
    const linkPath = path.join(dir, "current.sarif");
    await symlink("reports/latest.sarif", linkPath);
    await writeOutputFile(linkPath, "new\n");
    expect((await lstat(linkPath)).isSymbolicLink()).toBe(true);
    expect(await readlink(linkPath)).toBe("reports/latest.sarif");
    expect(await readFile(real, "utf8")).toBe("new\n");
    expect((await stat(real)).mode & 0o777).toBe(0o600);
    expect(await readdir(path.join(dir, "reports"))).toEqual(["latest.sarif"]);
  });

  it("follows a chain of links", async () => {
    const real = path.join(dir, "real.txt");
    await writeFile(real, "old\n");
    await symlink(real, path.join(dir, "one"));
    await symlink("one", path.join(dir, "two"));
    await writeOutputFile(path.join(dir, "two"), "new\n");
    expect(await readFile(real, "utf8")).toBe("new\n");
    expect(await readlink(path.join(dir, "two"))).toBe("one");
    expect((await readdir(dir)).sort()).toEqual(["one", "real.txt", "two"]);
  });

  it("creates the file a dangling link points to, keeping the link", async () => {
    await mkdir(path.join(dir, "out"));
    const linkPath = path.join(dir, "report.json");
    await symlink("out/report.json", linkPath);
    await writeOutputFile(linkPath, "new\n");
    expect(await readlink(linkPath)).toBe("out/report.json");
    expect(await readFile(path.join(dir, "out", "report.json"), "utf8")).toBe("new\n");
    expect(await readdir(path.join(dir, "out"))).toEqual(["report.json"]);
  });
});

describe("writeOutputFile: FIFOs and devices are written through, never replaced", () => {
  it("writes into a FIFO that a reader holds open", async () => {
    const fifo = path.join(dir, "pipe");
    expect(spawnSync("mkfifo", [fifo]).status).toBe(0);
    const received = new Promise<string>((resolve, reject) => {
      let text = "";
      createReadStream(fifo, "utf8")
        .on("data", (chunk) => (text += String(chunk)))
        .on("end", () => resolve(text))
        .on("error", reject);
    });
    const content = "line\n".repeat(50_000);
    await writeOutputFile(fifo, content);
    expect(await received).toBe(content);
    expect((await lstat(fifo)).isFIFO()).toBe(true);
    expect(await readdir(dir)).toEqual(["pipe"]);
  });

  it("writes into a character device and leaves it a device", async () => {
    const device = characterDevice("null", 3, "/dev/null");
    await writeOutputFile(device, "discarded\n");
    expect((await lstat(device)).isCharacterDevice()).toBe(true);
  });

  it("reports a full device by the name given, and leaves it a device", async () => {
    const device = characterDevice("full", 7, "/dev/full");
    const error = await outputErrorOf(writeOutputFile(device, "x"));
    expect(error.message).toBe(`cannot write ${device}: no space left on the device`);
    expect((await lstat(device)).isCharacterDevice()).toBe(true);
  });
});

describe("writeOutputFile: failures name the target and leave everything as it was", () => {
  it("refuses a directory", async () => {
    const target = path.join(dir, "occupied");
    await mkdir(target);
    await writeFile(path.join(target, "keep.txt"), "kept");
    const error = await outputErrorOf(writeOutputFile(target, "content"));
    expect(error.message).toBe(`cannot write ${target}: it is a directory`);
    expect(await readdir(dir)).toEqual(["occupied"]);
    expect(await readFile(path.join(target, "keep.txt"), "utf8")).toBe("kept");
  });

  it("fails without creating anything when the directory does not exist", async () => {
    const target = path.join(dir, "missing", "report.sarif");
    const error = await outputErrorOf(writeOutputFile(target, "content"));
    expect(error.message).toBe(`cannot write ${target}: its directory does not exist`);
    expect(await readdir(dir)).toEqual([]);
  });

  it("fails when a part of the path is a file", async () => {
    await writeFile(path.join(dir, "file"), "x");
    const target = path.join(dir, "file", "report.sarif");
    const error = await outputErrorOf(writeOutputFile(target, "content"));
    expect(error.message).toBe(`cannot write ${target}: a part of the path is not a directory`);
  });
});
