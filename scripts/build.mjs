// Bundles the CLI into dist/cli.js. Type checking is `npm run typecheck`; esbuild only strips types,
// which keeps `npm ci` fast. Dependencies stay external and are loaded from node_modules.
import { build } from "esbuild";
import { rmSync } from "node:fs";

rmSync("dist", { recursive: true, force: true });
await build({
  entryPoints: ["src/cli.ts"],
  outdir: "dist",
  // `collect` is imported dynamically into a chunk of its own, so that the AWS SDK is loaded by collect only.
  splitting: true,
  chunkNames: "chunks/[name]-[hash]",
  bundle: true,
  platform: "node",
  format: "esm",
  target: "node20",
  packages: "external",
  sourcemap: true,
  banner: { js: "#!/usr/bin/env node" },
  logLevel: "warning",
});
