/**
 * Principal and NotPrincipal matching for the oracle (IAM User Guide, "AWS JSON policy elements: Principal" and
 * "NotPrincipal"). A caller has several identities: an IAM role session is its account, its role and its session;
 * an IAM user is its account and itself; the root user is its account. `Principal` names the caller when an entry
 * names one of its identities.
 *
 * `NotPrincipal` is not settled: the guide says that a Deny whose NotPrincipal lists a role or user but not its
 * account "might" deny the whole account, depending on the service. Where the documentation leaves the verdict open
 * the oracle takes the reading that grants access, as a tool that errs must err toward reporting: a Deny with
 * NotPrincipal exempts a caller when any of its identities is listed, an Allow applies when any is not.
 */
import type { PrincipalEntry } from "../../src/model/policy.js";
import { identityArns, type OraclePrincipal } from "./request.js";

export class OracleInvalidPrincipalError extends Error {}

type Identity =
  | { kind: "anonymous" }
  | { kind: "account"; account: string; canonicalUserId?: string }
  | { kind: "arn"; arn: string }
  | { kind: "unique-id"; id: string }
  | { kind: "service"; service: string }
  | { kind: "federated"; provider: string };

export function identitiesOf(principal: OraclePrincipal): Identity[] {
  switch (principal.kind) {
    case "anonymous":
      return [{ kind: "anonymous" }];
    case "service":
      return [{ kind: "service", service: principal.service }];
    case "federated":
      return [{ kind: "federated", provider: principal.provider }];
    case "iam": {
      const account: Identity = {
        kind: "account",
        account: principal.account,
        ...(principal.canonicalUserId ? { canonicalUserId: principal.canonicalUserId } : {}),
      };
      const arns = identityArns(principal).map((arn): Identity => ({ kind: "arn", arn }));
      const unique: Identity[] = principal.uniqueId ? [{ kind: "unique-id", id: principal.uniqueId }] : [];
      return [account, ...arns, ...unique];
    }
  }
}

const ROOT_ARN = /^arn:[^:]+:iam::(\d{12}):root$/;
const UNIQUE_ID = /^(AIDA|AROA|AGPA|AIPA|ANPA|ANVA|ASIA|AKIA)[A-Z0-9]{8,}$/;

function entryNames(entry: PrincipalEntry, identity: Identity): boolean {
  const value = entry.value.trim();
  switch (entry.type) {
    case "AWS": {
      if (value === "*") return true;
      // IAM rejects wildcards in principal ARNs (only "*" alone is allowed): the oracle refuses to guess.
      if (value.includes("*") || value.includes("?"))
        throw new OracleInvalidPrincipalError(`oracle: IAM rejects the principal ${value}`);
      const account = /^\d{12}$/.test(value) ? value : ROOT_ARN.exec(value)?.[1];
      if (account !== undefined) return identity.kind === "account" && identity.account === account;
      if (UNIQUE_ID.test(value)) return identity.kind === "unique-id" && identity.id === value;
      return identity.kind === "arn" && identity.arn === value;
    }
    case "Service":
      return identity.kind === "service" && identity.service.toLowerCase() === value.toLowerCase();
    case "CanonicalUser":
      return identity.kind === "account" && identity.canonicalUserId === value;
    case "Federated":
      return identity.kind === "federated" && identity.provider === value;
  }
}

/** `Principal`: some entry names some identity of the caller. */
export function principalNames(entries: readonly PrincipalEntry[], principal: OraclePrincipal): boolean {
  return identitiesOf(principal).some((identity) => entries.some((entry) => entryNames(entry, identity)));
}

/** `NotPrincipal` in a statement with this effect: does the statement apply to the caller? (see above) */
export function notPrincipalApplies(
  entries: readonly PrincipalEntry[],
  principal: OraclePrincipal,
  effect: "Allow" | "Deny",
): boolean {
  const listed = identitiesOf(principal).map((identity) =>
    entries.some((entry) => entryNames(entry, identity)),
  );
  return effect === "Deny" ? !listed.some(Boolean) : !listed.every(Boolean);
}
