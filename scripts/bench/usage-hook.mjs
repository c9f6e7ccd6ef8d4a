// Preloaded into benchmarked processes (`node --import`): at exit, writes what the OS measured for the whole
// process (getrusage: peak resident set size, user and system CPU time) to the file named by the variable.
import { writeFileSync } from "node:fs";
import { isMainThread } from "node:worker_threads";

const target = process.env.TRUSTSCAN_BENCH_USAGE;
if (target && isMainThread) {
  process.on("exit", () => {
    const usage = process.resourceUsage();
    writeFileSync(
      target,
      JSON.stringify({
        maxRssKiB: usage.maxRSS,
        userMs: usage.userCPUTime / 1000,
        systemMs: usage.systemCPUTime / 1000,
      }),
    );
  });
}
