import type { AccountSnapshot, Organization, Snapshot } from "../model/snapshot.js";
import { InputError } from "./input-error.js";

/**
 * One snapshot from several. An account may appear only once (two versions of it would give duplicate or
 * contradictory findings), and all organization data must be about the same organization; when two
 * snapshots carry the same organization, the first one's data is used.
 */
export function mergeSnapshots(snapshots: Snapshot[]): Snapshot {
  const [first, ...rest] = snapshots;
  if (first === undefined) throw new Error("mergeSnapshots needs at least one snapshot");
  if (rest.length === 0) return first;

  const accounts = new Map<string, AccountSnapshot>();
  let organization: Organization | undefined;
  for (const snapshot of snapshots) {
    for (const account of snapshot.accounts) {
      const earlier = accounts.get(account.accountId);
      if (earlier) {
        throw new InputError({
          file: account.file,
          jsonPath: "$",
          expected: "each account in only one of the snapshots scanned together",
          found: `account ${account.accountId}, already read from ${earlier.file}`,
        });
      }
      accounts.set(account.accountId, account);
    }
    organization = sameOrganization(organization, snapshot.organization);
  }
  return {
    source: snapshots.map((snapshot) => snapshot.source).join(", "),
    accounts: [...accounts.values()],
    ...(organization ? { organization } : {}),
    collectionErrors: snapshots.flatMap((snapshot) => snapshot.collectionErrors),
    readProblems: snapshots.flatMap((snapshot) => snapshot.readProblems),
  };
}

/** The organization of snapshots scanned together: all must be about the same one (the first one's data is kept). */
export function sameOrganization(
  kept: Organization | undefined,
  next: Organization | undefined,
): Organization | undefined {
  if (!kept || !next || kept.id === next.id) return kept ?? next;
  throw new InputError({
    file: next.file,
    jsonPath: "$.Organization.Id",
    expected: `organization ${kept.id} (read from ${kept.file}); scan different organizations separately`,
    found: `organization ${next.id}`,
    line: next.location.startLine,
    column: next.location.startColumn,
  });
}
