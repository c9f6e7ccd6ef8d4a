/** Child process running `trustscan collect` through the real CLI: node --import tsx cli-child.ts <args...> */
import { runCli } from "../../../src/cli/program.js";

const code = await runCli(["collect", ...process.argv.slice(2)], {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  cwd: process.cwd(),
  isTty: false,
});
process.exitCode = code;
