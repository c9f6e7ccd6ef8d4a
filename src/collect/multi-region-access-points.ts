import {
  GetMultiRegionAccessPointPolicyCommand,
  paginateListMultiRegionAccessPoints,
  type MultiRegionAccessPointReport,
  type S3ControlClient,
} from "@aws-sdk/client-s3-control";
import type { CallScope } from "./calls.js";
import { compareText, type CallSite } from "./errors.js";
import { normalizeApiValue, type Json, type JsonObject } from "./normalize.js";
import { publicAccessBlock } from "./public-access-block.js";
import { decodedPolicy, isRead, readAllPages, readResource, wasDeleted } from "./regional/read.js";
import { presentSortedBy } from "./regional/sorted-entries.js";

/**
 * Where multi-region access points are managed: "All control plane requests to create or maintain Multi-Region
 * Access Points must be routed to the US West (Oregon) Region" (Amazon S3 User Guide, "Using Multi-Region Access
 * Points with supported API operations"). The SDK does not route them there by itself.
 */
export const MULTI_REGION_ACCESS_POINT_REGION = "us-west-2";

// Amazon S3 API Reference, "List of error codes": the multi-region access point no longer exists.
const MRAP_GONE = ["NoSuchMultiRegionAccessPoint"];

export interface MultiRegionAccessPointTarget {
  accountId: string;
  partition: string;
}

const site = (operation: string, resource?: string): CallSite => ({
  service: "s3control",
  operation,
  ...(resource !== undefined ? { resource } : {}),
});

/**
 * The account's multi-region access points, each with its own Block Public Access, its buckets and its policy,
 * for the account file's `s3.MultiRegionAccessPoints`. `s3Control` must be in MULTI_REGION_ACCESS_POINT_REGION.
 * Undefined when they could not be listed (recorded).
 */
export async function collectMultiRegionAccessPoints(
  scope: CallScope,
  s3Control: S3ControlClient,
  target: MultiRegionAccessPointTarget,
): Promise<Json[] | undefined> {
  const pages = await readAllPages(
    scope,
    site("ListMultiRegionAccessPoints"),
    paginateListMultiRegionAccessPoints,
    s3Control,
    { AccountId: target.accountId },
    100,
  );
  if (!pages) return undefined;
  const accessPoints = pages.flatMap((page) => page.AccessPoints ?? []);
  const entries = await Promise.all(
    accessPoints.flatMap((report) =>
      report.Name ? [collectMultiRegionAccessPoint(scope, s3Control, target, report.Name, report)] : [],
    ),
  );
  return presentSortedBy(entries, "Name");
}

async function collectMultiRegionAccessPoint(
  scope: CallScope,
  s3Control: S3ControlClient,
  target: MultiRegionAccessPointTarget,
  name: string,
  report: MultiRegionAccessPointReport,
): Promise<JsonObject | undefined> {
  // A multi-region access point's ARN names it by its alias (Amazon S3 User Guide, "Multi-Region Access Point
  // ARNs"); without one, by its name.
  const arn = `arn:${target.partition}:s3::${target.accountId}:accesspoint/${report.Alias ?? name}`;
  const policySite = site("GetMultiRegionAccessPointPolicy", arn);
  const policy = await readResource(
    scope,
    policySite,
    (abortSignal) =>
      s3Control.send(
        new GetMultiRegionAccessPointPolicyCommand({ AccountId: target.accountId, Name: name }),
        {
          abortSignal,
        },
      ),
    { gone: MRAP_GONE },
  );
  if (wasDeleted(scope, policy)) return undefined;

  const entry: JsonObject = { Name: name };
  if (report.Alias !== undefined) entry.Alias = report.Alias;
  if (report.CreatedAt !== undefined) entry.CreatedAt = normalizeApiValue(report.CreatedAt);
  entry.PublicAccessBlock = report.PublicAccessBlock ? publicAccessBlock(report.PublicAccessBlock) : null;
  entry.Regions = (report.Regions ?? [])
    .map((region) => normalizeApiValue(region) as JsonObject)
    .sort(
      (a, b) =>
        compareText(String(a.Region ?? ""), String(b.Region ?? "")) ||
        compareText(String(a.Bucket ?? ""), String(b.Bucket ?? "")),
    );
  if (isRead(policy)) {
    // The established policy is the one in force. A policy just put is "proposed" until every region has it
    // (Amazon S3 API Reference, MultiRegionAccessPointPolicyDocument): with none established yet, it is the one
    // some regions already apply.
    const text = policy.Policy?.Established?.Policy || policy.Policy?.Proposed?.Policy;
    entry.Policy = decodedPolicy(scope, policySite, text);
  }
  return entry;
}
