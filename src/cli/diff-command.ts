import { Command, Option } from "commander";
import { ConfigError } from "../config/config-error.js";
import { diffAccess } from "../diff/access-diff.js";
import { scanSnapshot, ZoneError } from "../engine/scan.js";
import { TOOL } from "../engine/tool.js";
import { applySeverityOverrides } from "../overrides/severity.js";
import { DIFF_FORMATS, renderDiff, type DiffFormat } from "../report/diff-report.js";
import { OutputError, writeOutputFile } from "../report/index.js";
import { describeZone } from "../report/summary.js";
import { InputError, readSnapshots } from "../snapshot/index.js";
import { EXIT_FINDINGS, EXIT_INPUT, EXIT_OK } from "./exit-codes.js";
import { collectAccount, configFor, parseOutput, printDiagnostics, type CliIo } from "./scan-command.js";

interface DiffFlags {
  config?: string;
  zone?: "account" | "organization";
  trustedAccount: string[];
  format: DiffFormat;
  output?: string;
  failOnGained?: boolean;
}

/** Scans two snapshots with the same settings and reports the access gained, lost and changed. */
export async function runDiff(before: string, after: string, flags: DiffFlags, io: CliIo): Promise<number> {
  let text: string;
  let gained: boolean;
  try {
    const config = await configFor(io, flags.config);
    const zone = flags.zone ?? config.zone;
    const options = {
      ...(zone ? { zone } : {}),
      trustedAccounts: [
        ...(config.trustedAccounts ?? []).map((account) => account.id),
        ...flags.trustedAccount,
      ],
    };
    const scan = async (path: string) =>
      applySeverityOverrides(scanSnapshot(await readSnapshots([path]), options), config.severity ?? {});
    const old = await scan(before);
    const now = await scan(after);
    const diff = diffAccess(old, now);
    gained = diff.gained.length > 0 || diff.changed.some((change) => change.widened);
    text = renderDiff(flags.format, diff, {
      tool: { name: TOOL.name, version: TOOL.version },
      old: [before],
      new: [after],
      zone: describeZone(now.zone),
    });
  } catch (error) {
    if (error instanceof ConfigError) {
      printDiagnostics(io, error.lines);
      return EXIT_INPUT;
    }
    if (error instanceof InputError || error instanceof ZoneError) {
      printDiagnostics(io, [error.message]);
      return EXIT_INPUT;
    }
    throw error;
  }
  const output = flags.output !== undefined && flags.output !== "-" ? flags.output : undefined;
  try {
    if (output === undefined) await io.stdout(text);
    else await writeOutputFile(output, text);
  } catch (error) {
    if (!(error instanceof OutputError)) throw error;
    printDiagnostics(io, [error.message]);
    return EXIT_INPUT;
  }
  return flags.failOnGained && gained ? EXIT_FINDINGS : EXIT_OK;
}

export function createDiffCommand(io: CliIo, setExitCode: (code: number) => void): Command {
  return new Command("diff")
    .description("What changed in who can get in: the access gained and lost between two snapshots")
    .argument("<old>", "the earlier snapshot (directory or authorization-details file)")
    .argument("<new>", "the later snapshot")
    .option(
      "-c, --config <file>",
      "config file (zone, trusted accounts, severities; default: found in the current directory)",
    )
    .addOption(new Option("--zone <zone>", "zone of trust").choices(["account", "organization"]))
    .option(
      "--trusted-account <id>",
      "an account to treat as inside the zone (repeatable)",
      collectAccount,
      [],
    )
    .addOption(
      new Option("-f, --format <format>", "output format").choices([...DIFF_FORMATS]).default("text"),
    )
    .option("-o, --output <file>", "write to this file instead of standard output", parseOutput)
    .option("--fail-on-gained", "exit 1 when some access was gained or widened")
    .addHelpText(
      "after",
      `
Both snapshots are scanned with the same zone and trusted accounts; access is what no guardrail cancels, compared
per resource and principal (actions, conditions that still apply, public or not).

Examples:
  trustscan diff snapshots/last-week snapshots/org
  git worktree add /tmp/prev HEAD~1 && trustscan diff /tmp/prev/snapshots/org snapshots/org -f markdown

Exit status: 0 (1 with --fail-on-gained when access was gained or widened); 2 usage, config or input error.`,
    )
    .action(async (before: string, after: string, flags: DiffFlags) => {
      setExitCode(await runDiff(before, after, flags, io));
    });
}
