/**
 * `npm run bench`: speed and memory, measured here rather than asserted in timed tests. `npm run bench -- scan`,
 * `npm run bench -- collect` or `npm run bench -- pathological` runs one of the three.
 */
import { benchCollect } from "./bench-collect.js";
import { benchPathological } from "./bench-pathological.js";
import { benchScan } from "./bench/scan-bench.js";

const only = process.argv[2];
if (only === undefined || only === "pathological")
  for (const line of benchPathological().lines) console.log(line);
if (only === undefined || only === "scan") for (const line of await benchScan()) console.log(line);
if (only === undefined || only === "collect") for (const line of await benchCollect()) console.log(line);
