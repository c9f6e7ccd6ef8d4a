/**
 * What the mocked organization holds in each region (served by mock-regional.ts). us-east-1 has one clean and one
 * risky resource of most types; eu-west-1 is enabled and empty.
 *
 * - management: a customer managed key with a grant to an outside role and a policy statement confined by
 *   `kms:ViaService`, an AWS managed key; a queue for an SNS topic (`aws:SourceArn`) and one without policy; the
 *   default topic policy (`AWS:SourceOwner`); a function that S3 may invoke with no source condition and whose
 *   URL has `AuthType NONE`, and one without policy; a layer whose version 2 is public; a secret shared with an
 *   outside role and one without policy; an ECR repository an outside account may pull from and one without
 *   policy; a file system with a policy and one without; a table and its stream shared with an outside account,
 *   and a table without policy.
 * - prod (every list in pages of 2): keys, one whose policy denies the collector and one whose policy is
 *   throttled once; and one resource of each service deleted between its listing and its reading.
 * - dev: a key and a queue anyone may send to.
 */
import type { GrantListEntry } from "@aws-sdk/client-kms";
import { DEV, MGMT, OUTSIDE, PROD } from "./mock-ids.js";

const when = (iso: string) => new Date(iso);

export interface MockKey {
  id: string;
  manager: "CUSTOMER" | "AWS";
  description?: string;
  /** The key policy, or "denied" when GetKeyPolicy is refused. */
  policy: object | "denied";
  grants?: GrantListEntry[];
  /** The first GetKeyPolicy is throttled. */
  throttlePolicyOnce?: boolean;
  /** Deleted after its listing: every later call answers that it does not exist. */
  deletedAfterListing?: boolean;
}

interface Named {
  name: string;
  /** The resource's policy; null: none. */
  policy: object | null;
  deletedAfterListing?: boolean;
}

export interface MockFunction extends Named {
  urls: { authType: "NONE" | "AWS_IAM"; qualifier?: string }[];
}

export interface MockLayer {
  name: string;
  versions: { version: number; policy: object | null }[];
}

export interface MockFileSystem extends Named {
  id: string;
}

export interface MockTable extends Named {
  stream?: { label: string; policy: object | null };
}

/** An EBS snapshot or AMI: who may create volumes from it, or launch it (EC2 permission entries). */
export interface MockShared {
  id: string;
  name?: string;
  permissions: ({ Group: "all" } | { UserId: string })[];
  deletedAfterListing?: boolean;
}

/** A manual RDS snapshot: the accounts (or "all") of its `restore` attribute. */
export interface MockDbSnapshot {
  id: string;
  restore: string[];
  deletedAfterListing?: boolean;
}

export interface MockAccessPoint extends Named {
  bucket: string;
  /** The VPC the access point is confined to; none: Internet origin. */
  vpcId?: string;
}

export interface MockRegion {
  /** Every list is answered in pages of this many items, whatever the request asks (default: one page). */
  pageSize?: number;
  keys: MockKey[];
  queues: Named[];
  topics: Named[];
  functions: MockFunction[];
  layers: MockLayer[];
  secrets: Named[];
  repositories: Named[];
  fileSystems: MockFileSystem[];
  tables: MockTable[];
  snapshots: MockShared[];
  images: MockShared[];
  dbSnapshots: MockDbSnapshot[];
  clusterSnapshots: MockDbSnapshot[];
  accessPoints: MockAccessPoint[];
  /** Directory buckets (names `<base>--<zone id>--x-s3`). */
  directoryBuckets: Named[];
}

export const EMPTY_REGION: MockRegion = {
  keys: [],
  queues: [],
  topics: [],
  functions: [],
  layers: [],
  secrets: [],
  repositories: [],
  fileSystems: [],
  tables: [],
  snapshots: [],
  images: [],
  dbSnapshots: [],
  clusterSnapshots: [],
  accessPoints: [],
  directoryBuckets: [],
};

