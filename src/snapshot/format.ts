/**
 * The snapshot format's names and version (docs/snapshot-format.md), shared by the collector that writes
 * snapshots and the readers that read them: one place, so the two cannot drift apart.
 */
export const SNAPSHOT_FORMAT = "trustscan-snapshot";
/** The version the collector writes. */
export const SNAPSHOT_VERSION = 2;
/** Every version the readers accept: version 1 has no `regions` section and is read as it is. */
export const READABLE_SNAPSHOT_VERSIONS: readonly number[] = [1, 2];
export const MANIFEST_FILE = "snapshot.json";
export const ORGANIZATION_FILE = "organization.json";
export const ACCOUNTS_DIR = "accounts";

/** Keys of an account file's `regions.<region>` object (docs/snapshot-format.md, "Version 2"). */
export const REGIONAL_SECTIONS = {
  kms: { service: "kms", lists: ["Keys"] },
  sqs: { service: "sqs", lists: ["Queues"] },
  sns: { service: "sns", lists: ["Topics"] },
  lambda: { service: "lambda", lists: ["Functions", "LayerVersions"] },
  secretsmanager: { service: "secretsmanager", lists: ["Secrets"] },
  ecr: { service: "ecr", lists: ["Repositories"] },
  efs: { service: "efs", lists: ["FileSystems"] },
  dynamodb: { service: "dynamodb", lists: ["Tables"] },
  s3: { service: "s3", lists: ["AccessPoints", "DirectoryBuckets"] },
  ec2: { service: "ec2", lists: ["Snapshots", "Images"] },
  rds: { service: "rds", lists: ["DBSnapshots", "DBClusterSnapshots"] },
} as const;
