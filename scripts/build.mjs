// Bundles the CLI into dist/cli.js. Type checking is `npm run typecheck`; esbuild only strips types,
// which keeps `npm ci` fast. Dependencies stay external and are loaded from node_modules.
import { build } from "esbuild";
import { rmSync } from "node:fs";

rmSync("dist", { recursive: true, force: true });
await build({
  // The scan's worker threads run a bundle of their own, found beside the code that starts them.
  entryPoints: ["src/cli.ts", "src/engine/scan-worker.ts"],
  outdir: "dist",
  entryNames: "[name]",
  // `collect` is imported dynamically into a chunk of its own, so that the AWS SDK is loaded by collect only.
  // Chunks sit beside the entries: the worker is found relative to whichever file holds the scan.
  splitting: true,
  chunkNames: "[name]-[hash]",
  bundle: true,
  platform: "node",
  format: "esm",
  target: "node22",
  packages: "external",
  sourcemap: true,
  banner: { js: "#!/usr/bin/env node" },
  logLevel: "warning",
});
