import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { removeStaleStaging, stagingPath } from "../../src/collect/atomic-dir.js";
import { listFiles, tempParent } from "./support/files.js";

const SUPPORT = join(dirname(fileURLToPath(import.meta.url)), "support");
// Fake credentials and no instance metadata: nothing in a child may reach for real AWS.
const CHILD_ENV = {
  ...process.env,
  AWS_ACCESS_KEY_ID: "AKIDFAKEFAKEFAKE",
  AWS_SECRET_ACCESS_KEY: "fake",
  AWS_REGION: "us-east-1",
  AWS_EC2_METADATA_DISABLED: "true",
  AWS_PROFILE: "",
};

function startChild(script: string, args: string[]): ChildProcess {
  return spawn(process.execPath, ["--import", "tsx", join(SUPPORT, script), ...args], {
    env: CHILD_ENV,
    stdio: "ignore",
  });
}

async function waitFor(condition: () => boolean, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error("timed out waiting");
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

function exited(child: ChildProcess): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
  return new Promise((resolve) => child.once("exit", (code, signal) => resolve({ code, signal })));
}

/** Starts a slow collection and kills it once some account files are in its staging directory. */
async function killMidway(signal: NodeJS.Signals) {
  const parent = tempParent();
  const out = join(parent, "snap");
  const child = startChild("slow-collect-child.ts", [out]);
  const done = exited(child);
  const staging = stagingPath(out, "tmp", child.pid);
  await waitFor(
    () => existsSync(join(staging, "accounts")) && readdirSync(join(staging, "accounts")).length >= 2,
  );
  child.kill(signal);
  return { parent, out, staging, exit: await done };
}

describe("an interrupted collection", () => {
  it("killed with SIGKILL leaves no snapshot at --out, only its staging directory, which the next run removes", async () => {
    const { parent, out, staging, exit } = await killMidway("SIGKILL");
    expect(exit.signal).toBe("SIGKILL");
    expect(existsSync(out)).toBe(false);
    expect(readdirSync(parent)).toEqual([staging.slice(parent.length + 1)]);
    expect(existsSync(join(staging, "snapshot.json"))).toBe(false);

    expect(await removeStaleStaging(out)).toEqual([staging]);
    expect(readdirSync(parent)).toEqual([]);
  });

  it("stopped with SIGTERM or SIGINT removes its staging directory and leaves nothing at all", async () => {
    for (const signal of ["SIGTERM", "SIGINT"] as const) {
      const { parent, out, exit } = await killMidway(signal);
      expect(exit.signal).toBe(signal);
      expect(existsSync(out)).toBe(false);
      expect(readdirSync(parent)).toEqual([]);
    }
  });
});

describe("exit status of the command line", () => {
  it("is 2 for a usage error and for an existing --out, without touching AWS", () => {
    const bad = spawnSync(
      process.execPath,
      ["--import", "tsx", join(SUPPORT, "cli-child.ts"), "--out", "x", "--accounts", "12"],
      {
        env: CHILD_ENV,
        encoding: "utf8",
      },
    );
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain("12-digit account ids");

    const out = join(tempParent(), "existing");
    mkdirSync(out);
    const exists = spawnSync(
      process.execPath,
      ["--import", "tsx", join(SUPPORT, "cli-child.ts"), "--out", out],
      {
        env: CHILD_ENV,
        encoding: "utf8",
      },
    );
    expect(exists.status).toBe(2);
    expect(exists.stderr).toContain("already exists; pass --force");
  });

  const collectChild = (args: string[]) =>
    spawnSync(process.execPath, ["--import", "tsx", join(SUPPORT, "cli-child.ts"), ...args], {
      env: CHILD_ENV,
      encoding: "utf8",
    });

  it("is 2 for --force on a directory that is not a snapshot, which keeps every file (.git too)", () => {
    const checkout = join(tempParent(), "checkout");
    mkdirSync(join(checkout, ".git", "objects"), { recursive: true });
    writeFileSync(join(checkout, ".git", "HEAD"), "ref: refs/heads/main\n");
    writeFileSync(join(checkout, "README.md"), "mine");
    const before = listFiles(checkout);
    const run = collectChild(["--organization", "--force", "--out", checkout]);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain("refusing to replace");
    expect(run.stderr).toContain("(found .git/, README.md)");
    expect(listFiles(checkout)).toEqual(before);
    expect(readFileSync(join(checkout, "README.md"), "utf8")).toBe("mine");
    expect(readdirSync(join(checkout, ".."))).toEqual(["checkout"]);
  });

  it("is 2, with a message and no stack trace, for an --out under a regular file", () => {
    const parent = tempParent();
    writeFileSync(join(parent, "file"), "data");
    const run = collectChild(["--out", join(parent, "file", "snap")]);
    expect(run.status).toBe(2);
    expect(run.stderr).toBe(
      `trustscan collect: cannot create --out ${join(parent, "file", "snap")}: ${join(parent, "file")} is not a directory\n`,
    );
  });
});
