/**
 * S3 access points with network origin VPC: "Amazon S3 rejects any request made to the access point that doesn't
 * originate from that VPC" (S3 User Guide, "Creating access points restricted to a virtual private cloud"). Every
 * caller then comes from that VPC: a grant to anyone reaches a party confined to a network, as a grant limited by
 * aws:SourceVpc does, never the public; and no AWS service principal, whose requests come from no VPC
 * (docs/semantics.md#s3-access-points).
 */
import type { AccessPointResource } from "../model/resource.js";
import { UNREAD_VPC, type Caller } from "./callers.js";

/** The VPC every request must come from, for an access point with network origin VPC (UNREAD_VPC: id not read). */
export function accessPointVpc(resource: AccessPointResource): string | undefined {
  if (resource.networkOrigin !== "VPC") return undefined;
  return resource.vpcId ?? UNREAD_VPC;
}

/** The callers that come from the VPC (buildOutsideCallers gives every AWS-side caller a caller from each VPC named). */
export function confineToNetworkOrigin(callers: readonly Caller[], vpc: string): Caller[] {
  return callers.filter(
    (caller) => caller.kind !== "service" && caller.network.kind === "vpc" && caller.network.id === vpc,
  );
}
