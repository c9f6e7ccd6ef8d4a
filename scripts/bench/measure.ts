/**
 * Runs one command as its own Node process and measures it as the OS sees it: wall time from spawn to exit, and
 * (through usage-hook.mjs, preloaded with --import) the process's peak resident set size and CPU time from
 * getrusage. Nothing is sampled, so a synchronous scan cannot hide its peak.
 */
import { spawn } from "node:child_process";
import { readFile, rm } from "node:fs/promises";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { fileURLToPath } from "node:url";

const HOOK = fileURLToPath(new URL("./usage-hook.mjs", import.meta.url));

export interface Measurement {
  wallMs: number;
  cpuMs: number;
  maxRssMiB: number;
  exitCode: number | null;
  /** The first line of standard error, for a run that failed. */
  stderr: string;
}

/** `node --import usage-hook.mjs <args>`, standard output discarded. */
export async function measureNode(args: string[], scratch: string): Promise<Measurement> {
  const usageFile = join(scratch, `usage-${process.pid}-${Date.now()}.json`);
  const start = performance.now();
  const { code, stderr } = await new Promise<{ code: number | null; stderr: string }>((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", HOOK, ...args], {
      env: { ...process.env, TRUSTSCAN_BENCH_USAGE: usageFile },
      stdio: ["ignore", "ignore", "pipe"],
    });
    let errors = "";
    child.stderr.setEncoding("utf8");
    child.stderr.on("data", (chunk: string) => {
      if (errors.length < 4096) errors += chunk;
    });
    child.on("error", reject);
    child.on("exit", (exitCode) => resolve({ code: exitCode, stderr: errors }));
  });
  const wallMs = performance.now() - start;
  const usage = JSON.parse(await readFile(usageFile, "utf8")) as {
    maxRssKiB: number;
    userMs: number;
    systemMs: number;
  };
  await rm(usageFile, { force: true });
  return {
    wallMs,
    cpuMs: usage.userMs + usage.systemMs,
    maxRssMiB: usage.maxRssKiB / 1024,
    exitCode: code,
    stderr: stderr.split("\n")[0] ?? "",
  };
}

export interface Spread {
  median: number;
  min: number;
  max: number;
}

export function spread(values: number[]): Spread {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  const median =
    sorted.length % 2 === 1
      ? (sorted[middle] as number)
      : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
  return { median, min: sorted[0] ?? 0, max: sorted[sorted.length - 1] ?? 0 };
}
