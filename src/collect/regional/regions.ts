import { DescribeRegionsCommand, type EC2Client } from "@aws-sdk/client-ec2";
import type { CallScope } from "../calls.js";
import { compareText, toRecordedError } from "../errors.js";

/**
 * The regions to read in one account. Asked of each account with its own credentials (EC2 DescribeRegions,
 * `AllRegions: false`: the regions enabled for it), because opt-in regions are enabled account by account: the
 * caller's list would miss a member's opted-in region, and with it whatever that region holds.
 *
 * - Without `requested` (`--regions`): every region enabled for the account. If the list cannot be read, the
 *   error is recorded and only `homeRegion` (`--region`, where the global calls go) is read.
 * - With `requested`: those of them enabled for the account; each other one is recorded (`RegionNotEnabled`) and
 *   not read. If the list cannot be read, all of them are read, and a region that is not enabled fails call by
 *   call, each failure recorded.
 */
export async function regionsToRead(
  scope: CallScope,
  ec2: EC2Client,
  homeRegion: string,
  requested?: readonly string[],
): Promise<string[]> {
  let enabled: Set<string>;
  try {
    const answer = await scope.send((abortSignal) =>
      ec2.send(new DescribeRegionsCommand({ AllRegions: false }), { abortSignal }),
    );
    enabled = new Set(
      (answer.Regions ?? []).flatMap((region) => (region.RegionName ? [region.RegionName] : [])),
    );
  } catch (error) {
    scope.record(toRecordedError(error, { service: "ec2", operation: "DescribeRegions" }));
    return [...(requested ?? [homeRegion])].sort(compareText);
  }
  if (!requested) return [...enabled].sort(compareText);
  for (const region of requested) {
    if (enabled.has(region)) continue;
    scope.record({
      service: "trustscan",
      region,
      operation: "SelectRegions",
      code: "RegionNotEnabled",
      message: "not among the regions enabled for this account (EC2 DescribeRegions); not read",
    });
  }
  return requested.filter((region) => enabled.has(region)).sort(compareText);
}