export const arnOf = {
  key: (account: string, region: string, id: string) => `arn:aws:kms:${region}:${account}:key/${id}`,
  queue: (account: string, region: string, name: string) => `arn:aws:sqs:${region}:${account}:${name}`,
  queueUrl: (account: string, region: string, name: string) =>
    `https://sqs.${region}.amazonaws.com/${account}/${name}`,
  topic: (account: string, region: string, name: string) => `arn:aws:sns:${region}:${account}:${name}`,
  function: (account: string, region: string, name: string) =>
    `arn:aws:lambda:${region}:${account}:function:${name}`,
  layer: (account: string, region: string, name: string) =>
    `arn:aws:lambda:${region}:${account}:layer:${name}`,
  // Secrets Manager adds six random characters to the name.
  secret: (account: string, region: string, name: string) =>
    `arn:aws:secretsmanager:${region}:${account}:secret:${name}-a1B2c3`,
  repository: (account: string, region: string, name: string) =>
    `arn:aws:ecr:${region}:${account}:repository/${name}`,
  fileSystem: (account: string, region: string, id: string) =>
    `arn:aws:elasticfilesystem:${region}:${account}:file-system/${id}`,
  table: (account: string, region: string, name: string) =>
    `arn:aws:dynamodb:${region}:${account}:table/${name}`,
  dbSnapshot: (account: string, region: string, id: string) =>
    `arn:aws:rds:${region}:${account}:snapshot:${id}`,
  clusterSnapshot: (account: string, region: string, id: string) =>
    `arn:aws:rds:${region}:${account}:cluster-snapshot:${id}`,
  accessPoint: (account: string, region: string, name: string) =>
    `arn:aws:s3:${region}:${account}:accesspoint/${name}`,
  directoryBucket: (account: string, region: string, name: string) =>
    `arn:aws:s3express:${region}:${account}:bucket/${name}`,
};

const statement = (fields: object) => ({ Version: "2012-10-17", Statement: [fields] });

/** A key policy that gives the account (and through it IAM) full control, plus `extra` statements. */
const keyPolicy = (account: string, ...extra: object[]) => ({
  Version: "2012-10-17",
  Id: "key-default-1",
  Statement: [
    {
      Sid: "Enable IAM User Permissions",
      Effect: "Allow",
      Principal: { AWS: `arn:aws:iam::${account}:root` },
      Action: "kms:*",
      Resource: "*",
    },
    ...extra,
  ],
});

export const KEY_IDS = {
  mgmtApp: "1234abcd-12ab-34cd-56ef-1234567890ab",
  mgmtS3: "0987dcba-09fe-87dc-65ba-ab0987654321",
  prodShared: "2222aaaa-0000-4000-8000-000000000001",
  prodLocked: "2222aaaa-0000-4000-8000-000000000002",
  prodDeleted: "2222aaaa-0000-4000-8000-000000000003",
  dev: "7777bbbb-0000-4000-8000-000000000001",
};

const E1 = "us-east-1";

