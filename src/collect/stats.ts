/** Running counters of a collection, read by the progress display and the closing summary. */
export interface CollectStats {
  startedAt: number;
  accountsTotal: number;
  accountsDone: number;
  buckets: number;
  /** API requests sent, retries included. */
  calls: number;
  /** Requests that were throttled (or failed transiently) and retried. */
  retries: number;
  errors: number;
}

export function createStats(now: number = Date.now()): CollectStats {
  return { startedAt: now, accountsTotal: 0, accountsDone: 0, buckets: 0, calls: 0, retries: 0, errors: 0 };
}
