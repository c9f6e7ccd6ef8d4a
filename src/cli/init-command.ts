import { lstat } from "node:fs/promises";
import path from "node:path";
import { Command } from "commander";
import { CONFIG_FILE_NAMES } from "../config/config.js";
import { STARTER_CONFIG } from "../config/starter-config.js";
import { OutputError, writeOutputFile } from "../report/index.js";
import { EXIT_INPUT, EXIT_OK } from "./exit-codes.js";
import { parseOutput, printDiagnostics, type CliIo } from "./scan-command.js";

async function exists(file: string): Promise<boolean> {
  try {
    await lstat(file);
    return true;
  } catch {
    return false;
  }
}

/** Writes the commented starter config; never replaces a file unless --force. Returns the exit status. */
export async function runInit(options: { output?: string; force?: boolean }, io: CliIo): Promise<number> {
  const target = path.resolve(io.cwd, options.output ?? CONFIG_FILE_NAMES[0]!);
  if (!options.force && (await exists(target))) {
    printDiagnostics(io, [
      `${target} already exists; edit it, or pass --force to replace it with the starter config`,
    ]);
    return EXIT_INPUT;
  }
  try {
    await writeOutputFile(target, STARTER_CONFIG);
  } catch (error) {
    if (!(error instanceof OutputError)) throw error;
    printDiagnostics(io, [error.message]);
    return EXIT_INPUT;
  }
  await io.stdout(
    `Wrote ${target}: a starter config with every setting explained. Edit it, then run trustscan scan <snapshot>.\n`,
  );
  return EXIT_OK;
}

export function createInitCommand(io: CliIo, setExitCode: (code: number) => void): Command {
  return new Command("init")
    .description("Write a commented starter config (trustscan.config.yaml)")
    .option("-o, --output <file>", `where to write it (default: ${CONFIG_FILE_NAMES[0]})`, parseOutput)
    .option("--force", "replace the file if it exists")
    .action(async (options: { output?: string; force?: boolean }) => {
      setExitCode(await runInit(options, io));
    });
}
