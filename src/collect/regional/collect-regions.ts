import type { CallScope } from "../calls.js";
import type { AccountClients } from "../clients.js";
import { compareText } from "../errors.js";
import type { JsonObject } from "../normalize.js";
import { REGIONAL_COLLECTORS, type RegionalCollector } from "./index.js";
import { regionsToRead } from "./regions.js";

export interface RegionalResult {
  /** The `regions` object of the account file: regions, then services, in name order; undefined when empty. */
  section: JsonObject | undefined;
  /** The regions read. */
  regions: string[];
}

/**
 * Reads every regional service in every region to read (regionsToRead), all under the account's CallScope: its
 * bound on calls in flight, its retries and its deadline. A region of which nothing could be read has no entry
 * (its errors say why).
 */
export async function collectRegions(
  scope: CallScope,
  clients: AccountClients,
  account: { accountId: string; partition: string },
  homeRegion: string,
  requested?: readonly string[],
  collectors: Readonly<Partial<Record<string, RegionalCollector>>> = REGIONAL_COLLECTORS,
): Promise<RegionalResult> {
  const regions = await regionsToRead(scope, clients.regional(homeRegion).ec2(), homeRegion, requested);
  const services = Object.keys(collectors).sort(compareText);
  const perRegion = await Promise.all(
    regions.map(async (region) => {
      const target = { ...account, region };
      const regional = clients.regional(region);
      const sections = await Promise.all(
        services.map((service) => (collectors[service] as RegionalCollector)(scope, regional, target)),
      );
      const entry: JsonObject = {};
      services.forEach((service, index) => {
        const section = sections[index];
        if (section) entry[service] = section;
      });
      return entry;
    }),
  );
  const section: JsonObject = {};
  regions.forEach((region, index) => {
    const entry = perRegion[index] as JsonObject;
    if (Object.keys(entry).length > 0) section[region] = entry;
  });
  return { section: Object.keys(section).length > 0 ? section : undefined, regions };
}
