import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, beforeEach, describe, expect, it } from "vitest";

const CHILD = fileURLToPath(new URL("./support/staged-output-child.ts", import.meta.url));

let dir: string;

beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "trustscan-write-interrupt-"));
});

afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** Starts a child that has staged a new version of `target`; resolves once its temporary file is written. */
function stageInChild(target: string, count?: number) {
  const child = spawn(
    process.execPath,
    ["--import", "tsx", CHILD, target, ...(count === undefined ? [] : [String(count)])],
    { stdio: ["ignore", "pipe", "pipe"] },
  );
  let stderr = "";
  child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString("utf8")));
  const exit = new Promise<NodeJS.Signals | null>((resolve) =>
    child.once("exit", (_code, signal) => resolve(signal)),
  );
  const temporary = new Promise<string>((resolve, reject) => {
    let out = "";
    child.stdout.on("data", (chunk: Buffer) => {
      out += chunk.toString("utf8");
      if (out.endsWith("\n")) resolve(out.trim());
    });
    child.once("exit", () => reject(new Error(`the child exited before staging: ${out}`)));
  });
  return { child, exit, temporary, stderr: () => stderr };
}

describe("an --output write interrupted before its rename", () => {
  it.each(["SIGTERM", "SIGINT"] as const)(
    "removes its temporary file on %s and leaves the target as it was",
    async (signal) => {
      const target = path.join(dir, "report.sarif");
      await writeFile(target, "previous report\n");
      const { child, exit, temporary } = stageInChild(target);
      const temporaryPath = await temporary;
      expect(path.dirname(temporaryPath)).toBe(dir);
      expect(existsSync(temporaryPath)).toBe(true);

      child.kill(signal);
      expect(await exit).toBe(signal);
      expect(await readdir(dir)).toEqual(["report.sarif"]);
      expect(await readFile(target, "utf8")).toBe("previous report\n");
    },
  );
});

describe("many files staged at once (one per account of a split report)", () => {
  it("removes every one on SIGTERM, through one handler per signal", async () => {
    await writeFile(path.join(dir, "report.sarif.1"), "previous report\n");
    const { child, exit, temporary, stderr } = stageInChild(path.join(dir, "report.sarif"), 40);
    const temporaryPaths = (await temporary).split(" ");
    expect(temporaryPaths).toHaveLength(40);
    expect(temporaryPaths.every((file) => existsSync(file))).toBe(true);

    child.kill("SIGTERM");
    expect(await exit).toBe("SIGTERM");
    expect(await readdir(dir)).toEqual(["report.sarif.1"]);
    expect(await readFile(path.join(dir, "report.sarif.1"), "utf8")).toBe("previous report\n");
    // 40 files with a listener each per signal would pass Node's limit of 10 and warn of a leak.
    expect(stderr()).toBe("");
  });
});
