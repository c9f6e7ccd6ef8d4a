/** Why a call was not made, or abandoned: its account ran out of time (`--account-timeout`). */
export class AccountTimeoutError extends Error {
  override readonly name = "AccountTimeout";
}

export interface Deadline {
  /** Aborted, with an AccountTimeoutError as its reason, once the time is up. */
  readonly signal: AbortSignal;
  /** Stops the timer (the account is done). */
  clear(): void;
}

export function startDeadline(ms: number): Deadline {
  const controller = new AbortController();
  const seconds = Number((ms / 1000).toFixed(3));
  const timer = setTimeout(
    () =>
      controller.abort(
        new AccountTimeoutError(
          `abandoned: the account was not read within --account-timeout (${seconds} s); this call was cut short or never made`,
        ),
      ),
    ms,
  );
  return { signal: controller.signal, clear: () => clearTimeout(timer) };
}

/** `promise`, or a rejection with the signal's reason as soon as it is aborted (the promise may go on). */
export function untilAborted<T>(promise: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return promise;
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    if (signal.aborted) onAbort();
    else signal.addEventListener("abort", onAbort, { once: true });
    promise.then(resolve, reject).finally(() => signal.removeEventListener("abort", onAbort));
  });
}
