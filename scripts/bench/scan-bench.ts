/**
 * The scan benchmark (`npm run bench`). For each size of synthetic organization (synthetic-org.ts): the whole
 * `trustscan scan` process for every report format in both zones, and a plain read + JSON.parse of the same files
 * (read-parse.mjs) as the baseline, each repeated and interleaved so that drift of a shared machine spreads over
 * all of them. Wall time, CPU time and peak RSS come from the OS (measure.ts). Medians with their spread go to a
 * JSON file and a printed table.
 *
 * Environment: TRUSTSCAN_BENCH_SIZES (policies, comma-separated; default 10000,100000), TRUSTSCAN_BENCH_1M=1 to
 * add 1,000,000 (run once per configuration: it takes long), TRUSTSCAN_BENCH_REPEATS (default 3),
 * TRUSTSCAN_BENCH_FORMATS (default text,json,sarif,markdown,rules,review,split; the last three add archive rules,
 * severity overrides and a baseline: review-runs.ts), TRUSTSCAN_BENCH_OUT (default
 * bench-results/scan.json); TRUSTSCAN_BENCH_FROM=<figures.json> prints the table of figures measured before.
 */
import { spawnSync } from "node:child_process";
import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { cpus, freemem, loadavg, tmpdir, totalmem } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { measureNode, spread, type Measurement, type Spread } from "./measure.js";
import { describeRun, outputSize, prepareReviewRuns, REVIEW_RUNS } from "./review-runs.js";
import { accountsFor, writeSyntheticOrg, type SyntheticOrgSummary } from "./synthetic-org.js";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const CLI = join(ROOT, "dist", "cli.js");
const BASELINE = fileURLToPath(new URL("./read-parse.mjs", import.meta.url));
const ZONES = ["organization", "account"] as const;
const MILLION = 1_000_000;

interface Config {
  format: string;
  zone: (typeof ZONES)[number];
}

interface RunSummary extends Config {
  exitCodes: (number | null)[];
  /** First line of standard error of a failed run (SARIF past GitHub's limits is refused, exit 2). */
  failure?: string;
  outputBytes: number;
  wallMs: Spread;
  cpuMs: Spread;
  maxRssMiB: Spread;
  /** Median scan wall time over median baseline wall time. */
  ratio: number;
  /** Median scan CPU time (user and system, every thread) over the baseline's. */
  cpuRatio: number;
  policiesPerSecond: number;
}

interface SizeSummary {
  policiesAsked: number;
  organization: SyntheticOrgSummary;
  repeats: number;
  baseline: { wallMs: Spread; cpuMs: Spread; maxRssMiB: Spread };
  runs: RunSummary[];
}

function numberList(value: string | undefined, fallback: number[]): number[] {
  if (!value) return fallback;
  return value.split(",").map((part) => {
    const n = Number(part.trim());
    if (!Number.isInteger(n) || n <= 0) throw new Error(`not a positive whole number: "${part}"`);
    return n;
  });
}

function summarise(runs: Measurement[]) {
  return {
    wallMs: spread(runs.map((r) => r.wallMs)),
    cpuMs: spread(runs.map((r) => r.cpuMs)),
    maxRssMiB: spread(runs.map((r) => r.maxRssMiB)),
  };
}

