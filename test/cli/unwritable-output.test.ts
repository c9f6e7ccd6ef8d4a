/**
 * Standard output or the temporary directory that cannot be written: a message naming it and exit 2, never a
 * stack trace. The built CLI runs in a child process (`npm ci` builds dist/cli.js), writing to /dev/full, whose
 * every write fails with ENOSPC.
 */
import { spawnSync } from "node:child_process";
import { existsSync, openSync, closeSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { runCli } from "../../src/cli/program.js";
import { OutputError } from "../../src/report/errors.js";

const CLI = "dist/cli.js";
const EXAMPLE = "snapshots/example-org";

function runBuilt(args: string[], stdoutFd: number | "pipe", env: NodeJS.ProcessEnv = {}) {
  return spawnSync(process.execPath, [CLI, ...args], {
    encoding: "utf8",
    stdio: ["ignore", stdoutFd, "pipe"],
    env: { ...process.env, ...env },
    timeout: 60_000,
  });
}

describe.runIf(existsSync("/dev/full") && existsSync(CLI))("standard output that cannot be written", () => {
  it.each([["scan", EXAMPLE], ["scan", EXAMPLE, "-f", "json", "--baseline", "absent.sarif"], ["rules"]])(
    "trustscan %s … > /dev/full: exit 2 and a message",
    (...args) => {
      const full = openSync("/dev/full", "w");
      try {
        const run = runBuilt(args, full);
        expect(run.stderr).toContain(
          "trustscan: cannot write to standard output: no space left on the device",
        );
        expect(run.stderr).not.toContain("    at ");
        expect(run.status).toBe(2);
      } finally {
        closeSync(full);
      }
    },
  );
});

describe.runIf(existsSync(CLI))("a temporary directory that cannot be written", () => {
  it("names it and says how to choose another, exit 2, no report", () => {
    const run = runBuilt(["scan", EXAMPLE], "pipe", { TMPDIR: "/nonexistent/trustscan-tmp" });
    expect(run.stderr).toContain(
      "cannot write a temporary file in /nonexistent/trustscan-tmp: its directory does not exist; set TMPDIR to a writable directory",
    );
    expect(run.stderr).not.toContain("internal error");
    expect(run.stdout).toBe("");
    expect(run.status).toBe(2);
  });
});

describe("a standard output that rejects, in-process", () => {
  it("is reported by the command that wrote, exit 2", async () => {
    let stderr = "";
    const code = await runCli(["rules"], {
      stdout: () =>
        Promise.reject(new OutputError("cannot write to standard output: the reader closed the pipe")),
      stderr: (text) => {
        stderr += text;
      },
      cwd: process.cwd(),
      isTty: false,
    });
    expect(code).toBe(2);
    expect(stderr).toBe("trustscan: cannot write to standard output: the reader closed the pipe\n");
  });
});
