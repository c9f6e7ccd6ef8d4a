import { isAccountId } from "../model/account-id.js";
import { Command, InvalidArgumentError, Option } from "commander";
import {
  DEFAULT_ACCOUNT_TIMEOUT_SECONDS,
  DEFAULT_CALLS_PER_ACCOUNT,
  DEFAULT_CONCURRENCY,
  DEFAULT_CONNECT_TIMEOUT_SECONDS,
  DEFAULT_REQUEST_TIMEOUT_SECONDS,
  DEFAULT_ROLE_NAME,
} from "../collect/defaults.js";
import { parseRegionNames } from "../collect/region-names.js";
import type { CollectDeps } from "../collect/run.js";
import { parseShard, type Shard } from "../collect/shard.js";

function shardOption(value: string): Shard {
  const shard = parseShard(value);
  if (!shard) throw new InvalidArgumentError("expected I/N with 1 ≤ I ≤ N ≤ 1000, e.g. 2/4");
  return shard;
}

export function parseAccountIds(value: string): string[] {
  const ids = value
    .split(",")
    .map((id) => id.trim())
    .filter((id) => id !== "");
  const bad = ids.filter((id) => !isAccountId(id));
  if (ids.length === 0 || bad.length > 0) {
    throw new InvalidArgumentError(
      `expected a comma-separated list of 12-digit account ids, got "${bad.join(",") || value}"`,
    );
  }
  return [...new Set(ids)];
}

export function parseRegions(value: string): string[] {
  const parsed = parseRegionNames(value);
  if ("invalid" in parsed) {
    throw new InvalidArgumentError(
      `expected a comma-separated list of region names such as us-east-1,eu-west-1, got "${parsed.invalid.join(",") || value}"`,
    );
  }
  return parsed.regions;
}

function parseCount(max: number) {
  return (value: string): number => {
    const n = Number(value);
    if (!/^\d+$/.test(value.trim()) || n < 1 || n > max)
      throw new InvalidArgumentError(`expected a whole number from 1 to ${max}`);
    return n;
  };
}

/** A positive number of seconds, fractions allowed (`0.5`), up to `max`. */
export function parseSeconds(max: number) {
  return (value: string): number => {
    const n = Number(value);
    if (!/^\d+(\.\d+)?$/.test(value.trim()) || !(n > 0) || n > max)
      throw new InvalidArgumentError(`expected a number of seconds above 0 and up to ${max}`);
    return n;
  };
}

const toMs = (seconds: number) => Math.max(1, Math.round(seconds * 1000));

interface RawOptions {
  out: string;
  profile?: string;
  region?: string;
  regions?: string[];
  organization?: boolean;
  accounts?: string[];
  excludeAccounts?: string[];
  roleName: string;
  externalId?: string;
  concurrency: number;
  callsPerAccount: number;
  connectTimeout: number;
  requestTimeout: number;
  accountTimeout: number;
  force?: boolean;
  quiet?: boolean;
  shard?: Shard;
}

/** `trustscan collect`: reads AWS into a snapshot directory (docs/collect.md). `deps` is for tests. */
export function createCollectCommand(
  deps: CollectDeps = {},
  setExitCode: (code: number) => void = (code) => {
    process.exitCode = code;
  },
): Command {
  return new Command("collect")
    .description("Read IAM, S3 and AWS Organizations data (read-only) into a snapshot directory")
    .requiredOption("--out <dir>", "snapshot directory to create")
    .option("--profile <name>", "AWS profile (default: the SDK's default credential chain)")
    .option(
      "--region <region>",
      "API region for global services (default: AWS_REGION, AWS_DEFAULT_REGION or us-east-1)",
    )
    .option(
      "--regions <names>",
      "regions to read KMS, SQS, SNS, Lambda and the other regional services in (comma-separated; default: " +
        "every region enabled for each account)",
      parseRegions,
    )
    .option("--organization", "walk AWS Organizations and collect every ACTIVE account")
    .option(
      "--shard <i/n>",
      "with --organization: collect the i-th of n deterministic parts of the member accounts (plus the " +
        "organization data), for parallel jobs whose snapshots `scan` merges",
      shardOption,
    )
    .option("--accounts <ids>", "only these accounts (comma-separated 12-digit ids)", parseAccountIds)
    .option("--exclude-accounts <ids>", "skip these accounts (comma-separated 12-digit ids)", parseAccountIds)
    .option("--role-name <name>", "role assumed in each member account", DEFAULT_ROLE_NAME)
    .option("--external-id <id>", "external ID for assuming the member-account role")
    .addOption(
      new Option("--concurrency <n>", "accounts collected in parallel")
        .default(DEFAULT_CONCURRENCY)
        .argParser(parseCount(256)),
    )
    .addOption(
      new Option("--calls-per-account <n>", "API calls in flight per account")
        .default(DEFAULT_CALLS_PER_ACCOUNT)
        .argParser(parseCount(64)),
    )
    .addOption(
      new Option("--connect-timeout <seconds>", "time allowed to connect to an AWS endpoint")
        .default(DEFAULT_CONNECT_TIMEOUT_SECONDS)
        .argParser(parseSeconds(3_600)),
    )
    .addOption(
      new Option(
        "--request-timeout <seconds>",
        "time allowed for an answer to start, and for any silence while it is read (then retried)",
      )
        .default(DEFAULT_REQUEST_TIMEOUT_SECONDS)
        .argParser(parseSeconds(3_600)),
    )
    .addOption(
      new Option(
        "--account-timeout <seconds>",
        "time allowed to read one account; what is left then is abandoned and recorded in its errors",
      )
        .default(DEFAULT_ACCOUNT_TIMEOUT_SECONDS)
        .argParser(parseSeconds(86_400)),
    )
    .option(
      "--force",
      "replace an existing --out that is empty or a trustscan snapshot (only once the new one is complete)",
    )
    .option("-q, --quiet", "no progress display and no summary")
    .action(
      async ({ connectTimeout, requestTimeout, accountTimeout, ...raw }: RawOptions, command: Command) => {
        if (raw.shard && !raw.organization) {
          command.error("error: --shard needs --organization (it splits the organization's accounts)", {
            exitCode: 2,
          });
        }
        // The AWS SDK is loaded here, by collect alone: it takes longer to load than a small scan takes to run.
        const { runCollect } = await import("../collect/run.js");
        // An unexpected failure (a bug, a full disk) is thrown on to the CLI's entry point; nothing was published.
        setExitCode(
          await runCollect(
            {
              ...raw,
              connectTimeoutMs: toMs(connectTimeout),
              requestTimeoutMs: toMs(requestTimeout),
              accountTimeoutMs: toMs(accountTimeout),
              organization: raw.organization ?? false,
              force: raw.force ?? false,
              quiet: raw.quiet ?? false,
            },
            deps,
          ),
        );
      },
    );
}
