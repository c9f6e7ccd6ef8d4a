/** Running counters of a collection, read by the progress display and the closing summary. */
export interface CollectStats {
  startedAt: number;
  accountsTotal: number;
  accountsDone: number;
  buckets: number;
  /** API requests sent, retries included. */
  calls: number;
  /** Requests that were retried: throttled, or failed transiently (5xx, timeouts, network errors). */
  retries: number;
  /** The part of `retries` that was throttling. */
  throttledRetries: number;
  errors: number;
  /** Resources listed, then found deleted when read (left out of the snapshot; not errors). */
  resourcesGone: number;
}

export function createStats(now: number = Date.now()): CollectStats {
  return {
    startedAt: now,
    accountsTotal: 0,
    accountsDone: 0,
    buckets: 0,
    calls: 0,
    retries: 0,
    throttledRetries: 0,
    errors: 0,
    resourcesGone: 0,
  };
}
