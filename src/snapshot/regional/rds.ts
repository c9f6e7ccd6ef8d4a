import type { SharedResource } from "../../model/resource.js";
import type { JsonNode } from "../json-node.js";
import { optionalList } from "./fields.js";
import { readArn, type ArnShape } from "./regional-arn.js";
import type { RegionalContext } from "./regional-reader.js";
import { readRestoreShares } from "./shares.js";

interface RdsSnapshotShape {
  type: "AWS::RDS::DBSnapshot" | "AWS::RDS::DBClusterSnapshot";
  entry: string;
  idKey: string;
  arnKey: string;
  arn: ArnShape;
}

function rdsSnapshotReader(shape: RdsSnapshotShape) {
  return (node: JsonNode, context: RegionalContext): SharedResource => {
    const entry = node.object(shape.entry);
    const { arn, name } = readArn(entry, shape.arnKey, shape.arn, context);
    const attributes = optionalList(entry, "Attributes", "an array of snapshot attributes");
    return {
      type: shape.type,
      arn,
      name: entry.optionalString(shape.idKey) ?? name,
      accountId: context.accountId,
      region: context.region,
      shares: attributes === undefined ? undefined : readRestoreShares(attributes),
      location: node.deferredLocation(),
    };
  };
}

/**
 * `rds.DBSnapshots`: DescribeDBSnapshots (manual) and DescribeDBSnapshotAttributes. ARN:
 * `arn:aws:rds:<region>:<account>:snapshot:<identifier>`.
 */
export const readDbSnapshot = rdsSnapshotReader({
  type: "AWS::RDS::DBSnapshot",
  entry:
    'a DB snapshot object such as {"DBSnapshotIdentifier": "...", "DBSnapshotArn": "...", "Attributes": [...]}',
  idKey: "DBSnapshotIdentifier",
  arnKey: "DBSnapshotArn",
  arn: {
    what: "an RDS DB snapshot ARN",
    service: "rds",
    resource: /^snapshot:(.+)$/,
    example: "snapshot:<identifier>",
  },
});

/**
 * `rds.DBClusterSnapshots`: DescribeDBClusterSnapshots (manual) and DescribeDBClusterSnapshotAttributes. ARN:
 * `arn:aws:rds:<region>:<account>:cluster-snapshot:<identifier>`.
 */
export const readDbClusterSnapshot = rdsSnapshotReader({
  type: "AWS::RDS::DBClusterSnapshot",
  entry:
    'a DB cluster snapshot object such as {"DBClusterSnapshotIdentifier": "...", "DBClusterSnapshotArn": "...", ' +
    '"Attributes": [...]}',
  idKey: "DBClusterSnapshotIdentifier",
  arnKey: "DBClusterSnapshotArn",
  arn: {
    what: "an RDS DB cluster snapshot ARN",
    service: "rds",
    resource: /^cluster-snapshot:(.+)$/,
    example: "cluster-snapshot:<identifier>",
  },
});
