/**
 * AWS Secrets Manager (service prefix `secretsmanager`): the actions that apply to each resource type trustscan reads, by access
 * level, transcribed from the Service Authorization Reference's "Actions defined by AWS Secrets Manager" table (the
 * actions whose "Resource types" column names the type). List and Read are `read`; Write and Tagging are `write`;
 * Permissions management is `permissions` (docs/semantics.md#resource-types).
 */
import type { ServiceActions, ServiceReference } from "./service-actions.js";

export const SECRETS_MANAGER_SERVICE: ServiceReference = {
  prefix: "secretsmanager",
  source: {
    title: "Actions, resources, and condition keys for AWS Secrets Manager - Service Authorization Reference",
    url: "https://docs.aws.amazon.com/service-authorization/latest/reference/list_awssecretsmanager.html",
  },
};

/** The secretsmanager actions that apply to a secret (resource type `Secret`). */
export const SECRETS_MANAGER_SECRET_ACTIONS: ServiceActions = {
  service: SECRETS_MANAGER_SERVICE,
  read: ["DescribeSecret", "GetResourcePolicy", "GetSecretValue", "ListSecretVersionIds"],
  write: [
    "CancelRotateSecret",
    "CreateSecret",
    "DeleteSecret",
    "PutSecretValue",
    "RemoveRegionsFromReplication",
    "ReplicateSecretToRegions",
    "RestoreSecret",
    "RotateSecret",
    "StopReplicationToReplica",
    "TagResource",
    "UntagResource",
    "UpdateSecret",
    "UpdateSecretVersionStage",
  ],
  permissions: ["DeleteResourcePolicy", "PutResourcePolicy", "ValidateResourcePolicy"],
};
