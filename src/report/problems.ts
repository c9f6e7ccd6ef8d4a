import type { CollectionError, ReadProblem } from "../model/snapshot.js";
import { redactSecrets } from "./redact.js";

/**
 * One sentence for a part of the snapshot that could not be read (the rest was scanned), or for a policy outside
 * IAM's grammar (read, and judged as the message says).
 */
export function describeReadProblem(problem: ReadProblem): string {
  const message = redactSecrets(problem.message);
  if (problem.kind === "policy-grammar") {
    return `Policy outside IAM's grammar at ${problem.jsonPath} in ${problem.file}: ${message}`;
  }
  if (problem.kind === "analysis-budget") return `${message} (${problem.file})`;
  return `Could not read ${problem.jsonPath} in ${problem.file}: ${message}`;
}

/** One sentence for a call the collector could not make: the findings may miss what it would have returned. */
export function describeCollectionError(error: CollectionError): string {
  const target = error.resource ? ` on ${error.resource}` : "";
  const account = error.accountId ? ` in account ${error.accountId}` : "";
  const region = error.region ? ` in region ${error.region}` : "";
  const detail = error.message ? `: ${redactSecrets(error.message)}` : "";
  return `Collection of ${error.service}:${error.operation}${target}${account}${region} failed with ${redactSecrets(error.code)}${detail}`;
}

function compareText(a: string | undefined, b: string | undefined): number {
  const x = a ?? "";
  const y = b ?? "";
  return x < y ? -1 : x > y ? 1 : 0;
}

/** Sorted so that reports do not depend on the order in which parallel reads finished. */
export function sortReadProblems(problems: readonly ReadProblem[]): ReadProblem[] {
  return [...problems].sort(
    (a, b) =>
      compareText(a.file, b.file) || compareText(a.jsonPath, b.jsonPath) || compareText(a.message, b.message),
  );
}

/** Sorted so that reports do not depend on the order in which parallel API calls failed. */
export function sortCollectionErrors(errors: readonly CollectionError[]): CollectionError[] {
  return [...errors].sort(
    (a, b) =>
      compareText(a.accountId, b.accountId) ||
      compareText(a.region, b.region) ||
      compareText(a.service, b.service) ||
      compareText(a.operation, b.operation) ||
      compareText(a.resource, b.resource) ||
      compareText(a.code, b.code) ||
      compareText(a.message, b.message),
  );
}
