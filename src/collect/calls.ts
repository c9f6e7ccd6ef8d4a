import pLimit, { type LimitFunction } from "p-limit";
import { AccountTimeoutError, untilAborted } from "./deadline.js";
import { cleanMessage, isThrottling, toRecordedError, type CallSite, type RecordedError } from "./errors.js";
import type { SecretValues } from "./secret-values.js";
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

/** Sends one request; passes `abortSignal` on to the SDK (`client.send(command, { abortSignal })`). */
export type Send<T> = (abortSignal?: AbortSignal) => Promise<T>;

/**
 * Runs one API request with throttling retries, counting requests and retries in `stats`. `limit`, when given,
 * bounds requests in flight; a slot is held for one attempt only, not across the backoff wait. Once `deadline`
 * is aborted, the request is abandoned (the SDK is told to stop) and no further one is sent: the call fails
 * with the deadline's reason.
 */
export async function sendWithRetries<T>(
  send: Send<T>,
  stats: CollectStats,
  policy: RetryPolicy,
  limit?: LimitFunction,
  deadline?: AbortSignal,
): Promise<T> {
  const attempt = () => {
    // A call still queued for a slot when time ran out is not sent at all.
    deadline?.throwIfAborted();
    return send(deadline);
  };
  for (let round = 0; ; round++) {
    try {
      const result = await untilAborted(limit ? limit(attempt) : attempt(), deadline);
      const attempts = attemptsOf(result);
      stats.calls += attempts;
      stats.retries += attempts - 1;
      return result;
    } catch (error) {
      if (error instanceof AccountTimeoutError) throw error;
      const attempts = attemptsOf((error as { $metadata?: unknown } | null) ?? undefined);
      stats.calls += attempts;
      stats.retries += attempts - 1;
      if (!isThrottling(error) || round >= policy.rounds) throw error;
      stats.retries += 1;
      stats.throttledRetries += 1;
      const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** round);
      await untilAborted(sleep(Math.random() * ceiling), deadline);
    }
  }
}

/**
 * The calls of one account (or of the organization walk): a bound on requests in flight, an optional deadline
 * and an error list.
 */
export class CallScope {
  readonly errors: RecordedError[] = [];
  private readonly limit: LimitFunction;
  private deadline: AbortSignal | undefined;

  /** `secrets`: the credential values to remove from recorded messages. */
  constructor(
    readonly stats: CollectStats,
    readonly policy: RetryPolicy,
    callsInFlight: number,
    private readonly secrets?: SecretValues,
  ) {
    this.limit = pLimit(callsInFlight);
  }

  /** From when `deadline` is aborted, every call of this scope fails at once with its reason (recorded by read). */
  stopAt(deadline: AbortSignal): void {
    this.deadline = deadline;
  }

  /** Sends a request; a failure is thrown (for callers that handle it themselves). */
  send<T>(send: Send<T>): Promise<T> {
    return sendWithRetries(send, this.stats, this.policy, this.limit, this.deadline);
  }

  /**
   * Reads one value. Returns `null` when the service answers with one of `absentCodes` (the thing is not set,
   * e.g. `NoSuchBucketPolicy`), and `undefined` after recording the failure in `errors` (it could not be read).
   */
  async read<T>(
    site: CallSite,
    send: Send<T>,
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

  /**
   * Every collector error passes here: its message is cleaned here (credentials removed, by value and by
   * pattern; one line), however it was built.
   */
  record(error: RecordedError): void {
    this.errors.push(
      error.message === undefined ? error : { ...error, message: cleanMessage(error.message, this.secrets) },
    );
    this.stats.errors += 1;
  }
}
