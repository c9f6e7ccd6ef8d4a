import { nodeSupportWarning } from "./cli/node-support.js";
import { runCli } from "./cli/program.js";
import { standardOutputError } from "./report/write-output.js";

// A failed write to standard output (a full disk behind a redirection, a closed pipe) is reported by the write
// that failed, as an OutputError (exit 2); the stream's own error event must not end the process first.
process.stdout.on("error", () => undefined);

const io = {
  // Each chunk is handed on before the next: a long report never piles up in memory, and a failure reaches the
  // caller.
  stdout: (text: string) =>
    new Promise<void>((resolve, reject) =>
      process.stdout.write(text, (error) => (error ? reject(standardOutputError(error)) : resolve())),
    ),
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
