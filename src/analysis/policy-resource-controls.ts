/**
 * Controls that belong to one policy-based resource type (docs/semantics.md#resource-types): S3 Block Public Access
 * on access points, Multi-Region Access Points and directory buckets, and the limit of RCPs on KMS keys.
 */
import type { PolicyResource } from "../model/resource.js";
import type { Control } from "./controls.js";
import type { EvaluationContext } from "./key-values.js";
import { s3CertainlySeesPublic } from "./s3-public.js";
import type { SnapshotIndex } from "./snapshot-index.js";
import { patternsOverlap } from "./wildcard.js";

/**
 * Which RestrictPublicBuckets setting holds for requests made through the resource:
 * - an access point: its own, the underlying bucket's, or the bucket owner's account's (S3 User Guide, "Managing
 *   public access to access points for general purpose buckets": "For any request made through an access point,
 *   Amazon S3 evaluates the block public access settings for that access point, the underlying bucket, and the
 *   bucket owner's account"). The underlying bucket's own setting is not read here: not crediting it errs toward
 *   reporting;
 * - a Multi-Region Access Point: its own or its owner account's (S3 User Guide, "Blocking public access with Amazon
 *   S3 Multi-Region Access Points"); the underlying buckets' settings are not credited either;
 * - a directory bucket: always ("By default, all Block Public Access settings for directory buckets are enabled …
 *   These settings can't be modified", S3 User Guide, "Security best practices for directory buckets").
 */
function restrictingSetting(resource: PolicyResource, index: SnapshotIndex): string | undefined {
  switch (resource.type) {
    case "AWS::S3::AccessPoint": {
      if (resource.publicAccessBlock?.RestrictPublicBuckets) return "access point";
      const bucketOwner = resource.bucketAccountId ?? index.bucketOwner(resource.bucket);
      if (bucketOwner && index.accountPublicAccessBlock(bucketOwner)?.RestrictPublicBuckets)
        return "bucket owner's account";
      return undefined;
    }
    case "AWS::S3::MultiRegionAccessPoint":
      if (resource.publicAccessBlock?.RestrictPublicBuckets) return "Multi-Region Access Point";
      return index.accountPublicAccessBlock(resource.accountId)?.RestrictPublicBuckets
        ? "account"
        : undefined;
    case "AWS::S3Express::DirectoryBucket":
      return "directory bucket (always on)";
    default:
      return undefined;
  }
}

/**
 * RestrictPublicBuckets on an access point, Multi-Region Access Point or directory bucket whose policy S3 counts as
 * public: only AWS service principals and the owner's own principals keep access, through any statement (Security
 * Hub API Reference, AwsS3AccountPublicAccessBlockDetails: it restricts "access to an access point or S3 bucket that
 * has a public policy to only AWS service principals and authorized users within the S3 bucket owner's account").
 * Applied only when S3 certainly sees the policy as public (docs/semantics.md#bpa-meaning-of-public).
 */
export function restrictPublicControls(resource: PolicyResource, index: SnapshotIndex): Control[] {
  const setting = restrictingSetting(resource, index);
  if (!setting || !s3CertainlySeesPublic(resource.policy?.statements ?? [])) return [];
  return [
    {
      description: {
        kind: "block-public-access",
        name: `${setting} Block Public Access RestrictPublicBuckets`,
        justification: `S3 Block Public Access (${setting} setting RestrictPublicBuckets) limits a public policy to the owner's account and AWS services.`,
      },
      denies: (caller) => caller.kind !== "service",
    },
  ];
}

const RETIRE_GRANT = "kms:RetireGrant";

/**
 * An RCP Deny as it acts on a KMS key: "The kms:RetireGrant permission isn't effective in an RCP, even if the Action
 * element specifies an asterisk (*) as a wildcard" (AWS KMS Developer Guide, "Resource control policies in AWS KMS").
 * It never takes away an action pattern that may stand for kms:RetireGrant.
 */
export function withoutRetireGrant(control: Control, ctx: EvaluationContext): Control {
  const mayRetire = (action: string) => patternsOverlap(action, RETIRE_GRANT, true, ctx.budget);
  const parts = control.parts;
  return {
    description: control.description,
    denies: (caller, action, resources) => !mayRetire(action) && control.denies(caller, action, resources),
    ...(parts
      ? {
          parts: {
            ...parts,
            coversAction: (action: string) => !mayRetire(action) && parts.coversAction(action),
          },
        }
      : {}),
  };
}
