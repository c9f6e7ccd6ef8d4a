/**
 * Amazon DynamoDB (service prefix `dynamodb`): the actions that apply to each resource type trustscan reads, by access
 * level, transcribed from the Service Authorization Reference's "Actions defined by Amazon DynamoDB" table (the
 * actions whose "Resource types" column names the type). List and Read are `read`; Write and Tagging are `write`;
 * Permissions management is `permissions` (docs/semantics.md#resource-types).
 */
import type { ServiceActions, ServiceReference } from "./service-actions.js";

export const DYNAMODB_SERVICE: ServiceReference = {
  prefix: "dynamodb",
  source: {
    title: "Actions, resources, and condition keys for Amazon DynamoDB - Service Authorization Reference",
    url: "https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazondynamodb.html",
  },
};

/** The dynamodb actions that apply to a table and its indexes (resource types `table`, `index`), which the table's policy governs. */
export const DYNAMODB_TABLE_ACTIONS: ServiceActions = {
  service: DYNAMODB_SERVICE,
  read: [
    "BatchGetItem",
    "ConditionCheckItem",
    "DescribeContinuousBackups",
    "DescribeContributorInsights",
    "DescribeKinesisStreamingDestination",
    "DescribeTable",
    "DescribeTableReplicaAutoScaling",
    "DescribeTimeToLive",
    "GetItem",
    "GetResourcePolicy",
    "ListExports",
    "ListImports",
    "ListTagsOfResource",
    "PartiQLSelect",
    "Query",
    "ReadDataForReplication",
    "Scan",
    "SearchVectors",
  ],
  write: [
    "AssociateTableReplica",
    "BatchWriteItem",
    "CreateBackup",
    "CreateGlobalTable",
    "CreateGlobalTableWitness",
    "CreateTable",
    "CreateTableReplica",
    "DeleteGlobalTableWitness",
    "DeleteItem",
    "DeleteTable",
    "DeleteTableReplica",
    "DisableKinesisStreamingDestination",
    "EnableKinesisStreamingDestination",
    "ExportTableToPointInTime",
    "ImportTable",
    "PartiQLDelete",
    "PartiQLInsert",
    "PartiQLUpdate",
    "PutItem",
    "ReplicateSettings",
    "RestoreTableFromAwsBackup",
    "RestoreTableFromBackup",
    "RestoreTableToPointInTime",
    "StartAwsBackupJob",
    "TagResource",
    "UntagResource",
    "UpdateContinuousBackups",
    "UpdateContributorInsights",
    "UpdateGlobalTable",
    "UpdateGlobalTableSettings",
    "UpdateGlobalTableVersion",
    "UpdateItem",
    "UpdateKinesisStreamingDestination",
    "UpdateTable",
    "UpdateTableReplicaAutoScaling",
    "UpdateTimeToLive",
    "WriteDataForReplication",
  ],
  permissions: ["DeleteResourcePolicy", "PutResourcePolicy"],
};

/** The dynamodb actions that apply to a stream (resource type `stream`). */
export const DYNAMODB_STREAM_ACTIONS: ServiceActions = {
  service: DYNAMODB_SERVICE,
  read: ["DescribeStream", "GetRecords", "GetResourcePolicy", "GetShardIterator", "ListTagsOfResource"],
  write: ["TagResource", "UntagResource"],
  permissions: ["DeleteResourcePolicy", "PutResourcePolicy"],
};
