import { safeText } from "../text/safe-text.js";
import type { CollectStats } from "./stats.js";

export type ProgressMode = "bar" | "lines" | "quiet";

export interface ProgressStream {
  write(text: string): unknown;
  isTTY?: boolean;
  columns?: number;
}

export interface Progress {
  /** Stops redrawing and clears the bar. */
  stop(): void;
}

/** A bar redrawn in place on a terminal, plain periodic lines otherwise (logs, CI), nothing with --quiet. */
export function progressMode(stream: ProgressStream, quiet: boolean): ProgressMode {
  if (quiet) return "quiet";
  return stream.isTTY ? "bar" : "lines";
}

export function formatDuration(ms: number): string {
  const seconds = Math.floor(ms / 1000);
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = String(seconds % 60).padStart(2, "0");
  return h > 0 ? `${h}:${String(m).padStart(2, "0")}:${s}` : `${m}:${s}`;
}

/** `12/201 accounts, 340 buckets, 5123 API calls, 12 throttled/retried, 2 errors, 0:42`. */
export function progressText(stats: CollectStats, now: number): string {
  const total = stats.accountsTotal > 0 ? String(stats.accountsTotal) : "?";
  return [
    `${stats.accountsDone}/${total} accounts`,
    `${stats.buckets} buckets`,
    `${stats.calls} API calls`,
    `${stats.retries} throttled/retried`,
    `${stats.errors} errors`,
    formatDuration(now - stats.startedAt),
  ].join(", ");
}

export function progressBar(stats: CollectStats, width: number): string {
  const fraction = stats.accountsTotal > 0 ? stats.accountsDone / stats.accountsTotal : 0;
  const filled = Math.round(fraction * width);
  return `[${"#".repeat(filled)}${"-".repeat(width - filled)}]`;
}

export function startProgress(
  stats: CollectStats,
  stream: ProgressStream,
  mode: ProgressMode,
  options: { barIntervalMs?: number; lineIntervalMs?: number; now?: () => number } = {},
): Progress {
  if (mode === "quiet") return { stop() {} };
  const now = options.now ?? Date.now;
  const draw =
    mode === "bar"
      ? () => {
          // safeText, as every line for a person: whatever the figures grow to hold, no value drives the terminal.
          const line = `${progressBar(stats, 20)} ${safeText(progressText(stats, now()))}`;
          const columns = stream.columns ?? 120;
          // \r and erase-to-end-of-line: redraw in place; cut to the terminal width so it never wraps.
          stream.write(`\r${line.slice(0, Math.max(10, columns - 1))}\x1b[K`);
        }
      : () => stream.write(`collect: ${safeText(progressText(stats, now()))}\n`);
  const interval = mode === "bar" ? (options.barIntervalMs ?? 200) : (options.lineIntervalMs ?? 10_000);
  const timer = setInterval(draw, interval);
  // The display must never keep the process alive by itself.
  timer.unref();
  if (mode === "bar") draw();
  return {
    stop() {
      clearInterval(timer);
      if (mode === "bar") stream.write("\r\x1b[K");
    },
  };
}
