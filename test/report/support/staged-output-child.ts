/**
 * Child process for the interrupted-write test: stages new versions of <target> (the temporary file that
 * `--output` writes before its rename) — or of <target>.1 … <target>.<count>, as a split report stages one file
 * per account — prints the temporary files' paths on one line, and waits to be killed.
 * Usage: node --import tsx staged-output-child.ts <target> [count]
 */
import { stageFile } from "../../../src/report/staged-file.js";

const target = process.argv[2];
if (!target) throw new Error("usage: staged-output-child.ts <target> [count]");
const count = process.argv[3];
const targets =
  count === undefined ? [target] : Array.from({ length: Number(count) }, (_, i) => `${target}.${i + 1}`);
const staged = [];
for (const file of targets) staged.push(await stageFile(file, "new report\n".repeat(100_000)));
process.stdout.write(`${staged.map((file) => file.temporaryPath).join(" ")}\n`);
// Keeps the process alive until the test's signal arrives.
setInterval(() => undefined, 60_000);
