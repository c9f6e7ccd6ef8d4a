/**
 * Child process for the interrupted-write test: stages a new version of <target> (the temporary file that
 * `--output` writes before its rename), prints the temporary file's path, and waits to be killed.
 * Usage: node --import tsx staged-output-child.ts <target>
 */
import { stageFile } from "../../../src/report/staged-file.js";

const target = process.argv[2];
if (!target) throw new Error("usage: staged-output-child.ts <target>");
const staged = await stageFile(target, "new report\n".repeat(100_000));
process.stdout.write(`${staged.temporaryPath}\n`);
// Keeps the process alive until the test's signal arrives.
setInterval(() => undefined, 60_000);
