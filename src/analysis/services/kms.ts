/**
 * AWS Key Management Service (service prefix `kms`): the actions that apply to each resource type trustscan reads, by access
 * level, transcribed from the Service Authorization Reference's "Actions defined by AWS Key Management Service" table (the
 * actions whose "Resource types" column names the type). List and Read are `read`; Write and Tagging are `write`;
 * Permissions management is `permissions` (docs/semantics.md#resource-types).
 */
import type { ServiceActions, ServiceReference } from "./service-actions.js";

export const KMS_SERVICE: ServiceReference = {
  prefix: "kms",
  source: {
    title:
      "Actions, resources, and condition keys for AWS Key Management Service - Service Authorization Reference",
    url: "https://docs.aws.amazon.com/service-authorization/latest/reference/list_awskeymanagementservice.html",
  },
};

/** The kms actions that apply to a KMS key (resource type `key`). */
export const KMS_KEY_ACTIONS: ServiceActions = {
  service: KMS_SERVICE,
  read: [
    "DescribeKey",
    "GetKeyLastUsage",
    "GetKeyPolicy",
    "GetKeyRotationStatus",
    "GetParametersForImport",
    "GetPublicKey",
    "ListGrants",
    "ListKeyPolicies",
    "ListKeyRotations",
    "ListResourceTags",
  ],
  write: [
    "CancelKeyDeletion",
    "CreateAlias",
    "Decrypt",
    "DeleteAlias",
    "DeleteImportedKeyMaterial",
    "DeriveSharedSecret",
    "DisableKey",
    "DisableKeyRotation",
    "EnableKey",
    "EnableKeyRotation",
    "Encrypt",
    "GenerateDataKey",
    "GenerateDataKeyPair",
    "GenerateDataKeyPairWithoutPlaintext",
    "GenerateDataKeyWithoutPlaintext",
    "GenerateMac",
    "ImportKeyMaterial",
    "ReEncryptFrom",
    "ReEncryptTo",
    "ReplicateKey",
    "RotateKeyOnDemand",
    "ScheduleKeyDeletion",
    "Sign",
    "SynchronizeMultiRegionKey",
    "TagResource",
    "UntagResource",
    "UpdateAlias",
    "UpdateKeyDescription",
    "UpdatePrimaryRegion",
    "Verify",
    "VerifyMac",
  ],
  permissions: ["CreateGrant", "PutKeyPolicy", "RetireGrant", "RevokeGrant"],
};
