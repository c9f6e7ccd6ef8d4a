import type { Finding } from "../findings/finding.js";
import { knownAccount, vendorLabel } from "../vendors/known-accounts.js";

export interface VendorName {
  accountId: string;
  /** e.g. `Datadog`, `AWS ELB logs`, `DoIt, retired account`. */
  label: string;
}

/** The finding's outside accounts that the known-accounts list names, in the finding's order. */
export function vendorsOf(finding: Finding): VendorName[] {
  return (finding.principal.accounts ?? []).flatMap((accountId) => {
    const label = vendorLabel(accountId);
    return label === undefined ? [] : [{ accountId, label }];
  });
}

// An account id standing as a word of the sentence: not inside an ARN (`::464622532012:`), a bucket name
// (`logs-464622532012`) or a longer number.
const STANDALONE_ACCOUNT_ID = /(?<=^|[\s(])\d{12}(?=$|[\s).,;])/g;

/**
 * The finding's message with its outside accounts named: "account 464622532012 (Datadog) (outside …)". An account
 * the sentence does not mention as a word is named in a sentence of its own. Only the finding's outside accounts
 * are named (never its resource's own account), and only in reports: rule messages and fingerprints are unchanged.
 */
export function labelledMessage(finding: Finding): string {
  const vendors = vendorsOf(finding);
  if (vendors.length === 0) return finding.message;
  const { text: message, inline } = labelAccountsIn(finding.message, vendors);
  const rest = vendors.filter((vendor) => !inline.has(vendor.accountId));
  if (rest.length === 0) return message;
  const named = rest.map((vendor) => `${vendor.accountId} is ${vendor.label}`).join("; ");
  const separator = /[.!?]$/.test(message.trim()) ? " " : ". ";
  return `${message.trim()}${separator}Known account: ${named}.`;
}

/** `text` with each of `vendors`' account ids that stands as a word followed by the vendor's name. */
export function labelAccountsIn(
  text: string,
  vendors: readonly VendorName[],
): { text: string; inline: Set<string> } {
  const labels = new Map(vendors.map((vendor) => [vendor.accountId, vendor.label]));
  const inline = new Set<string>();
  const labelled = text.replace(STANDALONE_ACCOUNT_ID, (id) => {
    const label = labels.get(id);
    if (label === undefined) return id;
    inline.add(id);
    return `${id} (${label})`;
  });
  return { text: labelled, inline };
}

/** Whether an account id is in the known-accounts list (for reports that name accounts outside findings). */
export function isKnownAccount(accountId: string): boolean {
  return knownAccount(accountId) !== undefined;
}
