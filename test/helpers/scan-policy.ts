/**
 * Runs the engine on one policy, the way ESLint's RuleTester runs a rule on one snippet: the policy becomes a role
 * trust policy or bucket policy in a one-account snapshot, with an optional organization around it. A shared
 * resource (an EBS snapshot, an AMI, an RDS DB or DB cluster snapshot) takes its share entries instead of a policy.
 */
import { scanSnapshot } from "../../src/engine/scan.js";
import type { Finding } from "../../src/findings/finding.js";
import type {
  BucketAcl,
  PolicyResourceType,
  PublicAccessBlock,
  Resource,
  Share,
  SharedResource,
  SharedResourceType,
} from "../../src/model/resource.js";
import {
  isPolicyResourceType,
  policyResourceForCase,
  type PolicyResourceCase,
} from "./policy-resource-case.js";
import type {
  AccountSnapshot,
  Organization,
  OrgPolicy,
  ReadProblem,
  RegionalControls,
  Snapshot,
} from "../../src/model/snapshot.js";
import { parseJson } from "../../src/snapshot/json-file.js";
import { readPolicyDocument } from "../../src/snapshot/policy-document.js";
import type { PolicyKind } from "../../src/snapshot/policy-grammar.js";

export interface PolicyCase {
  /** A role trust policy, a bucket policy, the policy of another policy-based resource type, or a shared resource. */
  resource: "role" | "bucket" | PolicyResourceType | SharedCaseResource;
  /** For another policy-based resource type: what the case says about it beyond its policy. */
  policyResource?: PolicyResourceCase;
  /** The policy document as JSON (object or string); a shared resource has none. */
  policy?: unknown;
  zone: "account" | "organization";
  /** Owner of the resource; default "111122223333". */
  accountId?: string;
  /** Default { id: "o-a1b2c3d4e5", accounts: ["111122223333", "222233334444"] }, all directly under the root; null: none. */
  organization?: OrganizationCase | null;
  trustedAccounts?: string[];
  rolePath?: string;
  roleName?: string;
  bucketName?: string;
  bucketPublicAccessBlock?: Partial<PublicAccessBlock> | null;
  accountPublicAccessBlock?: Partial<PublicAccessBlock> | null;
  acl?: {
    ownerId?: string;
    grants: { grantee: BucketAcl["grants"][number]["grantee"]; permission: string }[];
  };
  /** A shared resource's share entries, in order; null: the attribute could not be read. */
  shares?: ShareCase[] | null;
  /** A shared resource's region; default "us-east-1". */
  region?: string;
  /** EC2 block public access of that region; default: not read. */
  regionalControls?: RegionalControls;
}

/** The resources shared by an attribute rather than a policy. */
export type SharedCaseResource = "ebs-snapshot" | "ami" | "db-snapshot" | "db-cluster-snapshot";

/** One share entry as the model holds it, without its location. */
export type ShareCase =
  | { kind: "public" }
  | { kind: "account"; accountId: string }
  | { kind: "organization"; arn: string }
  | { kind: "organizational-unit"; arn: string };

export interface OrganizationCase {
  id: string;
  accounts: string[];
  managementAccount?: string;
  /** OU id -> parent id; accounts are placed with `accountParents`. */
  ous?: Record<string, string>;
  accountParents?: Record<string, string>;
  rcps?: { id?: string; name?: string; targets: string[]; policy: unknown }[];
}

export const DEFAULT_ACCOUNT = "111122223333";
export const DEFAULT_ORGANIZATION: OrganizationCase = {
  id: "o-a1b2c3d4e5",
  accounts: ["111122223333", "222233334444"],
};
const ROOT = "r-a1b2";
const FILE = "case.json";

/** Reads the policy as the snapshot readers do; its grammar problems go to `problems`. */
function policyDocument(policy: unknown, kind: PolicyKind, problems: ReadProblem[], file = FILE) {
  const text = typeof policy === "string" ? JSON.stringify(policy) : JSON.stringify(policy, null, 2);
  return readPolicyDocument(parseJson(text, file), { kind, problems });
}