const mgmtEast: MockRegion = {
  keys: [
    {
      id: KEY_IDS.mgmtApp,
      manager: "CUSTOMER",
      description: "application data",
      policy: keyPolicy(MGMT, {
        Sid: "AllowVendorDecryptThroughS3",
        Effect: "Allow",
        Principal: { AWS: `arn:aws:iam::${OUTSIDE}:role/vendor-processor` },
        Action: ["kms:Decrypt", "kms:DescribeKey"],
        Resource: "*",
        Condition: { StringEquals: { "kms:ViaService": "s3.us-east-1.amazonaws.com" } },
      }),
      grants: [
        {
          KeyId: arnOf.key(MGMT, E1, KEY_IDS.mgmtApp),
          GrantId: "0c237476b39f8bc44e45212e08498fbe3151305030726c0590dd8d3e9f3d6a60",
          Name: "vendor-batch",
          CreationDate: when("2025-03-03T03:03:03Z"),
          GranteePrincipal: `arn:aws:iam::${OUTSIDE}:role/vendor-batch`,
          IssuingAccount: `arn:aws:iam::${MGMT}:root`,
          Operations: ["Encrypt", "Decrypt", "GenerateDataKey"],
        },
        {
          KeyId: arnOf.key(MGMT, E1, KEY_IDS.mgmtApp),
          GrantId: "0a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f9",
          CreationDate: when("2025-02-02T02:02:02Z"),
          GranteePrincipal: "dynamodb.us-east-1.amazonaws.com",
          RetiringPrincipal: "dynamodb.us-east-1.amazonaws.com",
          IssuingAccount: `arn:aws:iam::${MGMT}:root`,
          Operations: ["Decrypt", "DescribeKey"],
          Constraints: { EncryptionContextSubset: { "aws:dynamodb:tableName": "mgmt-orders" } },
        },
      ],
    },
    {
      id: KEY_IDS.mgmtS3,
      manager: "AWS",
      description: "Default key that protects my S3 objects when no other key is defined",
      policy: {
        Version: "2012-10-17",
        Id: "auto-s3-2",
        Statement: [
          {
            Sid: "Allow access through S3 for all principals in the account that are authorized to use S3",
            Effect: "Allow",
            Principal: { AWS: "*" },
            Action: [
              "kms:Encrypt",
              "kms:Decrypt",
              "kms:ReEncrypt*",
              "kms:GenerateDataKey*",
              "kms:DescribeKey",
            ],
            Resource: "*",
            Condition: {
              StringEquals: { "kms:CallerAccount": MGMT, "kms:ViaService": "s3.us-east-1.amazonaws.com" },
            },
          },
        ],
      },
    },
  ],
  queues: [
    {
      name: "mgmt-events",
      policy: statement({
        Sid: "TopicDelivers",
        Effect: "Allow",
        Principal: { Service: "sns.amazonaws.com" },
        Action: "sqs:SendMessage",
        Resource: arnOf.queue(MGMT, E1, "mgmt-events"),
        Condition: { ArnEquals: { "aws:SourceArn": arnOf.topic(MGMT, E1, "mgmt-alerts") } },
      }),
    },
    { name: "mgmt-jobs", policy: null },
  ],
  topics: [
    {
      name: "mgmt-alerts",
      // The policy SNS gives a new topic.
      policy: {
        Version: "2008-10-17",
        Id: "__default_policy_ID",
        Statement: [
          {
            Sid: "__default_statement_ID",
            Effect: "Allow",
            Principal: { AWS: "*" },
            Action: ["SNS:GetTopicAttributes", "SNS:Subscribe", "SNS:Publish"],
            Resource: arnOf.topic(MGMT, E1, "mgmt-alerts"),
            Condition: { StringEquals: { "AWS:SourceOwner": MGMT } },
          },
        ],
      },
    },
  ],
  functions: [
    {
      name: "mgmt-hook",
      // S3 may invoke it for any bucket of any account: no aws:SourceAccount, no aws:SourceArn.
      policy: {
        Version: "2012-10-17",
        Id: "default",
        Statement: [
          {
            Sid: "s3-invoke",
            Effect: "Allow",
            Principal: { Service: "s3.amazonaws.com" },
            Action: "lambda:InvokeFunction",
            Resource: arnOf.function(MGMT, E1, "mgmt-hook"),
          },
          {
            Sid: "FunctionURLAllowPublicAccess",
            Effect: "Allow",
            Principal: "*",
            Action: "lambda:InvokeFunctionUrl",
            Resource: arnOf.function(MGMT, E1, "mgmt-hook"),
            Condition: { StringEquals: { "lambda:FunctionUrlAuthType": "NONE" } },
          },
        ],
      },
      urls: [{ authType: "NONE" }],
    },
    { name: "mgmt-private", policy: null, urls: [] },
  ],
  layers: [
    {
      name: "shared-lib",
      versions: [
        { version: 1, policy: null },
        {
          version: 2,
          policy: statement({
            Sid: "public",
            Effect: "Allow",
            Principal: "*",
            Action: "lambda:GetLayerVersion",
            Resource: `${arnOf.layer(MGMT, E1, "shared-lib")}:2`,
          }),
        },
      ],
    },
  ],
  secrets: [
    {
      name: "mgmt/db-password",
      policy: statement({
        Effect: "Allow",
        Principal: { AWS: `arn:aws:iam::${OUTSIDE}:role/vendor-support` },
        Action: "secretsmanager:GetSecretValue",
        Resource: "*",
      }),
    },
    { name: "mgmt/api-key", policy: null },
  ],
  repositories: [
    {
      name: "mgmt-images",
      policy: statement({
        Sid: "VendorPull",
        Effect: "Allow",
        Principal: { AWS: `arn:aws:iam::${OUTSIDE}:root` },
        Action: ["ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer"],
      }),
    },
    { name: "mgmt-base", policy: null },
  ],
  fileSystems: [
    {
      id: "fs-0123456789abcdef0",
      name: "shared-data",
      policy: statement({
        Sid: "MountThroughTargetsOnly",
        Effect: "Allow",
        Principal: { AWS: "*" },
        Action: ["elasticfilesystem:ClientMount", "elasticfilesystem:ClientWrite"],
        Condition: { Bool: { "elasticfilesystem:AccessedViaMountTarget": "true" } },
      }),
    },
    { id: "fs-0fedcba9876543210", name: "scratch", policy: null },
  ],
  tables: [
    {
      name: "mgmt-orders",
      policy: statement({
        Sid: "PartnerReads",
        Effect: "Allow",
        Principal: { AWS: `arn:aws:iam::${OUTSIDE}:role/partner-reader` },
        Action: ["dynamodb:GetItem", "dynamodb:Query"],
        Resource: arnOf.table(MGMT, E1, "mgmt-orders"),
      }),
      stream: {
        label: "2026-01-01T00:00:00.000",
        policy: statement({
          Sid: "PartnerStream",
          Effect: "Allow",
          Principal: { AWS: `arn:aws:iam::${OUTSIDE}:role/partner-reader` },
          Action: ["dynamodb:GetRecords", "dynamodb:GetShardIterator", "dynamodb:DescribeStream"],
          Resource: `${arnOf.table(MGMT, E1, "mgmt-orders")}/stream/2026-01-01T00:00:00.000`,
        }),
      },
    },
    { name: "mgmt-audit", policy: null },
  ],
  snapshots: [
    { id: "snap-0a1b2c3d4e5f60001", permissions: [{ Group: "all" }] },
    { id: "snap-0a1b2c3d4e5f60002", permissions: [{ UserId: OUTSIDE }] },
    { id: "snap-0a1b2c3d4e5f60003", permissions: [] },
  ],
  images: [
    { id: "ami-0a1b2c3d4e5f60001", name: "mgmt-golden", permissions: [{ UserId: PROD }] },
    { id: "ami-0a1b2c3d4e5f60002", name: "mgmt-public-base", permissions: [{ Group: "all" }] },
  ],
  dbSnapshots: [
    { id: "mgmt-db-final", restore: ["all"] },
    { id: "mgmt-db-shared", restore: [OUTSIDE] },
  ],
  clusterSnapshots: [{ id: "mgmt-aurora-export", restore: [] }],
  accessPoints: [
    {
      name: "mgmt-vendor-ap",
      bucket: "mgmt-cloudtrail-logs",
      policy: statement({
        Sid: "VendorReads",
        Effect: "Allow",
        Principal: { AWS: `arn:aws:iam::${OUTSIDE}:root` },
        Action: "s3:GetObject",
        Resource: `${arnOf.accessPoint(MGMT, E1, "mgmt-vendor-ap")}/object/*`,
      }),
    },
    {
      name: "mgmt-internal-ap",
      bucket: "mgmt-cloudtrail-logs",
      vpcId: "vpc-0a1b2c3d4e5f60001",
      policy: null,
    },
  ],
  directoryBuckets: [
    {
      name: "mgmt-express--use1-az4--x-s3",
      policy: statement({
        Sid: "PartnerSessions",
        Effect: "Allow",
        Principal: { AWS: `arn:aws:iam::${OUTSIDE}:root` },
        Action: "s3express:CreateSession",
        Resource: arnOf.directoryBucket(MGMT, E1, "mgmt-express--use1-az4--x-s3"),
      }),
    },
  ],
};

