import type { PlainPolicyResource } from "../../model/resource.js";
import type { ReadProblem } from "../../model/snapshot.js";
import type { JsonNode } from "../json-node.js";
import { readArn, type ArnShape } from "./regional-arn.js";
import type { RegionalContext } from "./regional-reader.js";
import { readResourcePolicy } from "./resource-policy.js";

const TABLE_ARN: ArnShape = {
  what: "a DynamoDB table ARN",
  service: "dynamodb",
  resource: /^table\/([^/]+)$/,
  example: "table/<name>",
};

const STREAM_ARN: ArnShape = {
  what: "a DynamoDB stream ARN",
  service: "dynamodb",
  resource: /^table\/([^/]+\/stream\/.+)$/,
  example: "table/<name>/stream/<label>",
};

/**
 * `dynamodb.Tables`: ListTables, DescribeTable and GetResourcePolicy for the table and for its latest stream, each a
 * resource of its own with its own policy. ARNs: `arn:aws:dynamodb:<region>:<account>:table/<name>` and
 * `…:table/<name>/stream/<label>`.
 */
export function readTable(
  node: JsonNode,
  context: RegionalContext,
  problems: ReadProblem[],
): PlainPolicyResource[] {
  const entry = node.object(
    'a table object such as {"TableName": "...", "TableArn": "...", "Policy": {...}}',
  );
  const { arn, name } = readArn(entry, "TableArn", TABLE_ARN, context);
  const table: PlainPolicyResource = {
    type: "AWS::DynamoDB::Table",
    arn,
    name: entry.optionalString("TableName") ?? name,
    accountId: context.accountId,
    region: context.region,
    policy: readResourcePolicy(entry, "Policy", problems),
    location: node.deferredLocation(),
  };
  const streamNode = entry.get("LatestStreamArn");
  if (streamNode === undefined || streamNode.isNull()) {
    // A stream policy with no stream to hold it would be a policy judged on nothing.
    const policy = entry.get("StreamPolicy");
    if (policy !== undefined && !policy.isNull()) {
      entry.missing("LatestStreamArn", "the ARN of the stream whose StreamPolicy is given");
    }
    return [table];
  }
  const stream = readArn(entry, "LatestStreamArn", STREAM_ARN, context);
  if (!stream.name.startsWith(`${name}/stream/`)) {
    streamNode.fail(`a stream ARN of table ${name} (the table it is listed under)`);
  }
  return [
    table,
    {
      type: "AWS::DynamoDB::Stream",
      arn: stream.arn,
      name: stream.name,
      accountId: context.accountId,
      region: context.region,
      policy: readResourcePolicy(entry, "StreamPolicy", problems),
      location: streamNode.deferredLocation(),
    },
  ];
}
