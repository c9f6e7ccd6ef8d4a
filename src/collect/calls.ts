import pLimit, { type LimitFunction } from "p-limit";
import { isThrottling, redactSecrets, toRecordedError, type CallSite, type RecordedError } from "./errors.js";
import type { CollectStats } from "./stats.js";

/**
 * Retries on top of the SDK's own. The SDK retries a throttled call `maxAttempts` times in adaptive mode and
 * then gives up (also when its retry-token bucket runs dry during a long throttling storm); a collection of a
 * whole organization would rather wait than lose that data, so a throttled call gets a few more rounds.
 */
export interface RetryPolicy {
  /** Extra rounds after the SDK gave up on a throttled call. */
  rounds: number;
  /** First wait; doubles each round, with full jitter. */
  baseDelayMs: number;
  maxDelayMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = { rounds: 5, baseDelayMs: 1_000, maxDelayMs: 20_000 };

interface MetadataBearer {
  $metadata?: { attempts?: number };
}

function attemptsOf(value: unknown): number {
  const attempts = (value as MetadataBearer | undefined)?.$metadata?.attempts;
  return typeof attempts === "number" && attempts > 0 ? attempts : 1;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Runs one API request with throttling retries, counting requests and retries in `stats`. `limit`, when given,
 * bounds requests in flight; a slot is held for one attempt only, not across the backoff wait.
 */
export async function sendWithRetries<T>(
  send: () => Promise<T>,
  stats: CollectStats,
  policy: RetryPolicy,
  limit?: LimitFunction,
): Promise<T> {
  for (let round = 0; ; round++) {
    try {
      const result = await (limit ? limit(send) : send());
      const attempts = attemptsOf(result);
      stats.calls += attempts;
      stats.retries += attempts - 1;
      return result;
    } catch (error) {
      const attempts = attemptsOf((error as { $metadata?: unknown } | null) ?? undefined);
      stats.calls += attempts;
      stats.retries += attempts - 1;
      if (!isThrottling(error) || round >= policy.rounds) throw error;
      stats.retries += 1;
      const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** round);
      await sleep(Math.random() * ceiling);
    }
  }
}

/** The calls of one account (or of the organization walk): a bound on requests in flight and an error list. */
export class CallScope {
  readonly errors: RecordedError[] = [];
  private readonly limit: LimitFunction;

  constructor(
    readonly stats: CollectStats,
    readonly policy: RetryPolicy,
    callsInFlight: number,
  ) {
    this.limit = pLimit(callsInFlight);
  }

  /** Sends a request; a failure is thrown (for callers that handle it themselves). */
  send<T>(send: () => Promise<T>): Promise<T> {
    return sendWithRetries(send, this.stats, this.policy, this.limit);
  }

  /**
   * Reads one value. Returns `null` when the service answers with one of `absentCodes` (the thing is not set,
   * e.g. `NoSuchBucketPolicy`), and `undefined` after recording the failure in `errors` (it could not be read).
   */
  async read<T>(
    site: CallSite,
    send: () => Promise<T>,
    absentCodes: readonly string[] = [],
  ): Promise<T | null | undefined> {
    try {
      return await this.send(send);
    } catch (error) {
      const recorded = toRecordedError(error, site);
      if (absentCodes.includes(recorded.code)) return null;
      this.record(recorded);
      return undefined;
    }
  }

  /** Every collector error passes here: its message is redacted here, however it was built. */
  record(error: RecordedError): void {
    this.errors.push(
      error.message === undefined ? error : { ...error, message: redactSecrets(error.message) },
    );
    this.stats.errors += 1;
  }
}
