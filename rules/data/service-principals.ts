import { ROLE_HANDOVER_LIST, SERVICE_PRINCIPAL_FACT_LIST } from "./service-principal-facts.js";
import type { SourceRef } from "./source-ref.js";

/** The source keys a service can document for the trust policy of the role it assumes. */
export type SourceKey = "aws:SourceAccount" | "aws:SourceArn" | "aws:SourceOrgID" | "aws:SourceOrgPaths";

/**
 * How a service comes to assume a role that trusts it, for the severity of rule `confused-deputy` on a role trust
 * policy (docs/semantics.md#rules):
 * - `pass-role`: AWS documents that the role is handed to the service with iam:PassRole, which only a principal of the
 *   role's own account can do, so another account cannot make the service assume it;
 * - `without-pass-role`: AWS documents a way the service assumes such a role that nobody passed;
 * - `unknown`: no documentation was found either way.
 */
export type RoleHandover =
  | {
      kind: "pass-role" | "without-pass-role";
      /** One or two sentences. */
      reason: string;
      source: SourceRef;
      seeAlso?: readonly SourceRef[];
    }
  | { kind: "unknown" };

/** A documented `RoleHandover` of one service principal (canonical form), as listed in the data table. */
export type RoleHandoverFact = Exclude<RoleHandover, { kind: "unknown" }> & { principal: string };

/**
 * What AWS documents about one service principal when it assumes a role, for rule `confused-deputy`
 * (docs/semantics.md#rules). Each entry was looked up; see `source`.
 */
export interface ServicePrincipalFact {
  /** Canonical form: lower case, commercial partition, no Region ("ec2.amazonaws.com"). */
  principal: string;
  /** true: exempt from confused-deputy when assuming a role (acts only for the role's own account, source keys unsupported for role assumption). */
  exemptForRoleTrust: boolean;
  /** Does the service send aws:SourceArn / aws:SourceAccount when it assumes a role? */
  sendsSourceKeysOnAssumeRole: "yes" | "no" | "unknown";
  /** The source keys the service's documentation shows in the trust policy of its role; empty unless "yes" above. */
  sourceKeysForRoleTrust: readonly SourceKey[];
  /** How the service comes to assume a role that trusts it. */
  roleHandover: RoleHandover;
  /** One or two sentences. */
  reason: string;
  source: SourceRef;
  /** Further pages that support or qualify the entry. */
  seeAlso?: readonly SourceRef[];
}

const UNKNOWN_HANDOVER: RoleHandover = { kind: "unknown" };
const handoverByPrincipal = new Map(
  ROLE_HANDOVER_LIST.map(({ principal, ...handover }) => [principal, handover as RoleHandover]),
);

export const SERVICE_PRINCIPAL_FACTS: readonly ServicePrincipalFact[] = SERVICE_PRINCIPAL_FACT_LIST.map(
  (fact) => ({ ...fact, roleHandover: handoverByPrincipal.get(fact.principal) ?? UNKNOWN_HANDOVER }),
);

/** DNS suffixes of service principals per partition (aws, aws-cn, aws-iso, aws-iso-b). */
const SERVICE_DOMAINS = ["amazonaws.com.cn", "amazonaws.com", "c2s.ic.gov", "sc2s.sgov.gov"] as const;
/** A Region label inside a regional service principal, e.g. "us-east-1", "cn-north-1", "us-gov-west-1", "us-iso-east-1". */
const REGION_LABEL = /^[a-z]{2}(?:-gov|-iso[a-z]?)?-[a-z]+-\d+$/;

/**
 * The canonical form of a service principal: lower case, partition suffix replaced by "amazonaws.com", a Region label
 * dropped ("logs.us-east-1.amazonaws.com" → "logs.amazonaws.com", "ec2.amazonaws.com.cn" → "ec2.amazonaws.com").
 * undefined when the value is not a service principal name.
 */
export function canonicalServicePrincipal(principal: string): string | undefined {
  const name = principal.trim().toLowerCase();
  const domain = SERVICE_DOMAINS.find((suffix) => name.endsWith(`.${suffix}`));
  if (domain === undefined) return undefined;
  const labels = name.slice(0, -(domain.length + 1)).split(".");
  const last = labels[labels.length - 1];
  if (labels.length > 1 && last !== undefined && REGION_LABEL.test(last)) labels.pop();
  if (labels.some((label) => label === "")) return undefined;
  return `${labels.join(".")}.amazonaws.com`;
}

let factsByPrincipal: ReadonlyMap<string, ServicePrincipalFact> | undefined;

/** The documented facts for a service principal in any case, partition or regional form; undefined when not in the table. */
export function lookupServicePrincipal(principal: string): ServicePrincipalFact | undefined {
  const canonical = canonicalServicePrincipal(principal);
  if (canonical === undefined) return undefined;
  factsByPrincipal ??= new Map(SERVICE_PRINCIPAL_FACTS.map((fact) => [fact.principal, fact]));
  return factsByPrincipal.get(canonical);
}
