import type { Cidr } from "./cidr.js";

/** Stands for every account (or organization, or service) the policy does not name. */
export const ANY_ACCOUNT = "<any account>";
export const ANY_ORG = "<any organization>";
export const ANY_SERVICE = "<any service>";
export const ANY_VPC = "<any vpc>";
/** The VPC of an access point with network origin VPC whose VPC id was not read: it may be any VPC a policy names. */
export const UNREAD_VPC = "(the access point's VPC, id not read)";

/** Stands for the unknown owner of a bucket outside the snapshot. */
export function bucketOwnerAccount(bucket: string): string {
  return `<owner of bucket ${bucket}>`;
}

export type Network =
  | { kind: "internet" }
  /** Through a VPC or VPC endpoint of the caller's own, which anyone can create: no aws:SourceIp, any VPC ids. */
  | { kind: "own-vpc" }
  | { kind: "vpce"; id: string }
  | { kind: "vpc"; id: string }
  | { kind: "ip"; cidr: Cidr; text: string };

/** Who a caller stands for, in the words of a finding. */
export type Party =
  | { kind: "anyone" }
  | { kind: "account"; id: string }
  | { kind: "organization"; id: string }
  | { kind: "unknown-principal"; id: string }
  | { kind: "canonical-user"; id: string }
  /** The owner of a bucket named in aws:SourceArn that the snapshot does not hold. */
  | { kind: "bucket-owner"; id: string };

/**
 * A representative caller outside the zone of trust: one member stands for a whole class (all principals of an
 * account, every anonymous caller, a service acting for some account).
 */
export interface Caller {
  kind: "anonymous" | "aws" | "service";
  /** AWS principals: their account (ANY_ACCOUNT for an unnamed one). Services: the source account, if any. */
  account?: string;
  /** A principal known only by unique id or canonical user id. */
  principalId?: string;
  /**
   * The one IAM principal of `account` with this ARN (a role's sessions, or a user): the policies name it, in
   * `Principal` or in an aws:PrincipalArn value, so it is judged on its own.
   */
  principalArn?: string;
  /** An identity vouched for by this Federated principal (an IAM OIDC/SAML provider or a web identity provider). */
  federatedProvider?: string;
  /** Every other principal of `account`: those the policies name have callers of their own (principalArn). */
  otherThanArns?: ReadonlySet<string>;
  /** Organization of the principal (or of the service's source account); ANY_ORG for an unnamed one. */
  orgId?: string;
  /** Exact org path when the account is a member of the snapshot's organization. */
  orgPath?: string;
  service?: string;
  network: Network;
  party: Party;
}

/** A caller that stands for unnamed outsiders: if it gets in, anyone can. */
export function standsForAnyone(caller: Caller): boolean {
  return caller.party.kind === "anyone";
}

/** An unnamed AWS principal or anonymous caller from the internet: the grant is public (docs/semantics.md#rules). */
export function isPublicCaller(caller: Caller): boolean {
  return caller.kind !== "service" && standsForAnyone(caller) && isUnnamedNetwork(caller.network);
}

/** The internet, or a VPC the caller owns: no network the policy names. */
export function isUnnamedNetwork(network: Network): boolean {
  return network.kind === "internet" || network.kind === "own-vpc";
}
