import { runCli } from "../../src/cli/program.js";

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the CLI in-process with captured output, as `trustscan <args>` would run in `cwd`. */
export async function runTrustscan(args: string[], cwd = process.cwd(), isTty = false): Promise<CliRun> {
  let stdout = "";
  let stderr = "";
  const code = await runCli(args, {
    stdout: (text) => {
      stdout += text;
    },
    stderr: (text) => {
      stderr += text;
    },
    cwd,
    isTty,
  });
  return { code, stdout, stderr };
}
