import { Command, CommanderError } from "commander";
import { TOOL } from "../engine/tool.js";
import { OutputError } from "../report/errors.js";
import { createCollectCommand } from "./collect-command.js";
import { createDiffCommand } from "./diff-command.js";
import { EXIT_INPUT } from "./exit-codes.js";
import { createInitCommand } from "./init-command.js";
import { createRulesCommand } from "./rules-command.js";
import { createScanCommand, type CliIo } from "./scan-command.js";

/** Commander writes help and the version without waiting: a failed write is still said on standard error. */
function writeOutFor(io: CliIo): (text: string) => void {
  return (text) => {
    Promise.resolve(io.stdout(text)).catch((error: unknown) => {
      io.stderr(`trustscan: ${error instanceof Error ? error.message : String(error)}\n`);
    });
  };
}

export function createProgram(io: CliIo, setExitCode: (code: number) => void): Command {
  const program = new Command("trustscan")
    .description(
      "Static findings for AWS trust and resource policies: who outside your zone of trust can get in",
    )
    .version(TOOL.version)
    .configureOutput({ writeOut: writeOutFor(io), writeErr: io.stderr })
    .showHelpAfterError()
    .exitOverride();
  program.addCommand(createScanCommand(io, setExitCode));
  program.addCommand(createDiffCommand(io, setExitCode));
  program.addCommand(createInitCommand(io, setExitCode));
  program.addCommand(createRulesCommand(io, setExitCode));
  program.addCommand(createCollectCommand({}, setExitCode));
  for (const command of program.commands)
    command.exitOverride().configureOutput({ writeOut: writeOutFor(io), writeErr: io.stderr });
  return program;
}

/** Runs the CLI; returns the exit status (usage errors are 2, as for bad input). */
export async function runCli(argv: string[], io: CliIo): Promise<number> {
  let exitCode = 0;
  const program = createProgram(io, (code) => {
    exitCode = code;
  });
  try {
    await program.parseAsync(argv, { from: "user" });
  } catch (error) {
    if (error instanceof CommanderError) {
      // --help and --version end with a CommanderError of exit code 0.
      return error.exitCode === 0 ? 0 : EXIT_INPUT;
    }
    // Standard output that cannot be written (io.stdout rejects): a message, not a crash.
    if (error instanceof OutputError) {
      io.stderr(`trustscan: ${error.message}\n`);
      return EXIT_INPUT;
    }
    throw error;
  }
  return exitCode;
}
