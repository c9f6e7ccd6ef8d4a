/**
 * The streaming scan (account by account, findings spooled to disk, reports written in pieces) against the
 * committed expected files, and against the in-memory scan and renderers on inputs with many accounts.
 */
import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { writeSyntheticOrg } from "../../scripts/bench/synthetic-org.js";
import { scanSnapshot } from "../../src/engine/scan.js";
import { scanSnapshotPaths } from "../../src/engine/scan-stream.js";
import { defaultWorkerCount, WORKERS_VARIABLE, workerCount } from "../../src/engine/scan-workers.js";
import type { Finding } from "../../src/findings/finding.js";
import type { ScanOverview } from "../../src/findings/scan-result.js";
import {
  FindingSpool,
  renderReport,
  reportContent,
  writeOutputFile,
  type ReportFormat,
  type ReportOptions,
} from "../../src/report/index.js";
import { readSnapshots } from "../../src/snapshot/index.js";

const EXPECTED_DIR = "test/expected/example-org";
const EXAMPLE = "snapshots/example-org";
const FORMATS: ReportFormat[] = ["text", "json", "sarif", "markdown"];
type Zone = "organization" | "account";

let scratch: string;
beforeAll(async () => {
  scratch = await mkdtemp(join(tmpdir(), "trustscan-stream-"));
});
afterAll(() => rm(scratch, { recursive: true, force: true }));

interface Streamed {
  overview: ScanOverview;
  /** Accounts handed over already written as JSON, by worker threads. */
  fromWorkers: number;
  /** Account ids of the findings handed over, call by call. */
  calls: string[][];
  report: (format: ReportFormat, options: ReportOptions) => Promise<string>;
  dispose: () => Promise<void>;
}

async function streamScan(paths: string[], zone: Zone, workers = 0): Promise<Streamed> {
  const spool = await FindingSpool.create(scratch);
  const calls: string[][] = [];
  let fromWorkers = 0;
  const accountsOf = (findings: readonly Finding[]) => [
    ...new Set(findings.map((finding) => finding.resource.accountId)),
  ];
  const overview = await scanSnapshotPaths(paths, {
    zone,
    workers,
    sink: {
      append: async (findings) => {
        calls.push(accountsOf(findings));
        await spool.append(findings);
      },
      appendJson: async (json) => {
        fromWorkers += 1;
        calls.push(accountsOf(JSON.parse(json) as Finding[]));
        await spool.appendJson(json);
      },
    },
  });
  let n = 0;
  return {
    overview,
    fromWorkers,
    calls,
    report: async (format, options) => {
      const file = join(scratch, `report-${(n += 1)}.${format}`);
      await writeOutputFile(
        file,
        reportContent(format, overview, () => spool.accounts(), options),
      );
      return readFile(file, "utf8");
    },
    dispose: () => spool.dispose(),
  };
}

describe("streaming scan of the example organization", () => {
  const expected: { file: string; format: ReportFormat; zone: Zone }[] = [
    { file: "organization.txt", format: "text", zone: "organization" },
    { file: "account.txt", format: "text", zone: "account" },
    { file: "organization.sarif", format: "sarif", zone: "organization" },
    { file: "account.json", format: "json", zone: "account" },
    { file: "organization.md", format: "markdown", zone: "organization" },
  ];

  it.each(expected)("writes $file as committed, one account at a time", async ({ file, format, zone }) => {
    const streamed = await streamScan([EXAMPLE], zone);
    try {
      // Every account with findings is handed over on its own, in order.
      expect(streamed.calls.every((ids) => ids.length === 1)).toBe(true);
      expect(streamed.calls.length).toBeGreaterThan(1);
      expect(streamed.calls.flat()).toEqual([...streamed.calls.flat()].sort());
      const report = await streamed.report(format, { cwd: process.cwd(), repoRoot: process.cwd() });
      expect(report).toBe(await readFile(join(EXPECTED_DIR, file), "utf8"));
    } finally {
      await streamed.dispose();
    }
  });
});

