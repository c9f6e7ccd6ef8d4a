import { GetCallerIdentityCommand } from "@aws-sdk/client-sts";
import pLimit from "p-limit";
import { hasData, openAccount, readAccount, type AccountFile } from "./account.js";
import { CallScope, type RetryPolicy } from "./calls.js";
import type { ClientFactory } from "./clients.js";
import { cleanMessage, compareText, errorCode, type RecordedError } from "./errors.js";
import { collectOrganizationPolicies, walkOrganization, type OrganizationTree } from "./organization.js";
import { organizationJson } from "./snapshot-writer.js";
import { inShard, type Shard } from "./shard.js";
import type { CollectStats } from "./stats.js";

export {
  DEFAULT_ACCOUNT_TIMEOUT_SECONDS,
  DEFAULT_CALLS_PER_ACCOUNT,
  DEFAULT_CONCURRENCY,
  DEFAULT_ROLE_NAME,
} from "./defaults.js";

export interface CollectSettings {
  /** Walk AWS Organizations and collect every ACTIVE account. */
  organization: boolean;
  /** Only these accounts (with `organization`, a filter on its accounts). */
  accounts?: string[];
  excludeAccounts?: string[];
  roleName: string;
  externalId?: string;
  /** Accounts in flight. */
  concurrency: number;
  /** Requests in flight per account (and for the organization walk). */
  callsPerAccount: number;
  retry: RetryPolicy;
  /** Time allowed to read one account (see readAccount); none when absent. */
  accountTimeoutMs?: number;
  /** With `organization`: only the member accounts of this shard (shard.ts), plus the organization data. */
  shard?: Shard;
  /** The regions to read the regional services in; absent, every region enabled for each account. */
  regions?: string[];
}

export interface CollectOutcome {
  callerAccountId: string;
  /** Every account file written, in id order. */
  accountIds: string[];
  /** Accounts of which something was read (not only errors). */
  accountsWithData: number;
  /** Accounts with at least one error. */
  incompleteAccounts: string[];
  /** The content of organization.json, when the organization could be described. */
  organization?: object;
  /** Failures not tied to one account (snapshot.json). */
  errors: RecordedError[];
  regions: Set<string>;
}

/** The caller's identity could not be established (no credentials, expired SSO session...): nothing to collect. */
export class CallerIdentityError extends Error {}

/**
 * Collects the selected accounts: with `organization`, its ACTIVE accounts (narrowed by `accounts`); else the
 * accounts named, or the caller's own; `excludeAccounts` last. Each finished account file goes to
 * `writeAccount` at once (memory holds only the accounts in flight). Returns what the manifest and
 * organization.json need.
 */
export async function collect(
  settings: CollectSettings,
  clients: ClientFactory,
  stats: CollectStats,
  writeAccount: (file: AccountFile) => Promise<void>,
): Promise<CollectOutcome> {
  const orgScope = new CallScope(stats, settings.retry, settings.callsPerAccount, clients.secrets);
  const identity = await orgScope
    .send(() => clients.sts().send(new GetCallerIdentityCommand({})))
    .catch((error: unknown) => {
      throw new CallerIdentityError(
        `${errorCode(error)}: ${cleanMessage(String((error as Error)?.message ?? error), clients.secrets)}`,
      );
    });
  if (!identity.Account) throw new CallerIdentityError("GetCallerIdentity returned no account");
  const callerAccountId = identity.Account;
  const partition = identity.Arn?.split(":")[1] || "aws";

  const regions = new Set<string>([clients.region]);
  const incompleteAccounts: string[] = [];
  const started = new Set<string>();
  const jobs: Promise<void>[] = [];
  let accountsWithData = 0;
  const limitAccounts = pLimit(settings.concurrency);
  const limitWindow = pLimit(settings.concurrency * 2);
  const excluded = new Set(settings.excludeAccounts ?? []);

  const startAccount = (accountId: string) => {
    if (started.has(accountId) || excluded.has(accountId) || !inShard(accountId, settings.shard)) return;
    started.add(accountId);
    stats.accountsTotal += 1;
    const job = {
      accountId,
      partition,
      isCallerAccount: accountId === callerAccountId,
      roleName: settings.roleName,
      ...(settings.externalId ? { externalId: settings.externalId } : {}),
    };
    const context = {
      clients,
      stats,
      retry: settings.retry,
      callsPerAccount: settings.callsPerAccount,
      ...(settings.accountTimeoutMs !== undefined ? { accountTimeoutMs: settings.accountTimeoutMs } : {}),
      ...(settings.regions ? { regions: settings.regions } : {}),
    };
    // The next accounts' roles are assumed while the current ones are read, so no account slot waits for STS;
    // the window keeps that look-ahead to one round of accounts.
    const done = limitWindow(async () => {
      const opened = await openAccount(job, context);
      const { file, regions: used } = await (opened.kind === "ready"
        ? limitAccounts(() => readAccount(opened, context))
        : readAccount(opened, context));
      await writeAccount(file);
      for (const region of used) regions.add(region);
      if (hasData(file)) accountsWithData += 1;
      if (file.errors.length > 0) incompleteAccounts.push(accountId);
      stats.accountsDone += 1;
    });
    // Awaited below, once the walk is over; marked as handled now so that an early failure (a full disk) is
    // not an unhandled rejection that ends the process before the staging directory is cleaned up.
    done.catch(() => {});
    jobs.push(done);
  };

  // Accounts start as the walk finds them; the organization's policies are read alongside.
  const wanted = settings.accounts ? new Set(settings.accounts) : undefined;
  const tree = settings.organization
    ? await walkOrganization(orgScope, clients.organizations(), (member) => {
        if (member.state === "ACTIVE" && (!wanted || wanted.has(member.id))) startAccount(member.id);
      })
    : undefined;
  const policies = tree ? collectOrganizationPolicies(orgScope, clients.organizations()) : undefined;
  policies?.catch(() => {});
  if (tree && tree.members.length > 0) {
    for (const error of selectionErrors(settings, tree)) orgScope.record(error);
  } else {
    // No organization asked for, or none could be walked: the accounts named, else the caller's own.
    for (const accountId of settings.accounts ?? [callerAccountId]) startAccount(accountId);
  }
  await Promise.all(jobs);

  return {
    callerAccountId,
    accountIds: [...started].sort(compareText),
    accountsWithData,
    incompleteAccounts: incompleteAccounts.sort(compareText),
    ...(tree ? { organization: organizationJson(tree, (await policies) ?? []) } : {}),
    errors: orgScope.errors,
    regions,
  };
}

/** Accounts named with --accounts that the organization does not have, or has but not ACTIVE. */
export function selectionErrors(
  settings: Pick<CollectSettings, "accounts" | "excludeAccounts" | "shard">,
  tree: OrganizationTree,
): RecordedError[] {
  const states = new Map(tree.members.map((m) => [m.id, m.state]));
  const excluded = new Set(settings.excludeAccounts ?? []);
  // Each named account is reported by the one shard it belongs to, so that merged shards list it once.
  return (settings.accounts ?? [])
    .filter((id) => states.get(id) !== "ACTIVE" && !excluded.has(id) && inShard(id, settings.shard))
    .map((id) => {
      const state = states.get(id);
      return {
        service: "trustscan",
        operation: "SelectAccounts",
        resource: id,
        code: state === undefined ? "AccountNotInOrganization" : "AccountNotActive",
        message: state === undefined ? "not found in the organization" : `account state is ${state}`,
      };
    });
}
