import { nodeSupportWarning } from "./cli/node-support.js";
import { runCli } from "./cli/program.js";

const io = {
  // A long report waits for a full pipe to drain rather than pile up in memory.
  stdout: (text: string) =>
    process.stdout.write(text)
      ? undefined
      : new Promise<void>((resolve) => process.stdout.once("drain", resolve)),
  stderr: (text: string) => process.stderr.write(text),
  cwd: process.cwd(),
  isTty: Boolean(process.stdout.isTTY) && !process.env.NO_COLOR,
};

const argv = process.argv.slice(2);
// Only `collect` calls AWS: on an unsupported Node.js it says so in one line of its own, instead of the SDK's
// eight-line warning on every run.
const warning = argv[0] === "collect" ? nodeSupportWarning(process.version) : undefined;
if (warning) {
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = "true";
  process.stderr.write(`trustscan: ${warning}\n`);
}

runCli(argv, io).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(
      `trustscan: internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    process.exitCode = 70;
  },
);
