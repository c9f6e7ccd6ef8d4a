/**
 * Benchmark of `trustscan collect` against a simulated organization of 200 member accounts (plus the
 * management account): every request takes a fixed latency and a share of them is throttled. It reports the
 * wall time against the ideal for the chosen concurrency:
 *
 *   ideal = requests × latency / (accounts in flight × calls per account)
 *
 * i.e. the time if every request slot were busy from start to end. `requests` counts every request the fake
 * answered, throttled ones included (a throttled request costs its latency too); backoff waits and the
 * sequential parts (organization walk, page after page, ListBuckets before the buckets) are what the actual
 * time pays on top. The collector also sends AssumeRole for the next accounts (up to one per account in flight)
 * and the organization walk (up to `calls per account`) outside the member accounts' slots; the ideal gives them
 * no slots of their own, which keeps it a strict bound. Usage: `npx tsx scripts/bench-collect.ts`.
 */
import { readdirSync, rmSync } from "node:fs";
import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { runCollect } from "../src/collect/run.js";
import { createFakeAws } from "../test/collect/support/fake-aws.js";

const LATENCY_MS = 50;
const THROTTLE_RATE = 0.02;
const MEMBERS = 200;
const TARGET_RATIO = 1.5;

interface BenchRun {
  concurrency: number;
  callsPerAccount: number;
}

const silent = { write: () => true, isTTY: false };

async function benchOnce({
  concurrency,
  callsPerAccount,
}: BenchRun): Promise<{ lines: string[]; ratio: number }> {
  const fake = createFakeAws(
    {
      members: MEMBERS,
      topLevelOus: 8,
      bucketsOf: (i) => 2 + ((i * 7) % 9),
      rolesPerAccount: 12,
      rolesPerPage: 5,
    },
    { latencyMs: LATENCY_MS, throttleRate: THROTTLE_RATE, seed: 7 },
  );
  const parent = await mkdtemp(join(tmpdir(), "trustscan-bench-"));
  const out = join(parent, "snapshot");
  try {
    const started = performance.now();
    const status = await runCollect(
      {
        out,
        organization: true,
        roleName: "OrganizationAccountAccessRole",
        concurrency,
        callsPerAccount,
        force: false,
        quiet: true,
      },
      // Backoff starts at one latency: the simulated throttling is random, not a real rate limit to wait out.
      {
        clients: fake.clients,
        retry: { rounds: 8, baseDelayMs: LATENCY_MS, maxDelayMs: 500 },
        stdout: silent,
        stderr: silent,
      },
    );
    const wallMs = performance.now() - started;
    const accountFiles = readdirSync(join(out, "accounts")).length;
    const slots = concurrency * callsPerAccount;
    const idealMs = (fake.counters.requests * LATENCY_MS) / slots;
    const ratio = wallMs / idealMs;
    return {
      ratio,
      lines: [
        `concurrency ${concurrency} accounts × ${callsPerAccount} calls per account = ${slots} requests in flight at most`,
        `  requests: ${fake.counters.requests} (${fake.counters.throttled} throttled and retried); exit status ${status}, ${accountFiles} account files`,
        `  observed: mean latency ${(fake.counters.busyMs / fake.counters.requests).toFixed(1)} ms, slot use ${((100 * fake.counters.busyMs) / (wallMs * slots)).toFixed(0)}%, peak ${fake.counters.peakInFlight} in flight`,
        `  ideal = ${fake.counters.requests} × ${LATENCY_MS} ms / ${slots} = ${(idealMs / 1000).toFixed(2)} s; ` +
          `actual ${(wallMs / 1000).toFixed(2)} s = ${ratio.toFixed(2)} × ideal (target ≤ ${TARGET_RATIO}×: ${ratio <= TARGET_RATIO ? "met" : "MISSED"})`,
      ],
    };
  } finally {
    rmSync(parent, { recursive: true, force: true });
  }
}

/** Runs the benchmark and returns its report lines. */
export async function benchCollect(): Promise<string[]> {
  const lines = [
    `collect benchmark: organization of ${MEMBERS} member accounts + management, 8 top-level OUs with 2 child OUs each,`,
    `  2-10 buckets and 12 roles (3 IAM pages) per account; simulated latency ${LATENCY_MS} ms per request, ${THROTTLE_RATE * 100}% throttled`,
    `  ideal = requests × latency / (accounts in flight × calls per account)`,
  ];
  // The chosen configuration first, then the defaults for comparison.
  for (const run of [
    { concurrency: 16, callsPerAccount: 4 },
    { concurrency: 8, callsPerAccount: 8 },
  ]) {
    lines.push(...(await benchOnce(run)).lines);
  }
  return lines;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  for (const line of await benchCollect()) console.log(line);
}
