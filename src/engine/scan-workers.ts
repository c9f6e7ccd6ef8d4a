/**
 * A pool of worker threads for the streaming scan: account files are scanned in parallel and their outcomes
 * taken in order. Used only where it helps (more than one core, enough accounts) and where accounts are
 * independent: no dump beside them, no bucket name in two accounts (whose findings share fingerprints).
 */
import { availableParallelism, loadavg } from "node:os";
import { Worker } from "node:worker_threads";
import type { ZoneKind } from "../findings/scan-result.js";
import type { AccountFileOutcome, AccountFileUnit } from "./account-file-scan.js";
import type { CrossAccountCandidates, IndexedAccount } from "./cross-account-index.js";

/** Overrides the number of worker threads (0 or 1: none). */
export const WORKERS_VARIABLE = "TRUSTSCAN_WORKERS";
/** Fewer account files than this are scanned on the main thread: starting workers would cost more. */
const MIN_ACCOUNTS_FOR_WORKERS = 8;
const MAX_WORKERS = 4;
/** Tasks given to each worker ahead: one being scanned, one being read. */
const TASKS_PER_WORKER = 2;

export interface ScanWorkerSetup {
  accounts: IndexedAccount[];
  candidates: CrossAccountCandidates;
  /** The snapshot directory whose organization.json the scan uses, if any. */
  organizationDirectory: string | undefined;
  zone: ZoneKind | undefined;
  trustedAccounts: string[];
  budgetLimit: number;
}

export interface ScanWorkerTask {
  sequence: number;
  position: number;
}

export type WorkerOutcome = Omit<AccountFileOutcome, "findings"> & { findingsJson: string };

export type ScanWorkerReply =
  { sequence: number; outcome: WorkerOutcome } | { sequence: number; error: string };

/**
 * Workers by default on `cores` cores with load average `load`: one per free core (the cores less the load) but
 * one, which the main thread (reading ahead, the spool, the report) and V8's collector threads keep busy. On a
 * machine that is busy already, threads only add overhead; on 2 free cores two workers made a scan of 143
 * accounts slower than none (5.5–6.0 s against 4.7–5.1 s).
 */
export function defaultWorkerCount(cores: number, load: number): number {
  const freeCores = Math.max(0, Math.floor(cores - load + 0.5));
  return Math.min(Math.max(0, freeCores - 1), MAX_WORKERS);
}

/** How many workers to use for `accounts` account files: 0 means the main thread alone. */
export function workerCount(accounts: number, requested?: number): number {
  const fromEnvironment = process.env[WORKERS_VARIABLE];
  let count =
    requested ??
    (fromEnvironment
      ? Number(fromEnvironment)
      : defaultWorkerCount(availableParallelism(), loadavg()[0] ?? 0));
  if (!Number.isInteger(count) || count < 0) {
    throw new Error(`${WORKERS_VARIABLE} must be a whole number of worker threads, got "${fromEnvironment}"`);
  }
  if (requested === undefined && accounts < MIN_ACCOUNTS_FOR_WORKERS) count = 0;
  return count <= 1 ? 0 : Math.min(count, accounts);
}

/** In dist/ the worker is a bundle beside this one; run from the sources (tests), it is TypeScript, through tsx. */
function workerEntry(): URL {
  return import.meta.url.endsWith(".ts")
    ? new URL("./scan-worker-from-source.mjs", import.meta.url)
    : new URL("./scan-worker.js", import.meta.url);
}

export class ScanWorkers {
  private readonly workers: Worker[];
  private readonly waiting = new Map<
    number,
    { resolve: (o: WorkerOutcome) => void; reject: (e: Error) => void }
  >();
  private readonly results = new Map<number, Promise<WorkerOutcome>>();
  private issued = 0;
  private failure: Error | undefined;

  constructor(
    count: number,
    setup: ScanWorkerSetup,
    private readonly files: readonly AccountFileUnit[],
  ) {
    const url = workerEntry();
    this.workers = Array.from({ length: count }, () => {
      const worker = new Worker(url, { workerData: setup });
      worker.on("message", (reply: ScanWorkerReply) => this.settle(reply));
      worker.on("error", (error) => this.fail(error));
      return worker;
    });
  }

  /** The outcome of the `index`-th file; asked for in order, 0, 1, 2, … */
  outcome(index: number): Promise<WorkerOutcome> {
    const limit = Math.min(this.files.length, index + 1 + this.workers.length * (TASKS_PER_WORKER - 1));
    while (this.issued < limit) this.issue(this.issued++);
    const result = this.results.get(index);
    this.results.delete(index);
    if (!result) throw new Error(`account file ${index} was not given to a worker`);
    return result;
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((worker) => worker.terminate()));
  }

  private issue(sequence: number): void {
    const file = this.files[sequence] as AccountFileUnit;
    const result = new Promise<WorkerOutcome>((resolve, reject) => {
      if (this.failure) reject(this.failure);
      else this.waiting.set(sequence, { resolve, reject });
    });
    result.catch(() => undefined);
    this.results.set(sequence, result);
    const worker = this.workers[sequence % this.workers.length] as Worker;
    worker.postMessage({ sequence, position: file.position } satisfies ScanWorkerTask);
  }

  private settle(reply: ScanWorkerReply): void {
    const pending = this.waiting.get(reply.sequence);
    this.waiting.delete(reply.sequence);
    if (!pending) return;
    if ("error" in reply) pending.reject(new Error(`a scan worker failed: ${reply.error}`));
    else pending.resolve(reply.outcome);
  }

  private fail(error: Error): void {
    this.failure = error;
    for (const pending of this.waiting.values()) pending.reject(error);
    this.waiting.clear();
  }
}
