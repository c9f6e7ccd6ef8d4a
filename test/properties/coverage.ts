/**
 * How a finding relates to one concrete request: whether it covers it (soundness) and which requests witness it
 * (precision). Findings carry who they are about in `principal.judged` (`account 444455556666`, `organization o-…`,
 * `any principal through VPC endpoint vpce-… only`, `service sns.amazonaws.com acting for account …`) and
 * `principal.accounts`; these functions read exactly that.
 */
import { isActive, type Finding } from "../../src/findings/finding.js";
import type { OracleDecision } from "../oracle/evaluate.js";
import { parseIp, parseRange, rangeContains } from "../oracle/ip.js";
import type { OraclePrincipal, OracleRequest } from "../oracle/request.js";

export function fromGrant(finding: Finding, decision: OracleDecision): boolean {
  return finding.source.kind === "statement"
    ? decision.allowingStatements.includes(finding.source.index)
    : decision.allowingAclGrants.includes(finding.source.index);
}

export interface JudgedParties {
  /** Set for a finding about services: the service names (`<any service>` for any). */
  services?: string[];
  accounts: string[];
  orgs: string[];
  anyone: boolean;
  canonicalUsers: string[];
  /** Set when the finding says the callers get in through these networks only. */
  networks?: string[];
}

export function judgedParties(finding: Finding): JudgedParties {
  let text = finding.principal.judged;
  // `service X acting for Y`, or a low-graded role trust `service X, passed the role only from the role's own account`.
  const service =
    /^service (.+?)(?: acting for (.+)|, passed the role only from the role's own account)$/.exec(text);
  const services = service ? (service[1] ?? "").split(", ") : undefined;
  if (service) text = service[2] ?? "any account";
  const through = / through (.+) only$/.exec(text);
  const networks = through ? (through[1] ?? "").split(" or ") : undefined;
  return {
    ...(services ? { services } : {}),
    accounts: finding.principal.accounts ?? [],
    orgs: [...text.matchAll(/organization (o-[a-z0-9]+)/g)].map((m) => m[1] ?? ""),
    anyone: /any principal|any account/.test(text),
    canonicalUsers: [...text.matchAll(/S3 canonical user (\S+)/g)].map((m) => m[1] ?? ""),
    ...(networks ? { networks } : {}),
  };
}

/** Does a network the finding names take in the request's network? */
function networkNamed(names: readonly string[], context: OracleRequest["context"]): boolean {
  const ip = context?.["aws:SourceIp"];
  const vpce = context?.["aws:SourceVpce"];
  return names.some((name) => {
    if (name === "a VPC of their own") return vpce !== undefined;
    if (name.startsWith("VPC endpoint ")) return vpce === name.slice("VPC endpoint ".length);
    if (name.startsWith("IP range ") && typeof ip === "string") {
      const range = parseRange(name.slice("IP range ".length));
      const address = parseIp(ip);
      return range !== undefined && address !== undefined && rangeContains(range, address);
    }
    return false;
  });
}

function partyCovers(
  parties: JudgedParties,
  account: string | undefined,
  orgId: string | undefined,
): boolean {
  return (
    parties.anyone ||
    (account !== undefined && parties.accounts.includes(account)) ||
    (orgId !== undefined && parties.orgs.includes(orgId))
  );
}

/** Is this request's caller among those an active finding on the granting statement (or ACL grant) reports? */
export function findingCovers(finding: Finding, request: OracleRequest, decision: OracleDecision): boolean {
  if (!isActive(finding) || !fromGrant(finding, decision)) return false;
  const principal: OraclePrincipal = request.principal;
  if (finding.ruleId === "public-access") return true;
  if (finding.ruleId === "confused-deputy") return principal.kind === "service";
  if (finding.ruleId !== "external-access") return false;
  const parties = judgedParties(finding);
  if (parties.services) {
    if (principal.kind !== "service") return false;
    if (!parties.services.includes(principal.service) && !parties.services.includes("<any service>"))
      return false;
    return partyCovers(parties, principal.sourceAccount, principal.sourceOrgId);
  }
  if (principal.kind === "service" || principal.kind === "federated") return false;
  if (parties.networks && !networkNamed(parties.networks, request.context)) return false;
  if (principal.kind === "anonymous") return parties.anyone;
  return (
    partyCovers(parties, principal.account, principal.orgId) ||
    (principal.canonicalUserId !== undefined && parties.canonicalUsers.includes(principal.canonicalUserId))
  );
}
