/**
 * Amazon Elastic File System (service prefix `elasticfilesystem`): the actions that apply to each resource type trustscan reads, by access
 * level, transcribed from the Service Authorization Reference's "Actions defined by Amazon Elastic File System" table (the
 * actions whose "Resource types" column names the type). List and Read are `read`; Write and Tagging are `write`;
 * Permissions management is `permissions` (docs/semantics.md#resource-types).
 */
import type { ServiceActions, ServiceReference } from "./service-actions.js";

export const EFS_SERVICE: ServiceReference = {
  prefix: "elasticfilesystem",
  source: {
    title:
      "Actions, resources, and condition keys for Amazon Elastic File System - Service Authorization Reference",
    url: "https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazonelasticfilesystem.html",
  },
};

/** The elasticfilesystem actions that apply to a file system (resource type `file-system`). */
export const EFS_FILE_SYSTEM_ACTIONS: ServiceActions = {
  service: EFS_SERVICE,
  read: [
    "ClientMount",
    "DescribeAccessPoints",
    "DescribeBackupPolicy",
    "DescribeFileSystemPolicy",
    "DescribeFileSystems",
    "DescribeLifecycleConfiguration",
    "DescribeMountTargets",
    "DescribeMountTargetSecurityGroups",
    "DescribeReplicationConfigurations",
    "DescribeTags",
    "ListTagsForResource",
    "ReplicationRead",
  ],
  write: [
    "Backup",
    "ClientRootAccess",
    "ClientWrite",
    "CreateAccessPoint",
    "CreateMountTarget",
    "CreateReplicationConfiguration",
    "CreateTags",
    "DeleteFileSystem",
    "DeleteMountTarget",
    "DeleteReplicationConfiguration",
    "DeleteTags",
    "ModifyMountTargetSecurityGroups",
    "PutBackupPolicy",
    "PutLifecycleConfiguration",
    "ReplicationWrite",
    "Restore",
    "TagResource",
    "UntagResource",
    "UpdateFileSystem",
    "UpdateFileSystemProtection",
  ],
  permissions: ["DeleteFileSystemPolicy", "PutFileSystemPolicy"],
};