async function benchSize(policies: number, repeats: number, formats: string[]): Promise<SizeSummary> {
  const scratch = await mkdtemp(join(tmpdir(), "trustscan-bench-"));
  try {
    const dir = join(scratch, "snapshot");
    const organization = await writeSyntheticOrg(dir, accountsFor(policies));
    console.error(
      `bench: ${organization.accounts} accounts, ${organization.policies} policies, ` +
        `${(organization.bytes / 2 ** 20).toFixed(0)} MiB of snapshot files`,
    );
    const configs: Config[] = formats.flatMap((format) => ZONES.map((zone) => ({ format, zone })));
    const reviewArgs = formats.some((format) => (REVIEW_RUNS as readonly string[]).includes(format))
      ? await prepareReviewRuns(CLI, dir, scratch)
      : undefined;
    // One baseline run first, discarded: it brings the files into the page cache for everyone.
    await measureNode([BASELINE, dir], scratch);
    const baselineRuns: Measurement[] = [];
    const scanRuns = new Map<Config, Measurement[]>(configs.map((c) => [c, []]));
    const outputBytes = new Map<Config, number>();
    for (let repeat = 0; repeat < repeats; repeat += 1) {
      baselineRuns.push(await measureNode([BASELINE, dir], scratch));
      for (const config of configs) {
        const output = join(scratch, `report.${config.format}`);
        const formatArgs =
          reviewArgs && (REVIEW_RUNS as readonly string[]).includes(config.format)
            ? reviewArgs(config.format, output)
            : ["--format", config.format, "--output", output];
        const args = [CLI, "scan", dir, ...formatArgs, "--zone", config.zone, "--repo-root", scratch];
        const run = await measureNode([...args, "--fail-on", "none", "--allow-incomplete"], scratch);
        scanRuns.get(config)?.push(run);
        outputBytes.set(config, await outputSize(output));
        await rm(output, { force: true, recursive: true });
        console.error(
          `bench: ${policies} ${config.format}/${config.zone} #${repeat + 1}: ` +
            `${(run.wallMs / 1000).toFixed(2)} s, ${run.maxRssMiB.toFixed(0)} MiB, exit ${run.exitCode}`,
        );
      }
    }
    const baseline = summarise(baselineRuns);
    const runs = configs.map((config): RunSummary => {
      const measured = scanRuns.get(config) ?? [];
      const figures = summarise(measured);
      const failed = measured.find((run) => run.exitCode !== 0);
      return {
        ...config,
        exitCodes: measured.map((run) => run.exitCode),
        ...(failed ? { failure: failed.stderr } : {}),
        outputBytes: outputBytes.get(config) ?? 0,
        ...figures,
        ratio: figures.wallMs.median / baseline.wallMs.median,
        cpuRatio: figures.cpuMs.median / baseline.cpuMs.median,
        policiesPerSecond: organization.policies / (figures.wallMs.median / 1000),
      };
    });
    return { policiesAsked: policies, organization, repeats, baseline, runs };
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}

const seconds = (s: Spread) =>
  `${(s.median / 1000).toFixed(2)} s (${(s.min / 1000).toFixed(2)}–${(s.max / 1000).toFixed(2)})`;
const mebibytes = (s: Spread) => `${s.median.toFixed(0)} MiB (${s.min.toFixed(0)}–${s.max.toFixed(0)})`;

function table(sizes: SizeSummary[]): string[] {
  const rows: string[][] = [
    [
      "policies",
      "accounts",
      "run",
      "zone",
      "wall time, median (min–max)",
      "× baseline",
      "CPU time",
      "× baseline",
      "policies/s",
      "peak RSS",
    ],
  ];
  for (const size of sizes) {
    const { organization: org } = size;
    rows.push([
      String(org.policies),
      String(org.accounts),
      "read + JSON.parse",
      "",
      seconds(size.baseline.wallMs),
      "1.0",
      `${(size.baseline.cpuMs.median / 1000).toFixed(2)} s`,
      "1.0",
      String(Math.round(org.policies / (size.baseline.wallMs.median / 1000))),
      mebibytes(size.baseline.maxRssMiB),
    ]);
    for (const run of size.runs) {
      rows.push([
        String(org.policies),
        String(org.accounts),
        `${describeRun(run.format)}${run.failure ? ` (exit ${run.exitCodes.find((c) => c !== 0)})` : ""}`,
        run.zone,
        seconds(run.wallMs),
        run.ratio.toFixed(1),
        `${(run.cpuMs.median / 1000).toFixed(2)} s`,
        run.cpuRatio.toFixed(1),
        String(Math.round(run.policiesPerSecond)),
        mebibytes(run.maxRssMiB),
      ]);
    }
  }
  const widths =
    rows[0]?.map((_, column) => Math.max(...rows.map((row) => (row[column] ?? "").length))) ?? [];
  const line = (row: string[]) => `| ${row.map((cell, i) => cell.padEnd(widths[i] ?? 0)).join(" | ")} |`;
  const [head, ...body] = rows;
  return [line(head ?? []), `|${widths.map((w) => "-".repeat(w + 2)).join("|")}|`, ...body.map(line)];
}

/** Peak RSS at the largest size over that at the smallest, per run: flat memory stays near 1. */
function memoryGrowth(sizes: SizeSummary[]): string[] {
  const first = sizes[0];
  const last = sizes[sizes.length - 1];
  if (!first || !last || first === last) return [];
  return last.runs.map((run) => {
    const small = first.runs.find((r) => r.format === run.format && r.zone === run.zone);
    const growth = small ? run.maxRssMiB.median / small.maxRssMiB.median : Number.NaN;
    return `peak RSS ${last.organization.accounts} / ${first.organization.accounts} accounts, ${run.format} ${run.zone}: ×${growth.toFixed(2)}`;
  });
}

export async function benchScan(): Promise<string[]> {
  // The table again from figures already measured, without measuring.
  const from = process.env.TRUSTSCAN_BENCH_FROM;
  if (from) {
    const saved = JSON.parse(await readFile(from, "utf8")) as { machine: Machine; sizes: SizeSummary[] };
    for (const size of saved.sizes) {
      for (const run of size.runs) run.cpuRatio ??= run.cpuMs.median / size.baseline.cpuMs.median;
    }
    return [describeMachine(saved.machine, from), ...table(saved.sizes), ...memoryGrowth(saved.sizes)];
  }
  const sizes = numberList(process.env.TRUSTSCAN_BENCH_SIZES, [10_000, 100_000]);
  if (process.env.TRUSTSCAN_BENCH_1M === "1" && !sizes.includes(MILLION)) sizes.push(MILLION);
  const repeats = numberList(process.env.TRUSTSCAN_BENCH_REPEATS, [3])[0] ?? 3;
  const formats = (
    process.env.TRUSTSCAN_BENCH_FORMATS ?? "text,json,sarif,markdown,rules,review,split"
  ).split(",");
  const out = process.env.TRUSTSCAN_BENCH_OUT ?? join(ROOT, "bench-results", "scan.json");
  const build = spawnSync(process.execPath, [join(ROOT, "scripts", "build.mjs")], {
    cwd: ROOT,
    stdio: "inherit",
  });
  if (build.status !== 0) throw new Error("npm run build failed");

  const results: SizeSummary[] = [];
  for (const policies of sizes) {
    results.push(await benchSize(policies, policies >= MILLION ? 1 : repeats, formats));
  }
  const machine = {
    cpus: cpus().length,
    cpuModel: cpus()[0]?.model ?? "unknown",
    totalMemoryMiB: Math.round(totalmem() / 2 ** 20),
    freeMemoryMiB: Math.round(freemem() / 2 ** 20),
    node: process.version,
    platform: `${process.platform} ${process.arch}`,
    // Other work on the machine slows the scan and the baseline alike: worth knowing beside the figures.
    loadAverage: loadavg(),
  };
  await mkdir(dirname(out), { recursive: true });
  await writeFile(
    out,
    `${JSON.stringify({ date: new Date().toISOString(), machine, sizes: results }, null, 2)}\n`,
  );
  return [describeMachine(machine, out), ...table(results), ...memoryGrowth(results)];
}

interface Machine {
  cpus: number;
  cpuModel: string;
  node: string;
  loadAverage?: number[];
}

function describeMachine(machine: Machine, file: string): string {
  const load = machine.loadAverage
    ? `, load average ${machine.loadAverage.map((n) => n.toFixed(1)).join(" ")}`
    : "";
  return `scan: ${machine.cpus} cores (${machine.cpuModel}), Node ${machine.node}${load}; figures in ${file}`;
}

if (process.argv[1] && import.meta.url === `file://${process.argv[1]}`) {
  for (const line of await benchScan()) console.log(line);
}
