import type { CallerAccess } from "./access.js";
import { isPublicCaller, isUnnamedNetwork, type Caller, type Network, type Party } from "./callers.js";

/** Who a grant reaches outside the zone, in the terms the rules decide on (docs/semantics.md#rules). */
export interface Reach {
  /** Unnamed principals or anonymous callers from the internet: public. */
  public: boolean;
  /** Named outside parties (accounts, organizations, unresolved principals), and "anyone" behind a named network. */
  parties: Party[];
  /** True when every outside AWS-side caller gets in only through a named network (VPC, endpoint, IP range). */
  networkOnly: boolean;
  networks: string[];
  /**
   * When others come in from anywhere: the parties that come in only through named networks, and those networks
   * (they are not in `parties`, which speaks of callers from anywhere).
   */
  networkParties: Party[];
  networkPartyNetworks: string[];
  /** AWS principals or anonymous callers get in at all. */
  principalAccess: boolean;
  /** A service gets in acting for any account, or with no source at all: nothing confines it. */
  serviceUnconfined: boolean;
  /** Services get in acting only for these outside parties. */
  serviceSources: Party[];
  services: string[];
  actions: string[];
}

export function describeNetwork(network: Network): string {
  switch (network.kind) {
    case "internet":
      return "the internet";
    case "own-vpc":
      return "a VPC of their own";
    case "vpce":
      return `VPC endpoint ${network.id}`;
    case "vpc":
      return `VPC ${network.id}`;
    case "ip":
      return `IP range ${network.text}`;
  }
}

export function partyKey(party: Party): string {
  return party.kind === "anyone" ? "anyone" : `${party.kind}:${party.id}`;
}

function uniqueParties(callers: readonly Caller[]): Party[] {
  const seen = new Map<string, Party>();
  for (const caller of callers) seen.set(partyKey(caller.party), caller.party);
  return [...seen.values()].sort((a, b) => partyKey(a).localeCompare(partyKey(b)));
}

/** Every rule reads the reach of every grant; each access list is summarised once. */
const summaries = new WeakMap<readonly CallerAccess[], Reach>();

export function summarizeReach(accesses: readonly CallerAccess[]): Reach {
  let reach = summaries.get(accesses);
  if (!reach) {
    reach = summarize(accesses);
    summaries.set(accesses, reach);
  }
  return reach;
}

function summarize(accesses: readonly CallerAccess[]): Reach {
  const principalSide = accesses.filter((a) => a.caller.kind !== "service").map((a) => a.caller);
  const serviceSide = accesses.filter((a) => a.caller.kind === "service").map((a) => a.caller);
  const fromInternet = principalSide.filter((c) => isUnnamedNetwork(c.network));
  const networkOnly = principalSide.length > 0 && fromInternet.length === 0;
  const counted = networkOnly ? principalSide : fromInternet;
  const fromAnywhere = new Set(fromInternet.map((c) => partyKey(c.party)));
  const throughNetworks = networkOnly
    ? []
    : principalSide.filter((c) => !isUnnamedNetwork(c.network) && !fromAnywhere.has(partyKey(c.party)));
  const unconfinedServices = serviceSide.filter((c) => c.party.kind === "anyone");
  const services = new Set(serviceSide.map((c) => c.service ?? ""));
  return {
    public: principalSide.some(isPublicCaller),
    parties: uniqueParties(counted),
    networkOnly,
    networks: networkOnly ? [...new Set(principalSide.map((c) => describeNetwork(c.network)))].sort() : [],
    networkParties: uniqueParties(throughNetworks),
    networkPartyNetworks: [...new Set(throughNetworks.map((c) => describeNetwork(c.network)))].sort(),
    principalAccess: principalSide.length > 0,
    serviceUnconfined: unconfinedServices.length > 0,
    serviceSources: uniqueParties(serviceSide.filter((c) => c.party.kind !== "anyone")),
    services: [...services].sort(),
    actions: [...new Set(accesses.flatMap((a) => a.actions))].sort(),
  };
}
