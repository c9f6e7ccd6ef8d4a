import type { SecretValues } from "./secret-values.js";

/** A failure recorded in a snapshot's `errors` (docs/snapshot-format.md): which call, on what, and why. */
export interface RecordedError {
  service: string;
  /** The region of a regional call (absent for global services and account-level calls). */
  region?: string;
  operation: string;
  resource?: string;
  code: string;
  message?: string;
}

/** Where a call was made, for the error record. */
export interface CallSite {
  service: string;
  region?: string;
  operation: string;
  resource?: string;
}

interface ErrorLike {
  name?: unknown;
  code?: unknown;
  Code?: unknown;
  message?: unknown;
  $metadata?: { httpStatusCode?: number };
  $retryable?: { throttling?: boolean };
}

function asErrorLike(error: unknown): ErrorLike {
  return typeof error === "object" && error !== null ? (error as ErrorLike) : {};
}

/** The service's error code (`AccessDenied`, `NoSuchBucketPolicy`, ...), a Node network code, or `UnknownError`. */
export function errorCode(error: unknown): string {
  const e = asErrorLike(error);
  for (const candidate of [e.Code, e.code, e.name]) {
    // The SDK names unmodelled service errors by their code; a bare Error is not a code.
    if (typeof candidate === "string" && candidate !== "" && candidate !== "Error") return candidate;
  }
  return "UnknownError";
}

// The SDK's own list (@smithy/core service-error-classification), kept here so the check does not depend on
// an undeclared transitive package.
const THROTTLING_CODES = new Set([
  "BandwidthLimitExceeded",
  "EC2ThrottledException",
  "LimitExceededException",
  "PriorRequestNotComplete",
  "ProvisionedThroughputExceededException",
  "RequestLimitExceeded",
  "RequestThrottled",
  "RequestThrottledException",
  "SlowDown",
  "ThrottledException",
  "Throttling",
  "ThrottlingException",
  "TooManyRequestsException",
  "TransactionInProgressException",
]);

export function isThrottling(error: unknown): boolean {
  const e = asErrorLike(error);
  return (
    e.$metadata?.httpStatusCode === 429 ||
    THROTTLING_CODES.has(errorCode(error)) ||
    e.$retryable?.throttling === true
  );
}

const MAX_MESSAGE_LENGTH = 500;

/**
 * Removes anything that looks like a credential from an error message. AWS messages do not carry secrets, but
 * a message from a credential provider or a proxy might, and a snapshot is meant to be shared.
 */
export function redactSecrets(message: string): string {
  const redacted = message
    // key=value forms: secret keys, session tokens, signatures.
    .replace(
      /\b(aws_secret_access_key|secretAccessKey|aws_session_token|sessionToken|SecurityToken|X-Amz-Security-Token|X-Amz-Signature|Signature|Credential)(["']?\s*[=:]\s*["']?)[^\s"',;&]+/gi,
      "$1$2[redacted]",
    )
    // Access key ids (long-term AKIA, temporary ASIA).
    .replace(/\b(AKIA|ASIA)[A-Z0-9]{12,}\b/g, "[redacted-key-id]")
    // Secret keys and tokens: long base64 runs with mixed case and digits (ARNs and names rarely qualify).
    .replace(/[A-Za-z0-9+/=]{40,}/g, (run) =>
      /[a-z]/.test(run) && /[A-Z]/.test(run) && /[0-9]/.test(run) ? "[redacted]" : run,
    );
  return redacted.length > MAX_MESSAGE_LENGTH ? `${redacted.slice(0, MAX_MESSAGE_LENGTH)}…` : redacted;
}

// Longer messages (an HTML error page from a proxy) are cut before they are cleaned: only 500 characters stay.
const MAX_MESSAGE_INPUT = 64 * 1024;

/** Line breaks of any kind (an SDK message can hold a whole response body). */
const LINE_BREAK = /\r\n|[\r\n\v\f\u0085\u2028\u2029]/;

/** The lines of `text`, trimmed, joined by one space. */
export function oneLine(text: string): string {
  return text
    .split(LINE_BREAK)
    .map((line) => line.trim())
    .filter((line) => line !== "")
    .join(" ");
}

/**
 * What is kept of an error message: the credential values this run holds removed (whatever their shape),
 * then one line, then anything else that looks like a credential removed, and cut at 500 characters. Values
 * come first so that nothing cuts a credential in two before it is recognised.
 */
export function cleanMessage(message: string, secrets?: SecretValues): string {
  const text = message.length > MAX_MESSAGE_INPUT ? message.slice(0, MAX_MESSAGE_INPUT) : message;
  const withoutValues = secrets ? secrets.redact(text) : text;
  return redactSecrets(oneLine(withoutValues));
}

/** The record of a failed call. Its message is as raised: CallScope.record cleans it (cleanMessage). */
export function toRecordedError(error: unknown, site: CallSite): RecordedError {
  const raw = asErrorLike(error).message;
  const message = typeof raw === "string" && raw !== "" ? raw : undefined;
  return {
    service: site.service,
    ...(site.region !== undefined ? { region: site.region } : {}),
    operation: site.operation,
    ...(site.resource !== undefined ? { resource: site.resource } : {}),
    code: errorCode(error),
    ...(message !== undefined ? { message } : {}),
  };
}

/** Errors in a fixed order so that the snapshot is stable. */
export function sortErrors(errors: RecordedError[]): RecordedError[] {
  const key = (e: RecordedError) =>
    [e.service, e.region ?? "", e.operation, e.resource ?? "", e.code, e.message ?? ""].join("\u0000");
  return [...errors].sort((a, b) => compareText(key(a), key(b)));
}

/** Code-unit order: the same on every machine, unlike localeCompare. */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
