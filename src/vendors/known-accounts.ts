import data from "../../data/known-aws-accounts/known-accounts.json" with { type: "json" };
import type { KnownAccount, KnownAccountsData } from "./derive.js";

// Bundled from fwdcloudsec/known_aws_accounts (data/known-aws-accounts/ATTRIBUTION.md). Names only: a known
// vendor is still outside the zone of trust, and its findings are reported like any other.
const KNOWN = (data as KnownAccountsData).accounts;

export const KNOWN_ACCOUNTS_SOURCE = (data as KnownAccountsData).source;

export function knownAccount(accountId: string): KnownAccount | undefined {
  return Object.hasOwn(KNOWN, accountId) ? KNOWN[accountId] : undefined;
}

/** How an outside account is named in reports: `Datadog`, `AWS ELB logs`, `DoIt, retired account`. */
export function vendorLabel(accountId: string): string | undefined {
  const known = knownAccount(accountId);
  if (!known) return undefined;
  const name = known.aws ? `AWS ${known.name}` : known.name;
  return known.retired ? `${name}, retired account` : name;
}
