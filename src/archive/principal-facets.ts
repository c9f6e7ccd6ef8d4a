import type { Finding } from "../findings/finding.js";
import { knownAccount } from "../vendors/known-accounts.js";

/** What an archive rule can match of a finding's principal. */
export interface PrincipalFacets {
  accounts: string[];
  vendors: string[];
  services: string[];
  providers: string[];
}

function valuesOf(written: Record<string, unknown>, key: string): string[] {
  const value = written[key];
  const list = Array.isArray(value) ? value : [value];
  return list.filter((item): item is string => typeof item === "string");
}

/** The principal as written is the policy's Principal element in JSON (an ACL grantee is plain text). */
function writtenPrincipal(written: string): Record<string, unknown> {
  if (!written.startsWith("{")) return {};
  try {
    const parsed: unknown = JSON.parse(written);
    return parsed !== null && typeof parsed === "object" && !Array.isArray(parsed)
      ? (parsed as Record<string, unknown>)
      : {};
  } catch {
    return {};
  }
}

export function principalFacets(finding: Finding): PrincipalFacets {
  const accounts = [...(finding.principal.accounts ?? [])];
  const written = writtenPrincipal(finding.principal.written);
  const vendors = accounts.flatMap((id) => {
    const known = knownAccount(id);
    return known ? [known.name] : [];
  });
  return {
    accounts,
    vendors,
    services: valuesOf(written, "Service"),
    providers: valuesOf(written, "Federated"),
  };
}
