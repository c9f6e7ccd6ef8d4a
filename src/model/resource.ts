import type { SourceLocation } from "./location.js";
import type { PolicyDocument } from "./policy.js";

export type ResourceType = "AWS::IAM::Role" | "AWS::S3::Bucket";

/** S3 Block Public Access settings; a setting absent from the API answer is false. */
export interface PublicAccessBlock {
  BlockPublicAcls: boolean;
  IgnorePublicAcls: boolean;
  BlockPublicPolicy: boolean;
  RestrictPublicBuckets: boolean;
}

export interface AclGrant {
  grantee: {
    type: "CanonicalUser" | "Group" | "AmazonCustomerByEmail";
    id?: string;
    uri?: string;
    email?: string;
    displayName?: string;
  };
  permission: string;
  /** Index of the grant in the ACL's Grants array. */
  index: number;
  location: SourceLocation;
}

export interface BucketAcl {
  ownerId?: string;
  grants: AclGrant[];
  location: SourceLocation;
}

interface ResourceBase {
  arn: string;
  name: string;
  accountId: string;
  /** Where the resource itself is written in the snapshot (used when a finding has no statement). */
  location: SourceLocation;
}

export interface RoleResource extends ResourceBase {
  type: "AWS::IAM::Role";
  path: string;
  trustPolicy: PolicyDocument;
}

export interface BucketResource extends ResourceBase {
  type: "AWS::S3::Bucket";
  region?: string;
  /** null: the bucket has no policy. */
  policy: PolicyDocument | null;
  /** null: no bucket-level Block Public Access configuration; undefined: it could not be read. */
  publicAccessBlock: PublicAccessBlock | null | undefined;
  /** undefined: the ACL could not be read. */
  acl: BucketAcl | null | undefined;
}

export type Resource = RoleResource | BucketResource;
