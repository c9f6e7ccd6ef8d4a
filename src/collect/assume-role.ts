import { AssumeRoleCommand, type AssumeRoleCommandOutput, type STSClient } from "@aws-sdk/client-sts";
import type { CredentialProvider, Credentials } from "./clients.js";

export const ROLE_SESSION_NAME = "trustscan-collect";
// One hour: the most STS allows when the caller is itself a role (role chaining).
const SESSION_SECONDS = 3_600;
// Renew this long before expiry, so that no request is signed with credentials about to lapse.
const RENEW_BEFORE_MS = 5 * 60_000;

export interface MemberRole {
  accountId: string;
  partition: string;
  roleName: string;
  externalId?: string;
}

export function memberRoleArn(role: MemberRole): string {
  return `arn:${role.partition}:iam::${role.accountId}:role/${role.roleName}`;
}

/** Sends AssumeRole for a member role (the caller decides how: retries, counting). */
export type AssumeRole = (sts: STSClient, command: AssumeRoleCommand) => Promise<AssumeRoleCommandOutput>;

function toCredentials(output: AssumeRoleCommandOutput, roleArn: string): Credentials {
  const c = output.Credentials;
  if (!c?.AccessKeyId || !c.SecretAccessKey) throw new Error(`AssumeRole ${roleArn} returned no credentials`);
  return {
    accessKeyId: c.AccessKeyId,
    secretAccessKey: c.SecretAccessKey,
    ...(c.SessionToken ? { sessionToken: c.SessionToken } : {}),
    ...(c.Expiration ? { expiration: c.Expiration } : {}),
  };
}

/**
 * Credentials of a member account's role, assumed with the caller's STS client, kept in memory only and
 * renewed before they expire (a large account can take longer than one session).
 */
export function assumedRoleCredentials(
  sts: STSClient,
  role: MemberRole,
  assume: AssumeRole,
  now: () => number = Date.now,
): CredentialProvider {
  const roleArn = memberRoleArn(role);
  let current: Promise<Credentials> | undefined;
  const fresh = (c: Credentials) => !c.expiration || c.expiration.getTime() - now() > RENEW_BEFORE_MS;

  const renew = (): Promise<Credentials> => {
    const command = new AssumeRoleCommand({
      RoleArn: roleArn,
      RoleSessionName: ROLE_SESSION_NAME,
      DurationSeconds: SESSION_SECONDS,
      ...(role.externalId ? { ExternalId: role.externalId } : {}),
    });
    const attempt = assume(sts, command).then((output) => toCredentials(output, roleArn));
    current = attempt;
    // A failed attempt is not kept: the next request tries again.
    attempt.catch(() => {
      if (current === attempt) current = undefined;
    });
    return attempt;
  };

  return async () => {
    const pending = current ?? renew();
    const credentials = await pending;
    if (fresh(credentials)) return credentials;
    // Stale: the first request to notice renews, the others wait for that renewal.
    return current === pending ? renew() : (current ?? renew());
  };
}