const prodEast: MockRegion = {
  pageSize: 2,
  keys: [
    {
      id: KEY_IDS.prodShared,
      manager: "CUSTOMER",
      policy: keyPolicy(PROD, {
        Sid: "OrganizationUse",
        Effect: "Allow",
        Principal: { AWS: "*" },
        Action: "kms:Decrypt",
        Resource: "*",
        Condition: { StringEquals: { "aws:PrincipalOrgID": "o-ab12cdef34" } },
      }),
      grants: [],
      throttlePolicyOnce: true,
    },
    { id: KEY_IDS.prodDeleted, manager: "CUSTOMER", policy: keyPolicy(PROD), deletedAfterListing: true },
    // Its key policy lets the account list and describe the key, not read its policy.
    { id: KEY_IDS.prodLocked, manager: "CUSTOMER", policy: "denied", grants: [] },
  ],
  queues: [
    { name: "prod-orders", policy: null },
    { name: "prod-gone", policy: null, deletedAfterListing: true },
    { name: "prod-results", policy: null },
  ],
  topics: [{ name: "prod-gone-topic", policy: {}, deletedAfterListing: true }],
  functions: [{ name: "prod-gone-function", policy: null, urls: [], deletedAfterListing: true }],
  layers: [],
  secrets: [{ name: "prod/gone", policy: null, deletedAfterListing: true }],
  repositories: [{ name: "prod-gone-repo", policy: null, deletedAfterListing: true }],
  fileSystems: [{ id: "fs-0aaaaaaaaaaaaaaaa", name: "gone", policy: null, deletedAfterListing: true }],
  tables: [{ name: "prod-gone-table", policy: null, deletedAfterListing: true }],
  snapshots: [
    { id: "snap-0b0000000000000a1", permissions: [] },
    { id: "snap-0b0000000000000a2", permissions: [{ Group: "all" }], deletedAfterListing: true },
    { id: "snap-0b0000000000000a3", permissions: [{ UserId: MGMT }] },
  ],
  images: [{ id: "ami-0b0000000000000a1", name: "prod-gone", permissions: [], deletedAfterListing: true }],
  dbSnapshots: [{ id: "prod-db-gone", restore: ["all"], deletedAfterListing: true }],
  clusterSnapshots: [{ id: "prod-aurora-gone", restore: [], deletedAfterListing: true }],
  accessPoints: [{ name: "prod-gone-ap", bucket: "prod-private", policy: null, deletedAfterListing: true }],
  directoryBuckets: [{ name: "prod-gone--use1-az4--x-s3", policy: null, deletedAfterListing: true }],
};