const NO_BLOCK: PublicAccessBlock = {
  BlockPublicAcls: false,
  IgnorePublicAcls: false,
  BlockPublicPolicy: false,
  RestrictPublicBuckets: false,
};

function publicAccessBlock(value: Partial<PublicAccessBlock> | null | undefined): PublicAccessBlock | null {
  return value ? { ...NO_BLOCK, ...value } : null;
}

function buildOrganization(org: OrganizationCase, problems: ReadProblem[]): Organization {
  const policies: OrgPolicy[] = (org.rcps ?? []).map((rcp, i) => ({
    id: rcp.id ?? `p-rcp${i}`,
    name: rcp.name ?? `rcp-${i}`,
    type: "RESOURCE_CONTROL_POLICY",
    awsManaged: false,
    content: policyDocument(rcp.policy, "control-policy", problems, "organization.json"),
    targetIds: rcp.targets,
  }));
  return {
    id: org.id,
    masterAccountId: org.managementAccount ?? org.accounts[0] ?? DEFAULT_ACCOUNT,
    rootIds: [ROOT],
    ouParents: new Map(Object.entries(org.ous ?? {})),
    accounts: new Map(
      org.accounts.map((id) => [id, { id, status: "ACTIVE", parentId: org.accountParents?.[id] ?? ROOT }]),
    ),
    policies,
    file: "organization.json",
    location: { file: "organization.json", startLine: 1, startColumn: 1, endLine: 1, endColumn: 2 },
  };
}

export function snapshotForCase(c: PolicyCase): Snapshot {
  if (isSharedCaseResource(c.resource)) return snapshotForSharedCase(c, c.resource);
  const readProblems: ReadProblem[] = [];
  const accountId = c.accountId ?? DEFAULT_ACCOUNT;
  const location = { file: FILE, startLine: 1, startColumn: 1, endLine: 1, endColumn: 2 };
  let resource: Resource;
  if (c.resource === "role") {
    const name = c.roleName ?? "case-role";
    const path = c.rolePath ?? "/";
    resource = {
      type: "AWS::IAM::Role",
      arn: `arn:aws:iam::${accountId}:role${path}${name}`,
      name,
      accountId,
      path,
      location,
      trustPolicy: policyDocument(c.policy, "trust-policy", readProblems),
    };
  } else if (isPolicyResourceType(c.resource)) {
    const policy = c.policy === null ? null : policyDocument(c.policy, "bucket-policy", readProblems);
    resource = policyResourceForCase(c.resource, c.policyResource ?? {}, accountId, policy, location);
  } else {
    const name = c.bucketName ?? bucketNamedIn(c.policy) ?? "case-bucket";
    resource = {
      type: "AWS::S3::Bucket",
      arn: `arn:aws:s3:::${name}`,
      name,
      accountId,
      location,
      policy: c.policy === null ? null : policyDocument(c.policy, "bucket-policy", readProblems),
      publicAccessBlock: publicAccessBlock(c.bucketPublicAccessBlock),
      acl: c.acl
        ? {
            ownerId: c.acl.ownerId ?? "owner-canonical-id",
            location,
            grants: c.acl.grants.map((g, index) => ({ ...g, index, location })),
          }
        : null,
    };
  }
  const account: AccountSnapshot = {
    accountId,
    file: FILE,
    roles: resource.type === "AWS::IAM::Role" ? [resource] : [],
    buckets: resource.type === "AWS::S3::Bucket" ? [resource] : [],
    oidcProviders: [],
    samlProviders: [],
    accountPublicAccessBlock: publicAccessBlock(c.accountPublicAccessBlock),
    resources: resource.type === "AWS::IAM::Role" || resource.type === "AWS::S3::Bucket" ? [] : [resource],
    regionalControls: new Map(),
  };
  const organization = c.organization === undefined ? DEFAULT_ORGANIZATION : c.organization;
  return {
    source: FILE,
    accounts: [account],
    ...(organization ? { organization: buildOrganization(organization, readProblems) } : {}),
    collectionErrors: [],
    readProblems,
  };
}

