import {
  DescribeDBClusterSnapshotAttributesCommand,
  DescribeDBSnapshotAttributesCommand,
  paginateDescribeDBClusterSnapshots,
  paginateDescribeDBSnapshots,
  type RDSClient,
} from "@aws-sdk/client-rds";
import type { CallScope, Send } from "../calls.js";
import { compareText, type CallSite } from "../errors.js";
import { normalizeApiValue, type Json, type JsonObject } from "../normalize.js";
import { isRead, readAllPages, readResource, regionalSite, wasDeleted } from "./read.js";
import type { RegionalClients, RegionTarget } from "./regional-clients.js";
import { presentSortedBy } from "./sorted-entries.js";

type RdsSite = (operation: string, resource?: string) => CallSite;

// Amazon RDS API Reference, DescribeDBSnapshotAttributes and DescribeDBClusterSnapshotAttributes, "Errors": the
// snapshot no longer exists. The service's code for DB snapshots differs from its SDK class name: both count.
const DB_SNAPSHOT_GONE = ["DBSnapshotNotFound", "DBSnapshotNotFoundFault"];
const CLUSTER_SNAPSHOT_GONE = ["DBClusterSnapshotNotFoundFault"];

// Manual snapshots are the ones an account can share (Amazon RDS API Reference, ModifyDBSnapshotAttribute); those
// other accounts shared with this one are theirs to report.
const MANUAL = "manual";

/**
 * The `rds` section of one region: the account's manual DB and DB cluster snapshots with their attributes
 * (`restore` names the accounts that may copy or restore one; `all` makes it public).
 */
export async function collectRds(
  scope: CallScope,
  clients: RegionalClients,
  target: RegionTarget,
): Promise<JsonObject | undefined> {
  const rds = clients.rds();
  const site: RdsSite = (operation, resource) => regionalSite(target, "rds", operation, resource);
  const [dbSnapshots, clusterSnapshots] = await Promise.all([
    collectDbSnapshots(scope, rds, site),
    collectClusterSnapshots(scope, rds, site),
  ]);
  const section: JsonObject = {};
  if (dbSnapshots) section.DBSnapshots = dbSnapshots;
  if (clusterSnapshots) section.DBClusterSnapshots = clusterSnapshots;
  return Object.keys(section).length > 0 ? section : undefined;
}

async function collectDbSnapshots(
  scope: CallScope,
  rds: RDSClient,
  site: RdsSite,
): Promise<Json[] | undefined> {
  const pages = await readAllPages(
    scope,
    site("DescribeDBSnapshots"),
    paginateDescribeDBSnapshots,
    rds,
    { SnapshotType: MANUAL },
    100,
  );
  if (!pages) return undefined;
  const snapshots = pages.flatMap((page) => page.DBSnapshots ?? []);
  const entries = await Promise.all(
    snapshots.flatMap(({ DBSnapshotIdentifier: id, DBSnapshotArn: arn }) =>
      id
        ? [
            snapshotEntry(
              scope,
              site("DescribeDBSnapshotAttributes", arn ?? id),
              (abortSignal) =>
                rds.send(new DescribeDBSnapshotAttributesCommand({ DBSnapshotIdentifier: id }), {
                  abortSignal,
                }),
              DB_SNAPSHOT_GONE,
              (answer) => answer.DBSnapshotAttributesResult?.DBSnapshotAttributes,
              { DBSnapshotIdentifier: id, ...(arn ? { DBSnapshotArn: arn } : {}) },
            ),
          ]
        : [],
    ),
  );
  return presentSortedBy(entries, "DBSnapshotIdentifier");
}

async function collectClusterSnapshots(
  scope: CallScope,
  rds: RDSClient,
  site: RdsSite,
): Promise<Json[] | undefined> {
  const pages = await readAllPages(
    scope,
    site("DescribeDBClusterSnapshots"),
    paginateDescribeDBClusterSnapshots,
    rds,
    { SnapshotType: MANUAL },
    100,
  );
  if (!pages) return undefined;
  const snapshots = pages.flatMap((page) => page.DBClusterSnapshots ?? []);
  const entries = await Promise.all(
    snapshots.flatMap(({ DBClusterSnapshotIdentifier: id, DBClusterSnapshotArn: arn }) =>
      id
        ? [
            snapshotEntry(
              scope,
              site("DescribeDBClusterSnapshotAttributes", arn ?? id),
              (abortSignal) =>
                rds.send(
                  new DescribeDBClusterSnapshotAttributesCommand({ DBClusterSnapshotIdentifier: id }),
                  {
                    abortSignal,
                  },
                ),
              CLUSTER_SNAPSHOT_GONE,
              (answer) => answer.DBClusterSnapshotAttributesResult?.DBClusterSnapshotAttributes,
              { DBClusterSnapshotIdentifier: id, ...(arn ? { DBClusterSnapshotArn: arn } : {}) },
            ),
          ]
        : [],
    ),
  );
  return presentSortedBy(entries, "DBClusterSnapshotIdentifier");
}

interface Attribute {
  AttributeName?: string;
  AttributeValues?: string[];
}

/**
 * A listed snapshot with its attributes; without them when they could not be read (recorded), undefined when the
 * snapshot was deleted since it was listed.
 */
async function snapshotEntry<T>(
  scope: CallScope,
  site: CallSite,
  send: Send<T>,
  gone: readonly string[],
  attributesOf: (answer: T) => Attribute[] | undefined,
  listed: JsonObject,
): Promise<JsonObject | undefined> {
  const answer = await readResource(scope, site, send, { gone });
  if (wasDeleted(scope, answer)) return undefined;
  if (!isRead(answer)) return listed;
  const attributes = (attributesOf(answer) ?? [])
    // normalizeApiValue sorts each attribute's values.
    .map((attribute) => normalizeApiValue(attribute) as JsonObject)
    .sort((a, b) => compareText(String(a.AttributeName ?? ""), String(b.AttributeName ?? "")));
  return { ...listed, Attributes: attributes };
}