describe("streaming scan equals the in-memory scan", () => {
  let org: string;
  beforeAll(async () => {
    org = join(scratch, "org");
    await writeSyntheticOrg(org, 6, { rolesPerAccount: 80, bucketsPerAccount: 15 });
  });

  const inputs = () => [
    { name: "a synthetic organization of 6 accounts", paths: [org] },
    {
      name: "a snapshot directory and a dump of another account",
      paths: [EXAMPLE, "test/fixtures/snapshot/aws-cli-get-account-authorization-details.json"],
    },
  ];

  for (const [zone, workers] of [
    ["organization", 0],
    ["account", 0],
    ["organization", 2],
    ["account", 2],
  ] as const) {
    it(`gives every report byte for byte (${zone} zone, ${workers} worker threads)`, async () => {
      for (const { name, paths } of inputs()) {
        const inMemory = { ...scanSnapshot(await readSnapshots(paths), { zone }), sources: paths };
        const streamed = await streamScan(paths, zone, workers);
        try {
          const options: ReportOptions = { cwd: process.cwd(), repoRoot: "/", color: true };
          for (const format of FORMATS) {
            expect(await streamed.report(format, options), `${name}, ${format}`).toBe(
              renderReport(format, inMemory, options),
            );
          }
          // A Markdown summary cut short, from rows of several severities and accounts.
          const short: ReportOptions = { ...options, markdownMaxBytes: 3_000 };
          const markdown = await streamed.report("markdown", short);
          expect(markdown).toBe(renderReport("markdown", inMemory, short));
          expect(markdown).toMatch(/… and \d+ more findings, left out/);
          // GitHub's SARIF limits refuse the same report with the same message (the gzipped size counted as written).
          for (const sarifLimits of [{ maxResults: 3 }, { maxGzipBytes: 2_000 }]) {
            const limited = { ...options, sarifLimits };
            const refusal = (() => {
              try {
                renderReport("sarif", inMemory, limited);
              } catch (error) {
                return (error as Error).message;
              }
              return "not refused";
            })();
            await expect(streamed.report("sarif", limited)).rejects.toThrow(refusal);
            expect(refusal).toMatch(/no SARIF file was written/);
            // Nothing left behind but the spool: the refused report's staged file is gone.
            const left = (await readdir(scratch)).filter((name) => name.startsWith(".trustscan-"));
            expect(left.filter((name) => !name.startsWith(".trustscan-findings-"))).toEqual([]);
          }
          expect(streamed.overview.accountsScanned).toBe(inMemory.accountsScanned);
          expect(streamed.fromWorkers > 0).toBe(workers > 0);
        } finally {
          await streamed.dispose();
        }
      }
    });
  }
});

describe("worker threads of the streaming scan", () => {
  afterEach(() => vi.unstubAllEnvs());

  it("uses as many as asked for, never more than there are accounts, and none for one", () => {
    expect(workerCount(100, 3)).toBe(3);
    expect(workerCount(2, 3)).toBe(2);
    expect(workerCount(100, 1)).toBe(0);
    expect(workerCount(100, 0)).toBe(0);
    vi.stubEnv(WORKERS_VARIABLE, "2");
    expect(workerCount(100)).toBe(2);
    // Too few accounts to be worth starting threads, unless asked for explicitly.
    expect(workerCount(3)).toBe(0);
    vi.stubEnv(WORKERS_VARIABLE, "two");
    expect(() => workerCount(100)).toThrow(
      'TRUSTSCAN_WORKERS must be a whole number of worker threads, got "two"',
    );
  });

  it("by default leaves one free core to the main thread and the collector, and uses none on a busy machine", () => {
    expect(defaultWorkerCount(2, 0)).toBe(1);
    expect(defaultWorkerCount(4, 0)).toBe(3);
    expect(defaultWorkerCount(4, 1)).toBe(2);
    expect(defaultWorkerCount(4, 3.6)).toBe(0);
    expect(defaultWorkerCount(16, 0)).toBe(4);
    expect(defaultWorkerCount(2, 5)).toBe(0);
  });
});