const SHARED_CASE_RESOURCES: Record<
  SharedCaseResource,
  { type: SharedResourceType; name: string; arn: (region: string, account: string, name: string) => string }
> = {
  "ebs-snapshot": {
    type: "AWS::EC2::Snapshot",
    name: "snap-0123456789abcdef0",
    arn: (region, account, name) => `arn:aws:ec2:${region}:${account}:snapshot/${name}`,
  },
  // An AMI's ARN has no account (Service Authorization Reference, Amazon EC2, resource type `image`).
  ami: {
    type: "AWS::EC2::Image",
    name: "ami-0abcdef1234567890",
    arn: (region, _account, name) => `arn:aws:ec2:${region}::image/${name}`,
  },
  "db-snapshot": {
    type: "AWS::RDS::DBSnapshot",
    name: "case-db-snapshot",
    arn: (region, account, name) => `arn:aws:rds:${region}:${account}:snapshot:${name}`,
  },
  "db-cluster-snapshot": {
    type: "AWS::RDS::DBClusterSnapshot",
    name: "case-db-cluster-snapshot",
    arn: (region, account, name) => `arn:aws:rds:${region}:${account}:cluster-snapshot:${name}`,
  },
};

function isSharedCaseResource(resource: PolicyCase["resource"]): resource is SharedCaseResource {
  return Object.hasOwn(SHARED_CASE_RESOURCES, resource);
}

/** A one-account snapshot holding one shared resource (snapshot version 2, `regions`). */
function snapshotForSharedCase(c: PolicyCase, kind: SharedCaseResource): Snapshot {
  const readProblems: ReadProblem[] = [];
  const accountId = c.accountId ?? DEFAULT_ACCOUNT;
  const region = c.region ?? "us-east-1";
  const facts = SHARED_CASE_RESOURCES[kind];
  const shares = c.shares === null ? undefined : (c.shares ?? []);
  const resource: SharedResource = {
    type: facts.type,
    arn: facts.arn(region, accountId, facts.name),
    name: facts.name,
    accountId,
    region,
    location: { file: FILE, startLine: 1, startColumn: 1, endLine: 1, endColumn: 2 },
    shares: shares?.map((share, index): Share => ({
      ...share,
      location: { file: FILE, startLine: index + 2, startColumn: 1, endLine: index + 2, endColumn: 2 },
    })),
  };
  const account: AccountSnapshot = {
    accountId,
    file: FILE,
    roles: [],
    buckets: [],
    oidcProviders: [],
    samlProviders: [],
    accountPublicAccessBlock: null,
    resources: [resource],
    regionalControls: new Map(c.regionalControls ? [[region, c.regionalControls]] : []),
  };
  const organization = c.organization === undefined ? DEFAULT_ORGANIZATION : c.organization;
  return {
    source: FILE,
    accounts: [account],
    ...(organization ? { organization: buildOrganization(organization, readProblems) } : {}),
    collectionErrors: [],
    readProblems,
  };
}

/** The bucket a bucket policy is written for: the first `arn:aws:s3:::name` in its Resource elements. */
function bucketNamedIn(policy: unknown): string | undefined {
  const document = (typeof policy === "string" ? JSON.parse(policy) : policy) as {
    Statement?: unknown;
  } | null;
  const statements = [document?.Statement ?? []].flat() as { Resource?: unknown }[];
  for (const resource of statements.flatMap((s) => [s?.Resource ?? []].flat())) {
    const name = typeof resource === "string" ? /^arn:aws:s3:::([^/*?$]+)/.exec(resource)?.[1] : undefined;
    if (name) return name;
  }
  return undefined;
}

/** All findings, active and cancelled. */
export function scanPolicy(c: PolicyCase): Finding[] {
  return scanSnapshot(snapshotForCase(c), { zone: c.zone, trustedAccounts: c.trustedAccounts ?? [] })
    .findings;
}

/** Sorted unique rule ids of the active findings. */
export function activeRuleIds(c: PolicyCase): string[] {
  const ids = scanPolicy(c)
    .filter((f) => f.cancelledBy.length === 0)
    .map((f) => f.ruleId);
  return [...new Set(ids)].sort();
}
