import pkg from "../../package.json" with { type: "json" };
import { createStagingDir, onInterrupt, type StagingDir } from "./atomic-dir.js";
import { DEFAULT_RETRY_POLICY, type RetryPolicy } from "./calls.js";
import {
  createAwsClientFactory,
  defaultRegion,
  DEFAULT_CONNECT_TIMEOUT_SECONDS,
  DEFAULT_MAX_ATTEMPTS,
  DEFAULT_REQUEST_TIMEOUT_SECONDS,
  type AwsClientSettings,
  type ClientFactory,
} from "./clients.js";
import {
  CallerIdentityError,
  collect,
  DEFAULT_ACCOUNT_TIMEOUT_SECONDS,
  type CollectSettings,
} from "./collect.js";
import { OutputError } from "./out-dir.js";
import { safeText } from "../text/safe-text.js";
import { progressMode, startProgress, type ProgressStream } from "./progress.js";
import { writeAccountFile, writeManifest, writeOrganizationFile } from "./snapshot-writer.js";
import { createStats } from "./stats.js";
import { ErrorDigest, failureLines, summaryLines } from "./summary.js";

/** Exit statuses of `trustscan collect` (docs/collect.md). */
export const EXIT_COMPLETE = 0;
export const EXIT_USAGE = 2;
export const EXIT_INCOMPLETE = 3;

export interface CollectOptions extends Omit<CollectSettings, "retry"> {
  out: string;
  profile?: string;
  region?: string;
  force: boolean;
  quiet: boolean;
  /** Default DEFAULT_CONNECT_TIMEOUT_SECONDS. */
  connectTimeoutMs?: number;
  /** Default DEFAULT_REQUEST_TIMEOUT_SECONDS. */
  requestTimeoutMs?: number;
}

/** What tests and the benchmark replace. */
export interface CollectDeps {
  /** Replaces the real clients altogether. */
  clients?: ClientFactory;
  /** Settings of the real clients to override (tests: a local endpoint, fake credentials, fewer attempts). */
  aws?: Partial<Pick<AwsClientSettings, "endpoint" | "credentials" | "maxAttempts">>;
  clock?: () => Date;
  stdout?: ProgressStream;
  stderr?: ProgressStream;
  retry?: RetryPolicy;
}

/**
 * Runs a collection into `options.out` and returns the exit status. An unexpected error (not an AWS one, which
 * is recorded) is thrown after the staging directory is removed.
 */
export async function runCollect(options: CollectOptions, deps: CollectDeps = {}): Promise<number> {
  const stdout = deps.stdout ?? process.stdout;
  const stderr = deps.stderr ?? process.stderr;
  const clock = deps.clock ?? (() => new Date());

  let staging: StagingDir;
  try {
    staging = await createStagingDir(options.out, { force: options.force });
  } catch (error) {
    if (!(error instanceof OutputError)) throw error;
    stderr.write(`trustscan collect: ${error.message}\n`);
    return EXIT_USAGE;
  }
  // Ctrl-C or a kill leaves no half snapshot: the staging directory goes, --out was never touched.
  const stopListening = onInterrupt(() => staging.discard());

  const stats = createStats();
  const clients =
    deps.clients ??
    createAwsClientFactory({
      region: options.region ?? defaultRegion(),
      ...(options.profile ? { profile: options.profile } : {}),
      maxAttempts: DEFAULT_MAX_ATTEMPTS,
      connectTimeoutMs: options.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_SECONDS * 1000,
      requestTimeoutMs: options.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_SECONDS * 1000,
      userAgent: `trustscan/${pkg.version}`,
      onRetry: (reason) => {
        if (reason === "THROTTLING") stats.throttledRetries += 1;
      },
      ...deps.aws,
    });
  const collectedAt = clock();
  const progress = startProgress(stats, stderr, progressMode(stderr, options.quiet));
  const errors = new ErrorDigest();

  try {
    const outcome = await collect(
      {
        organization: options.organization,
        ...(options.accounts ? { accounts: options.accounts } : {}),
        ...(options.excludeAccounts ? { excludeAccounts: options.excludeAccounts } : {}),
        roleName: options.roleName,
        ...(options.externalId ? { externalId: options.externalId } : {}),
        concurrency: options.concurrency,
        callsPerAccount: options.callsPerAccount,
        accountTimeoutMs: options.accountTimeoutMs ?? DEFAULT_ACCOUNT_TIMEOUT_SECONDS * 1000,
        ...(options.shard ? { shard: options.shard } : {}),
        ...(options.regions ? { regions: options.regions } : {}),
        retry: deps.retry ?? DEFAULT_RETRY_POLICY,
      },
      clients,
      stats,
      async (file) => {
        errors.add(file.errors, file.accountId);
        await writeAccountFile(staging.path, file);
      },
    );
    errors.add(outcome.errors);
    progress.stop();

    // A shard of a small organization may hold no account: its snapshot is the organization data alone, which
    // merges with the other shards' (a matrix job must not fail for it).
    const emptyShard = options.shard !== undefined && outcome.accountIds.length === 0 && outcome.organization;
    if (outcome.accountsWithData === 0 && !emptyShard) {
      staging.discard();
      stderr.write(`${failureLines(errors, outcome.accountIds.length).join("\n")}\n`);
      return EXIT_USAGE;
    }
    if (outcome.organization) await writeOrganizationFile(staging.path, outcome.organization);
    await writeManifest(staging.path, {
      collectedAt,
      accountIds: outcome.accountIds,
      collectorVersion: pkg.version,
      regions: outcome.regions,
      errors: outcome.errors,
    });
    // From here a signal takes its default course: deleting the staging directory halfway through the
    // renames could lose both snapshots; the next run puts back an old one left aside (removeStaleStaging).
    stopListening();
    await staging.publish();

    if (!options.quiet) {
      const lines = summaryLines({
        outDir: options.out,
        stats,
        accountFiles: outcome.accountIds.length,
        incompleteAccounts: outcome.incompleteAccounts.length,
        errors,
        now: Date.now(),
      });
      stdout.write(`${lines.join("\n")}\n`);
    }
    return errors.total > 0 ? EXIT_INCOMPLETE : EXIT_COMPLETE;
  } catch (error) {
    progress.stop();
    staging.discard();
    if (error instanceof CallerIdentityError) {
      stderr.write(
        `trustscan collect: cannot establish who is calling AWS (check credentials, --profile): ${safeText(error.message)}\n`,
      );
      return EXIT_USAGE;
    }
    if (error instanceof OutputError) {
      // --out changed during the collection (publish checks it again).
      stderr.write(`trustscan collect: ${error.message}; nothing was written\n`);
      return EXIT_USAGE;
    }
    throw error;
  } finally {
    stopListening();
    clients.destroy();
  }
}
