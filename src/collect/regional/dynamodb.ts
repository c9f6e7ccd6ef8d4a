import { DescribeTableCommand, GetResourcePolicyCommand, paginateListTables } from "@aws-sdk/client-dynamodb";
import type { CallScope } from "../calls.js";
import { compareText } from "../errors.js";
import type { Json, JsonObject } from "../normalize.js";
import { decodedPolicy, isRead, readAllPages, readResource, regionalSite, wasDeleted } from "./read.js";
import type { RegionalClients, RegionTarget } from "./regional-clients.js";

const NO_POLICY = ["PolicyNotFoundException"];
// Only DescribeTable tells that a table is gone: GetResourcePolicy is eventually consistent and may answer
// ResourceNotFoundException for a table just created, which is then recorded, never taken for a deletion.
const TABLE_GONE = ["ResourceNotFoundException"];

/**
 * Every DynamoDB table of the region with its resource policy, and the resource policy of its latest stream
 * (GetResourcePolicy on the table's and on the stream's ARN). Of each table's description only what names it and
 * its stream is kept: its item count and size change from one collection to the next.
 */
export async function collectDynamodb(
  scope: CallScope,
  clients: RegionalClients,
  target: RegionTarget,
): Promise<JsonObject | undefined> {
  const pages = await readAllPages(
    scope,
    regionalSite(target, "dynamodb", "ListTables"),
    paginateListTables,
    clients.dynamodb(),
    {},
    100,
  );
  if (!pages) return undefined;
  const names = [...new Set(pages.flatMap((page) => page.TableNames ?? []))];
  const tables = await Promise.all(names.map((name) => collectTable(scope, clients, target, name)));
  return {
    Tables: tables
      .filter((table) => table !== undefined)
      .sort((a, b) => compareText(String(a.TableName), String(b.TableName))),
  };
}

/** A table's ARN, for the record of a DescribeTable that failed (its answer is where the ARN comes from). */
function tableArn(target: RegionTarget, name: string): string {
  return `arn:${target.partition}:dynamodb:${target.region}:${target.accountId}:table/${name}`;
}

async function collectTable(
  scope: CallScope,
  clients: RegionalClients,
  target: RegionTarget,
  name: string,
): Promise<JsonObject | undefined> {
  const dynamodb = clients.dynamodb();
  const described = await readResource(
    scope,
    regionalSite(target, "dynamodb", "DescribeTable", tableArn(target, name)),
    (abortSignal) => dynamodb.send(new DescribeTableCommand({ TableName: name }), { abortSignal }),
    { gone: TABLE_GONE },
  );
  if (wasDeleted(scope, described)) return undefined;
  const entry: JsonObject = { TableName: name };
  const table = isRead(described) ? described.Table : undefined;
  if (!table?.TableArn) return entry;
  entry.TableArn = table.TableArn;
  const streamArn = table.LatestStreamArn;
  const [policy, streamPolicy] = await Promise.all([
    readPolicy(scope, clients, target, table.TableArn),
    streamArn ? readPolicy(scope, clients, target, streamArn) : undefined,
  ]);
  if (policy !== undefined) entry.Policy = policy;
  if (streamArn) {
    entry.LatestStreamArn = streamArn;
    if (streamPolicy !== undefined) entry.StreamPolicy = streamPolicy;
  }
  return entry;
}

/** The policy of a table or stream: decoded, `null` when it has none, undefined when it could not be read. */
async function readPolicy(
  scope: CallScope,
  clients: RegionalClients,
  target: RegionTarget,
  arn: string,
): Promise<Json | undefined> {
  const site = regionalSite(target, "dynamodb", "GetResourcePolicy", arn);
  const answer = await readResource(
    scope,
    site,
    (abortSignal) =>
      clients.dynamodb().send(new GetResourcePolicyCommand({ ResourceArn: arn }), { abortSignal }),
    { absent: NO_POLICY },
  );
  if (answer === undefined) return undefined;
  return decodedPolicy(scope, site, isRead(answer) ? answer.Policy : null);
}
