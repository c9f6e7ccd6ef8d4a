/**
 * Amazon Elastic Container Registry (service prefix `ecr`): the actions that apply to each resource type trustscan reads, by access
 * level, transcribed from the Service Authorization Reference's "Actions defined by Amazon Elastic Container Registry" table (the
 * actions whose "Resource types" column names the type). List and Read are `read`; Write and Tagging are `write`;
 * Permissions management is `permissions` (docs/semantics.md#resource-types).
 */
import type { ServiceActions, ServiceReference } from "./service-actions.js";

export const ECR_SERVICE: ServiceReference = {
  prefix: "ecr",
  source: {
    title:
      "Actions, resources, and condition keys for Amazon Elastic Container Registry - Service Authorization Reference",
    url: "https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazonelasticcontainerregistry.html",
  },
};

/** The ecr actions that apply to a repository (resource type `repository`). */
export const ECR_REPOSITORY_ACTIONS: ServiceActions = {
  service: ECR_SERVICE,
  read: [
    "BatchCheckLayerAvailability",
    "BatchGetImage",
    "BatchGetRepositoryScanningConfiguration",
    "DescribeImageReplicationStatus",
    "DescribeImages",
    "DescribeImageScanFindings",
    "DescribeImageSigningStatus",
    "DescribeRepositories",
    "GetDownloadUrlForLayer",
    "GetImageCopyStatus",
    "GetLifecyclePolicy",
    "GetLifecyclePolicyPreview",
    "GetRepositoryPolicy",
    "ListImages",
    "ListTagsForResource",
  ],
  write: [
    "BatchDeleteImage",
    "BatchImportUpstreamImage",
    "CompleteLayerUpload",
    "CreateRepository",
    "DeleteLifecyclePolicy",
    "DeleteRepository",
    "InitiateLayerUpload",
    "PutImage",
    "PutImageScanningConfiguration",
    "PutImageTagMutability",
    "PutLifecyclePolicy",
    "ReplicateImage",
    "StartImageScan",
    "StartLifecyclePolicyPreview",
    "TagResource",
    "UntagResource",
    "UpdateImageStorageClass",
    "UploadLayerPart",
  ],
  permissions: ["DeleteRepositoryPolicy", "SetRepositoryPolicy"],
};
