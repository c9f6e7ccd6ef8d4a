import type { SourceLocation } from "./location.js";
import type { PolicyDocument } from "./policy.js";
import type {
  BucketResource,
  PolicyResource,
  PublicAccessBlock,
  RoleResource,
  SharedResource,
} from "./resource.js";

/** A failure recorded by the collector (snapshot `errors`), carried through to reports. */
export interface CollectionError {
  accountId?: string;
  /** The region of a regional call (snapshot version 2); absent for global ones (IAM, Organizations, S3 buckets). */
  region?: string;
  service: string;
  operation: string;
  resource?: string;
  code: string;
  message?: string;
}

/**
 * A part of the input the reader could not use, or (kind `policy-grammar`) a policy outside IAM's grammar that was
 * read and judged as the message says, or (kind `analysis-budget`) a resource whose policies outgrew the analysis
 * work budget and were reported conservatively; the rest of the snapshot is still scanned.
 */
export interface ReadProblem {
  file: string;
  /** JSON path inside the file, e.g. `$.iam.RoleDetailList[3].AssumeRolePolicyDocument`. */
  jsonPath: string;
  message: string;
  /** Absent: the part was left out. Otherwise it was read and judged conservatively, as the message says. */
  kind?: "policy-grammar" | "analysis-budget";
}

/** Was this part of the input left out of the scan (rather than read and judged conservatively)? */
export function wasSkipped(problem: ReadProblem): boolean {
  return problem.kind === undefined;
}

export interface OidcProvider {
  arn: string;
  url: string;
  clientIds: string[];
}

export interface SamlProvider {
  arn: string;
}

export interface AccountSnapshot {
  accountId: string;
  file: string;
  roles: RoleResource[];
  buckets: BucketResource[];
  oidcProviders: OidcProvider[];
  samlProviders: SamlProvider[];
  /** null: no account-level Block Public Access; undefined: not collected (raw IAM dumps) or unreadable. */
  accountPublicAccessBlock: PublicAccessBlock | null | undefined;
  /** Every other resource type (snapshot version 2), in file order: regions, then services, then lists. */
  resources: (PolicyResource | SharedResource)[];
  /** Account-level controls of each region read (snapshot version 2); a region not read is absent. */
  regionalControls: Map<string, RegionalControls>;
}

/**
 * EC2's account-level block public access of one region (EC2 User Guide, "Block public access for EBS snapshots"
 * and "Block public access for AMIs"). undefined: not read.
 */
export interface RegionalControls {
  snapshotBlockPublicAccess?: "block-all-sharing" | "block-new-sharing" | "unblocked";
  imageBlockPublicAccess?: "block-new-sharing" | "unblocked";
}

export type OrgPolicyType = "SERVICE_CONTROL_POLICY" | "RESOURCE_CONTROL_POLICY";

export interface OrgPolicy {
  id: string;
  name: string;
  type: OrgPolicyType;
  awsManaged: boolean;
  content: PolicyDocument;
  /** Ids of the root, OUs and accounts it is attached to. */
  targetIds: string[];
}

export interface OrgAccount {
  id: string;
  name?: string;
  status?: string;
  parentId?: string;
}

export interface Organization {
  id: string;
  masterAccountId: string;
  rootIds: string[];
  /** OU id -> parent id (a root or another OU). */
  ouParents: Map<string, string>;
  accounts: Map<string, OrgAccount>;
  policies: OrgPolicy[];
  file: string;
  location: SourceLocation;
}

export interface Snapshot {
  /** The path the user gave. */
  source: string;
  accounts: AccountSnapshot[];
  organization?: Organization;
  /** Collection failures from snapshot.json and every account file. */
  collectionErrors: CollectionError[];
  /** Parts that could not be read (for example one unparsable account file). */
  readProblems: ReadProblem[];
}
