/** `npm run bench`: speed and memory, measured here rather than asserted in timed tests. */
import { benchCollect } from "./bench-collect.js";
import { benchPathological } from "./bench-pathological.js";
import { benchScan } from "./bench-scan.js";

for (const line of benchPathological().lines) console.log(line);
for (const line of await benchScan()) console.log(line);
for (const line of await benchCollect()) console.log(line);
