import type { PublicAccessBlock } from "../model/resource.js";
import type { RegionalControls, Snapshot } from "../model/snapshot.js";

/** Look-ups across the whole snapshot that a single resource's analysis needs. */
export interface SnapshotIndex {
  bucketOwner(name: string): string | undefined;
  accountOfCanonicalUser(id: string): string | undefined;
  accountPublicAccessBlock(account: string): PublicAccessBlock | null | undefined;
  /**
   * EC2 block public access of one region of an account; undefined: not read. Only a resource's own account is
   * asked, and the account scan answers for it (account-scan.ts), so an index of other accounts may leave it out.
   */
  regionalControls?(account: string, region: string): RegionalControls | undefined;
}

export function indexSnapshot(snapshot: Snapshot): SnapshotIndex {
  const bucketOwners = new Map<string, string>();
  const canonicalUsers = new Map<string, string>();
  const accountBlocks = new Map<string, PublicAccessBlock | null | undefined>();
  const regionalControls = new Map<string, ReadonlyMap<string, RegionalControls>>();
  for (const account of snapshot.accounts) {
    accountBlocks.set(account.accountId, account.accountPublicAccessBlock);
    regionalControls.set(account.accountId, account.regionalControls);
    for (const bucket of account.buckets) {
      bucketOwners.set(bucket.name, account.accountId);
      // The ACL owner of a bucket is its account's canonical user.
      if (bucket.acl?.ownerId) canonicalUsers.set(bucket.acl.ownerId, account.accountId);
    }
  }
  return {
    bucketOwner: (name) => bucketOwners.get(name),
    accountOfCanonicalUser: (id) => canonicalUsers.get(id),
    accountPublicAccessBlock: (account) => accountBlocks.get(account),
    regionalControls: (account, region) => regionalControls.get(account)?.get(region),
  };
}
