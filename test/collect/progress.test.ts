import { describe, expect, it } from "vitest";
import { formatDuration, progressMode, progressText, startProgress } from "../../src/collect/progress.js";
import { createStats } from "../../src/collect/stats.js";
import { ErrorDigest, summaryLines } from "../../src/collect/summary.js";
import { Capture } from "./support/files.js";

const stats = () => ({
  ...createStats(0),
  accountsTotal: 201,
  accountsDone: 12,
  buckets: 340,
  calls: 5123,
  retries: 12,
  throttledRetries: 9,
  errors: 2,
});
const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe("progress", () => {
  it("chooses a bar on a terminal, lines elsewhere, nothing with --quiet", () => {
    expect(progressMode({ write: () => true, isTTY: true }, false)).toBe("bar");
    expect(progressMode({ write: () => true }, false)).toBe("lines");
    expect(progressMode({ write: () => true, isTTY: true }, true)).toBe("quiet");
  });

  it("shows accounts done/total, buckets, API calls, throttles, errors and time", () => {
    expect(progressText(stats(), 42_000)).toBe(
      "12/201 accounts, 340 buckets, 5123 API calls, 12 throttled/retried, 2 errors, 0:42",
    );
    expect(formatDuration(3_725_000)).toBe("1:02:05");
  });

  it("redraws a bar in place on a terminal and clears it at the end", async () => {
    const stream = Object.assign(new Capture(), { isTTY: true, columns: 200 });
    const progress = startProgress(stats(), stream, "bar", { barIntervalMs: 5, now: () => 42_000 });
    await wait(20);
    progress.stop();
    expect(stream.text).toContain("\r[#-------------------] 12/201 accounts");
    expect(stream.text).not.toContain("\n");
    expect(stream.text.endsWith("\r\x1b[K")).toBe(true);
  });

  it("prints plain periodic lines when not on a terminal", async () => {
    const stream = new Capture();
    const progress = startProgress(stats(), stream, "lines", { lineIntervalMs: 5, now: () => 42_000 });
    await wait(30);
    progress.stop();
    const lines = stream.text.split("\n").filter(Boolean);
    expect(lines.length).toBeGreaterThanOrEqual(2);
    expect(lines[0]).toBe(
      "collect: 12/201 accounts, 340 buckets, 5123 API calls, 12 throttled/retried, 2 errors, 0:42",
    );
    expect(stream.text).not.toContain("\r");
  });

  it("prints nothing when quiet", async () => {
    const stream = new Capture();
    startProgress(stats(), stream, "quiet", { lineIntervalMs: 1 }).stop();
    await wait(5);
    expect(stream.text).toBe("");
  });
});

describe("summary", () => {
  it("lists the first errors and counts the rest", () => {
    const errors = new ErrorDigest();
    errors.add(
      Array.from({ length: 12 }, (_, i) => ({
        service: "s3",
        operation: "GetBucketAcl",
        resource: `arn:aws:s3:::b${i}`,
        code: "AccessDenied",
      })),
      "444455556666",
    );
    const lines = summaryLines({
      outDir: "snap",
      stats: stats(),
      accountFiles: 201,
      incompleteAccounts: 1,
      errors,
      now: 61_000,
    });
    expect(lines[0]).toBe(
      "Snapshot written to snap: 201 accounts (200 complete, 1 incomplete), 340 buckets, 5123 API calls (9 retried after throttling, 3 after server errors, timeouts or network errors) in 1:01.",
    );
    expect(lines[1]).toBe("12 errors recorded; the snapshot is incomplete:");
    expect(lines[2]).toBe("  444455556666 s3 GetBucketAcl arn:aws:s3:::b0: AccessDenied");
    expect(lines.at(-1)).toContain("... and 2 more");
  });
});