const devEast: MockRegion = {
  ...EMPTY_REGION,
  keys: [{ id: KEY_IDS.dev, manager: "CUSTOMER", policy: keyPolicy(DEV), grants: [] }],
  queues: [
    {
      name: "dev-public-queue",
      policy: statement({
        Effect: "Allow",
        Principal: "*",
        Action: "sqs:SendMessage",
        Resource: arnOf.queue(DEV, E1, "dev-public-queue"),
      }),
    },
  ],
};

/** Each readable account's regions: every one of them is enabled unless a test says otherwise. */
export const REGIONAL_DATA: Record<string, Record<string, MockRegion>> = {
  [MGMT]: { "us-east-1": mgmtEast, "eu-west-1": EMPTY_REGION },
  [PROD]: { "us-east-1": prodEast, "eu-west-1": EMPTY_REGION },
  [DEV]: { "us-east-1": devEast, "eu-west-1": EMPTY_REGION },
};

/** A multi-region access point: its buckets, its Block Public Access and its policy (established, or proposed). */
export interface MockMultiRegionAccessPoint {
  name: string;
  alias: string;
  buckets: { bucket: string; region: string }[];
  blockPublicAccess: boolean;
  policy: object | null;
  /** The policy is still being applied in its regions: only the proposed one. */
  policyProposedOnly?: boolean;
}

/** The accounts' multi-region access points (served by S3 Control in us-west-2 only). */
export const MULTI_REGION_ACCESS_POINTS: Record<string, MockMultiRegionAccessPoint[]> = {
  [MGMT]: [
    {
      name: "mgmt-global",
      alias: "mfzwi23gnjvgw.mrap",
      buckets: [
        { bucket: "mgmt-cloudtrail-logs", region: "us-east-1" },
        { bucket: "mgmt-replica-eu", region: "eu-west-1" },
      ],
      blockPublicAccess: false,
      policy: statement({
        Sid: "AnyoneReads",
        Effect: "Allow",
        Principal: "*",
        Action: "s3:GetObject",
        Resource: `arn:aws:s3::${MGMT}:accesspoint/mfzwi23gnjvgw.mrap/object/*`,
      }),
      policyProposedOnly: true,
    },
    {
      name: "mgmt-locked",
      alias: "a1b2c3d4e5f6g.mrap",
      buckets: [{ bucket: "mgmt-cloudtrail-logs", region: "us-east-1" }],
      blockPublicAccess: true,
      policy: null,
    },
  ],
};
