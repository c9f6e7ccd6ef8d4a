import type { SourceLocation } from "./location.js";
import type { PolicyDocument } from "./policy.js";

/** The resource types, named as IAM Access Analyzer and CloudFormation name them. */
export type ResourceType = "AWS::IAM::Role" | "AWS::S3::Bucket" | PolicyResourceType | SharedResourceType;

/** Resources whose access is given by a resource-based policy (docs/snapshot-format.md, "Version 2"). */
export type PolicyResourceType =
  | "AWS::KMS::Key"
  | "AWS::SQS::Queue"
  | "AWS::SNS::Topic"
  | "AWS::Lambda::Function"
  | "AWS::Lambda::LayerVersion"
  | "AWS::SecretsManager::Secret"
  | "AWS::ECR::Repository"
  | "AWS::EFS::FileSystem"
  | "AWS::DynamoDB::Table"
  | "AWS::DynamoDB::Stream"
  | "AWS::S3::AccessPoint"
  | "AWS::S3::MultiRegionAccessPoint"
  | "AWS::S3Express::DirectoryBucket";

/** Resources shared by an attribute that lists accounts, organizations, OUs or `all`, not by a policy. */
export type SharedResourceType =
  "AWS::EC2::Snapshot" | "AWS::EC2::Image" | "AWS::RDS::DBSnapshot" | "AWS::RDS::DBClusterSnapshot";

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

interface RegionalPolicyResourceBase extends ResourceBase {
  /** The region the resource lives in (a multi-region access point's: its control region, us-west-2). */
  region: string;
  /** null: the resource has no policy (or, for an unreadable one, see the account's `errors`). */
  policy: PolicyDocument | null;
}

/** A KMS grant (ListGrants): access to the key given outside its key policy. */
export interface KmsGrant {
  grantId: string;
  granteePrincipal: string;
  retiringPrincipal?: string;
  /** KMS operation names as the API returns them (`Decrypt`), not policy actions (`kms:Decrypt`). */
  operations: string[];
  /** Encryption-context constraints narrow which requests the grant allows, never who may make them. */
  hasConstraints: boolean;
  location: SourceLocation;
}

export interface KmsKeyResource extends RegionalPolicyResourceBase {
  type: "AWS::KMS::Key";
  /** "AWS": an AWS managed key, whose policy AWS writes. */
  keyManager: "CUSTOMER" | "AWS";
  /** undefined: grants were not read (AWS managed keys, or unreadable). */
  grants: KmsGrant[] | undefined;
}

export interface FunctionUrl {
  url: string;
  authType: "NONE" | "AWS_IAM";
  /** The alias or version the URL serves, when it is not the unqualified function. */
  qualifier?: string;
  location: SourceLocation;
}

export interface LambdaFunctionResource extends RegionalPolicyResourceBase {
  type: "AWS::Lambda::Function";
  /**
   * An alias or published version (its ARN is then the qualified `function:<name>:<qualifier>`, its policy its own):
   * a permission applies to the ARN used to invoke (Lambda API Reference, "AddPermission").
   */
  qualifier?: string;
  /** undefined: not read. */
  functionUrls: FunctionUrl[] | undefined;
}

export interface AccessPointResource extends RegionalPolicyResourceBase {
  type: "AWS::S3::AccessPoint";
  bucket: string;
  /** The account that owns the bucket, when the API gave it (a cross-account access point). */
  bucketAccountId?: string;
  networkOrigin: "Internet" | "VPC";
  /** With network origin VPC: the VPC (VpcConfiguration.VpcId), when read. */
  vpcId?: string;
  /** The access point's own Block Public Access; null: none; undefined: not read. */
  publicAccessBlock: PublicAccessBlock | null | undefined;
}

export interface MultiRegionAccessPointResource extends RegionalPolicyResourceBase {
  type: "AWS::S3::MultiRegionAccessPoint";
  publicAccessBlock: PublicAccessBlock | null | undefined;
  /** The buckets behind it, with their owners. */
  buckets: { bucket: string; bucketAccountId?: string; region?: string }[];
}

export interface PlainPolicyResource extends RegionalPolicyResourceBase {
  type: Exclude<
    PolicyResourceType,
    "AWS::KMS::Key" | "AWS::Lambda::Function" | "AWS::S3::AccessPoint" | "AWS::S3::MultiRegionAccessPoint"
  >;
}

export type PolicyResource =
  | KmsKeyResource
  | LambdaFunctionResource
  | AccessPointResource
  | MultiRegionAccessPointResource
  | PlainPolicyResource;

/** One entry of a share attribute: `all` (public), an account, an organization or an OU (AMIs only). */
export type Share =
  | { kind: "public"; location: SourceLocation }
  | { kind: "account"; accountId: string; location: SourceLocation }
  | { kind: "organization"; arn: string; location: SourceLocation }
  | { kind: "organizational-unit"; arn: string; location: SourceLocation };

export interface SharedResource extends ResourceBase {
  type: SharedResourceType;
  region: string;
  /** undefined: the attribute could not be read (see the account's `errors`). */
  shares: Share[] | undefined;
}

export type Resource = RoleResource | BucketResource | PolicyResource | SharedResource;

/** The resource's policy: a role's trust policy, another resource's resource-based policy, null for none. */
export function policyOf(resource: Resource): PolicyDocument | null {
  if (resource.type === "AWS::IAM::Role") return resource.trustPolicy;
  return "policy" in resource ? resource.policy : null;
}
