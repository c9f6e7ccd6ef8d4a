import type { AssumeRoleCommand, STSClient } from "@aws-sdk/client-sts";
import { assumedRoleCredentials, memberRoleArn, type MemberRole } from "./assume-role.js";
import { CallScope, sendWithRetries, type RetryPolicy } from "./calls.js";
import type { ClientFactory, CredentialProvider } from "./clients.js";
import { startDeadline } from "./deadline.js";
import { sortErrors, toRecordedError, type RecordedError } from "./errors.js";
import { collectIam } from "./iam.js";
import type { JsonObject } from "./normalize.js";
import { collectRegions } from "./regional/collect-regions.js";
import { collectS3 } from "./s3.js";
import type { CollectStats } from "./stats.js";

/**
 * The content of `accounts/<accountId>.json`; `iam`/`s3` are absent when they could not be read at all, `regions`
 * when nothing could be read in any region.
 */
export interface AccountFile {
  accountId: string;
  iam?: JsonObject;
  s3?: JsonObject;
  regions?: JsonObject;
  errors: RecordedError[];
}

export interface AccountJob {
  accountId: string;
  partition: string;
  /** The caller's own account is read with the caller's credentials, every other one through its role. */
  isCallerAccount: boolean;
  roleName: string;
  externalId?: string;
}

export interface AccountContext {
  clients: ClientFactory;
  stats: CollectStats;
  retry: RetryPolicy;
  callsPerAccount: number;
  /** Time allowed to read one account once its credentials are ready; what is left then is abandoned. */
  accountTimeoutMs?: number;
  /** `--regions`: the regions to read the regional services in; absent, every region enabled for the account. */
  regions?: readonly string[];
}

export interface AccountOutcome {
  file: AccountFile;
  regions: Set<string>;
}

/** An account whose credentials are ready (or a finished file, when its role could not be assumed). */
export type OpenedAccount =
  | { kind: "ready"; job: AccountJob; scope: CallScope; credentials?: CredentialProvider }
  | { kind: "failed"; outcome: AccountOutcome };

/**
 * Gets an account's credentials: the caller's own for the caller's account, else its role, assumed once up
 * front so that a role that cannot be assumed is one clear error rather than one per request.
 */
export async function openAccount(job: AccountJob, context: AccountContext): Promise<OpenedAccount> {
  const scope = new CallScope(context.stats, context.retry, context.callsPerAccount, context.clients.secrets);
  if (job.isCallerAccount) return { kind: "ready", job, scope };
  const role: MemberRole = {
    accountId: job.accountId,
    partition: job.partition,
    roleName: job.roleName,
    ...(job.externalId ? { externalId: job.externalId } : {}),
  };
  // Renewals happen inside other requests, which already hold one of the account's call slots: they must not
  // wait for another slot, so AssumeRole bypasses the account's limit.
  const assume = (sts: STSClient, command: AssumeRoleCommand) =>
    sendWithRetries(() => sts.send(command), context.stats, context.retry);
  const credentials = assumedRoleCredentials(context.clients.sts(), role, assume);
  try {
    await credentials();
    return { kind: "ready", job, scope, credentials };
  } catch (error) {
    scope.record(
      toRecordedError(error, { service: "sts", operation: "AssumeRole", resource: memberRoleArn(role) }),
    );
    return {
      kind: "failed",
      outcome: { file: { accountId: job.accountId, errors: sortErrors(scope.errors) }, regions: new Set() },
    };
  }
}

/**
 * Reads an opened account. Every failure is recorded in the account's errors; this never throws for an AWS
 * error. After `accountTimeoutMs` the calls in flight are abandoned and the rest are not made: each is recorded
 * (`AccountTimeout`) and the account file keeps what was read.
 */
export async function readAccount(opened: OpenedAccount, context: AccountContext): Promise<AccountOutcome> {
  if (opened.kind === "failed") return opened.outcome;
  const { job, scope, credentials } = opened;
  const clients = context.clients.forAccount(job.accountId, credentials);
  const deadline =
    context.accountTimeoutMs !== undefined ? startDeadline(context.accountTimeoutMs) : undefined;
  if (deadline) scope.stopAt(deadline.signal);
  try {
    const account = { accountId: job.accountId, partition: job.partition };
    const homeRegion = context.clients.region;
    const [iam, s3, regional] = await Promise.all([
      collectIam(scope, clients.iam),
      collectS3(scope, clients, { ...account, region: homeRegion }, () => {
        context.stats.buckets += 1;
      }),
      collectRegions(scope, clients, account, homeRegion, context.regions),
    ]);
    const file: AccountFile = {
      accountId: job.accountId,
      ...(iam ? { iam } : {}),
      ...(s3.section ? { s3: s3.section } : {}),
      ...(regional.section ? { regions: regional.section } : {}),
      errors: sortErrors(scope.errors),
    };
    return { file, regions: new Set([...s3.regions, ...regional.regions]) };
  } finally {
    deadline?.clear();
    clients.destroy();
  }
}

/** True when the file holds some data read from AWS (not only errors). */
export function hasData(file: AccountFile): boolean {
  return file.iam !== undefined || file.s3 !== undefined || file.regions !== undefined;
}
