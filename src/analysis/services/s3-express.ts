/**
 * Amazon S3 Express (service prefix `s3express`): the actions that apply to each resource type trustscan reads, by access
 * level, transcribed from the Service Authorization Reference's "Actions defined by Amazon S3 Express" table (the
 * actions whose "Resource types" column names the type). List and Read are `read`; Write and Tagging are `write`;
 * Permissions management is `permissions` (docs/semantics.md#resource-types).
 */
import type { ServiceActions, ServiceReference } from "./service-actions.js";

export const S3_EXPRESS_SERVICE: ServiceReference = {
  prefix: "s3express",
  source: {
    title: "Actions, resources, and condition keys for Amazon S3 Express - Service Authorization Reference",
    url: "https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazons3express.html",
  },
};

/** The s3express actions that apply to a directory bucket (resource type `bucket`). */
export const S3_EXPRESS_DIRECTORY_BUCKET_ACTIONS: ServiceActions = {
  service: S3_EXPRESS_SERVICE,
  read: [
    "GetBucketPolicy",
    "GetEncryptionConfiguration",
    "GetInventoryConfiguration",
    "GetLifecycleConfiguration",
    "GetMetricsConfiguration",
    "ListTagsForResource",
  ],
  write: [
    "CreateBucket",
    "CreateSession",
    "DeleteBucket",
    "PutEncryptionConfiguration",
    "PutInventoryConfiguration",
    "PutLifecycleConfiguration",
    "PutMetricsConfiguration",
    "TagResource",
    "UntagResource",
  ],
  permissions: ["DeleteBucketPolicy", "PutBucketPolicy"],
};
