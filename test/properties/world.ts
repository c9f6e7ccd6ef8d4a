/**
 * The small world the property tests live in: a few accounts, organizations, roles, buckets, networks and services,
 * written into policies by the generators and used again to build concrete requests. The alphabet is small on
 * purpose, so that patterns and values collide often. "Fresh" values are never written into a policy: they stand
 * for everyone the policy does not name.
 */
export const OWNER = "111122223333";
export const ORG_MEMBER = "222233334444";
export const MANAGEMENT = "333344445555";
export const OUTSIDE_A = "444455556666";
export const OUTSIDE_B = "999988887777";
export const NAMED_ACCOUNTS = [OWNER, ORG_MEMBER, OUTSIDE_A, OUTSIDE_B] as const;
export const FRESH_ACCOUNT = "135792468024";

export const ORG_ID = "o-a1b2c3d4e5";
export const FOREIGN_ORG = "o-zz9zz9zz9z";
export const FRESH_ORG = "o-fr3shfr3sh";
export const ROOT_ID = "r-a1b2";
export const FRESH_ROOT = "r-zz99";
export const OU_ID = "ou-a1b2-prod1234";

export const BUCKET_NAME = "amzn-s3-demo-bucket";
export const BUCKET_ARN = `arn:aws:s3:::${BUCKET_NAME}`;
export const ROLE_NAME = "case-role";
export const ROLE_ARN = `arn:aws:iam::${OWNER}:role/${ROLE_NAME}`;

/** Canonical user ids of the accounts S3 knows by one (CanonicalUser principals). */
export const CANONICAL_IDS: Readonly<Record<string, string>> = {
  [OUTSIDE_A]: "79a59df900b949e55d96a1e698fbacedfd6e09d98eacf8f8d5218e7cd47ef2be",
};

export const FRESH_IP = "192.0.2.10";
export const FRESH_VPCE = "vpce-0f0f0f0f";
export const FRESH_SERVICE = "sqs.amazonaws.com";
export const FRESH_ROLE = "fresh-role";
export const SERVICES = ["sns.amazonaws.com", "cloudtrail.amazonaws.com", "scheduler.amazonaws.com"] as const;

/** S3 actions a request can name, with the resource they act on. */
export const S3_ACTIONS: readonly { action: string; on: "bucket" | "object" }[] = [
  { action: "s3:GetObject", on: "object" },
  { action: "s3:GetObjectAcl", on: "object" },
  { action: "s3:GetObjectVersion", on: "object" },
  { action: "s3:PutObject", on: "object" },
  { action: "s3:PutObjectAcl", on: "object" },
  { action: "s3:DeleteObject", on: "object" },
  { action: "s3:ListBucket", on: "bucket" },
  { action: "s3:ListBucketVersions", on: "bucket" },
  { action: "s3:GetBucketPolicy", on: "bucket" },
  { action: "s3:PutBucketPolicy", on: "bucket" },
  { action: "s3:GetBucketAcl", on: "bucket" },
  { action: "s3:PutBucketAcl", on: "bucket" },
  // Object actions whose names do not start with s3:*Object, so that `s3:List*` or `s3:Abort*` reach objects too.
  { action: "s3:ListMultipartUploadParts", on: "object" },
  { action: "s3:AbortMultipartUpload", on: "object" },
  { action: "s3:ListBucketMultipartUploads", on: "bucket" },
];
