import { parse } from "yaml";

/** What trustscan keeps of one account of the known-accounts list. */
export interface KnownAccount {
  /** The vendor's name, or for an AWS-owned account the AWS service it serves (e.g. `ELB logs`). */
  name: string;
  /** The account belongs to AWS itself (`type: aws` in the list). */
  aws?: true;
  /** The list marks the account as no longer in use (`enabled: false` or a `deprecated_date`). */
  retired?: true;
}

export interface KnownAccountsData {
  source: { repository: string; commit: string; licence: string };
  accounts: Record<string, KnownAccount>;
}

interface ListEntry {
  name: string;
  accounts: string[];
  type?: "aws";
  enabled?: boolean;
  deprecated_date?: string;
}

/**
 * The lookup table trustscan ships, from the text of the list's accounts.yaml: account id → name. An account that
 * two entries name gets both names; an account is retired only when every entry naming it is.
 */
export function deriveKnownAccounts(
  yamlText: string,
  source: KnownAccountsData["source"],
): KnownAccountsData {
  const entries = parse(yamlText) as ListEntry[];
  const byId = new Map<string, { names: string[]; aws: boolean; retired: boolean }>();
  for (const entry of entries) {
    const retired = entry.enabled === false || entry.deprecated_date !== undefined;
    for (const id of entry.accounts) {
      const known = byId.get(id);
      if (!known) {
        byId.set(id, { names: [entry.name], aws: entry.type === "aws", retired });
        continue;
      }
      if (!known.names.includes(entry.name)) known.names.push(entry.name);
      known.aws &&= entry.type === "aws";
      known.retired &&= retired;
    }
  }
  const accounts: Record<string, KnownAccount> = {};
  for (const id of [...byId.keys()].sort()) {
    const known = byId.get(id)!;
    accounts[id] = {
      name: [...known.names].sort().join(" / "),
      ...(known.aws ? { aws: true as const } : {}),
      ...(known.retired ? { retired: true as const } : {}),
    };
  }
  return { source, accounts };
}

/** The file's text: 2-space JSON and a trailing newline, so that a refresh gives a readable diff. */
export function renderKnownAccounts(data: KnownAccountsData): string {
  return `${JSON.stringify(data, null, 2)}\n`;
}
