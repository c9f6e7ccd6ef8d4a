import { describe, expect, it } from "vitest";
import { createStats } from "../../src/collect/stats.js";
import { ErrorDigest, failureLines, summaryLines } from "../../src/collect/summary.js";

const hostile = {
  service: "s3",
  operation: "GetBucketPolicy",
  resource: "arn:aws:s3:::b",
  code: "InternalError",
  // As an SDK might hand it over: several lines, a terminal sequence, a CI workflow command on a line of its own.
  message: "Backend failure.\n\u001b[2J::error::injected\r\n  Please retry.",
};

describe("collect summary", () => {
  it("prints each error on one line, with control characters escaped", () => {
    const errors = new ErrorDigest();
    errors.add([hostile], "444455556666");
    const lines = summaryLines({
      outDir: "snap",
      stats: { ...createStats(0), calls: 10, retries: 4, throttledRetries: 1 },
      accountFiles: 1,
      incompleteAccounts: 1,
      errors,
      now: 1_000,
    });
    expect(lines).toEqual([
      "Snapshot written to snap: 1 account (0 complete, 1 incomplete), 0 buckets, 10 API calls (1 retried after throttling, 3 after server errors, timeouts or network errors) in 0:01.",
      "1 error recorded; the snapshot is incomplete:",
      "  444455556666 s3 GetBucketPolicy arn:aws:s3:::b: InternalError (Backend failure. \\x1B[2J::error::injected Please retry.)",
    ]);
  });

  it("names the region of a regional error, and counts resources deleted while they were read", () => {
    const errors = new ErrorDigest();
    errors.add(
      [{ service: "kms", region: "eu-west-1", operation: "ListKeys", code: "AccessDeniedException" }],
      "444455556666",
    );
    const lines = summaryLines({
      outDir: "snap",
      stats: { ...createStats(0), calls: 10, resourcesGone: 2 },
      accountFiles: 1,
      incompleteAccounts: 1,
      errors,
      now: 1_000,
    });
    expect(lines.slice(1)).toEqual([
      "2 resources deleted between being listed and being read: left out, not errors.",
      "1 error recorded; the snapshot is incomplete:",
      "  444455556666 kms eu-west-1 ListKeys: AccessDeniedException",
    ]);
  });

  it("does the same when nothing could be collected", () => {
    const errors = new ErrorDigest();
    errors.add([{ ...hostile, resource: "arn:aws:s3:::b\u001b]0;title\u0007" }]);
    const lines = failureLines(errors, 1);
    expect(lines[1]).toBe(
      "  organization s3 GetBucketPolicy arn:aws:s3:::b\\x1B]0;title\\x07: InternalError (Backend failure. \\x1B[2J::error::injected Please retry.)",
    );
    // eslint-disable-next-line no-control-regex
    for (const line of lines) expect(line).not.toMatch(/[\u0000-\u001f\u007f-\u009f]/);
  });
});
