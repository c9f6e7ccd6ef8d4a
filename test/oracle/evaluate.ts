/**
 * A second, concrete evaluator of resource-based access, for tests: given one request, it decides allow or deny by
 * plain IAM policy evaluation logic (IAM User Guide, "Policy evaluation logic"), statement by statement. An explicit
 * Deny (of the resource policy, or of a resource control policy that applies to the owner's account) wins; then some
 * Allow of the resource policy (unless S3 Block Public Access RestrictPublicBuckets holds it back) or a grant of the
 * bucket ACL (unless IgnorePublicAcls) must match.
 *
 * The caller's own identity-based policies are taken to allow everything: an outside caller controls them. It shares
 * nothing with the engine (src/analysis, rules/) beyond the policy model that the snapshot readers produce.
 */
import type { PolicyDocument, Statement } from "../../src/model/policy.js";
import type { AclGrant } from "../../src/model/resource.js";
import type { Snapshot } from "../../src/model/snapshot.js";
import { conditionsHold } from "./conditions.js";
import { globMatch } from "./glob.js";
import { notPrincipalApplies, principalNames } from "./principals.js";
import { requestContext, type OraclePrincipal, type OracleRequest, type RequestContext } from "./request.js";
import { policyIsPublic } from "./s3-public.js";

export interface OracleSetup {
  resourceType: "role" | "bucket";
  /** The role's ARN, or the bucket's (`arn:aws:s3:::name`). */
  resourceArn: string;
  ownerAccount: string;
  ownerOrgId?: string;
  /** The trust policy or the bucket policy (null: a bucket without one). */
  policy: PolicyDocument | null;
  acl: { grants: readonly Pick<AclGrant, "grantee" | "permission" | "index">[] } | null;
  /** Block Public Access of the bucket or of its account (either one is enough). */
  restrictPublicBuckets: boolean;
  ignorePublicAcls: boolean;
  /** Resource control policies attached to the owner's account, an OU above it or the root. */
  rcps: readonly { id: string; document: PolicyDocument }[];
}

export interface OracleDecision {
  allowed: boolean;
  /** Indices (in the Statement array) of the resource policy's Allow statements that grant the request. */
  allowingStatements: number[];
  /** Indices of ACL grants that grant the request, after IgnorePublicAcls. */
  allowingAclGrants: number[];
  /**
   * What denies it (`statement 2`, `RCP p-1 statement 0`, `unsigned STS request`), or holds back the policy's Allow
   * statements (`RestrictPublicBuckets`).
   */
  deniedBy: string[];
}

export function evaluate(setup: OracleSetup, request: OracleRequest): OracleDecision {
  const context = requestContext(request, setup);
  const statements = setup.policy?.statements ?? [];
  const matches = (statement: Statement, absentPrincipal: "everyone" | "nobody") =>
    statementMatches(statement, request, context, absentPrincipal);

  const deniedBy: string[] = [];
  for (const statement of statements) {
    if (statement.effect === "Deny" && matches(statement, "nobody"))
      deniedBy.push(`statement ${statement.index}`);
  }
  for (const rcp of setup.rcps) {
    for (const statement of rcp.document.statements) {
      // RCPs must say Principal "*"; a statement without one is read as applying to everyone.
      if (statement.effect === "Deny" && matches(statement, "everyone"))
        deniedBy.push(`RCP ${rcp.id} statement ${statement.index}`);
    }
  }
  // STS needs a signed request for AssumeRole (only AssumeRoleWithWebIdentity/SAML are unsigned, and those are
  // made by federated callers).
  if (request.principal.kind === "anonymous" && request.action.toLowerCase().startsWith("sts:"))
    deniedBy.push("unsigned STS request");

  // RestrictPublicBuckets: "public and cross-account access within any public bucket policy ... is blocked" (S3 API
  // Reference, PublicAccessBlockConfiguration). Whether it also blocks what an ACL grants is not settled there; the
  // oracle takes the reading that grants access and applies it to the policy's grants only (ACLs have
  // IgnorePublicAcls).
  const restricted =
    setup.resourceType === "bucket" &&
    setup.restrictPublicBuckets &&
    policyIsPublic(setup.policy) &&
    !(request.principal.kind === "iam" && request.principal.account === setup.ownerAccount) &&
    request.principal.kind !== "service";
  const allowingStatements = restricted
    ? []
    : statements.filter((s) => s.effect === "Allow" && matches(s, "nobody")).map((s) => s.index);
  if (restricted && statements.some((s) => s.effect === "Allow" && matches(s, "nobody")))
    deniedBy.push("RestrictPublicBuckets");
  const allowingAclGrants =
    setup.resourceType === "bucket" && setup.acl ? aclGrantsAllowing(setup, request) : [];
  const explicitlyDenied = deniedBy.some((d) => d !== "RestrictPublicBuckets");
  const allowed = !explicitlyDenied && (allowingStatements.length > 0 || allowingAclGrants.length > 0);
  return { allowed, allowingStatements, allowingAclGrants, deniedBy };
}

function statementMatches(
  statement: Statement,
  request: OracleRequest,
  context: RequestContext,
  absentPrincipal: "everyone" | "nobody",
): boolean {
  const principalMatches = statement.principals
    ? principalNames(statement.principals, request.principal)
    : statement.notPrincipals
      ? notPrincipalApplies(statement.notPrincipals, request.principal, statement.effect)
      : absentPrincipal === "everyone";
  return (
    principalMatches &&
    listMatches(statement.actions, statement.notActions, request.action, true) &&
    listMatches(statement.resources, statement.notResources, request.resource, false) &&
    conditionsHold(statement.conditions, context)
  );
}

/** Action (case-insensitive) or Resource (case-sensitive) against its element or Not-element; neither: any. */
function listMatches(
  patterns: readonly string[] | undefined,
  notPatterns: readonly string[] | undefined,
  value: string,
  ignoreCase: boolean,
): boolean {
  if (patterns) return patterns.some((p) => globMatch(p, value, ignoreCase));
  if (notPatterns) return !notPatterns.some((p) => globMatch(p, value, ignoreCase));
  return true;
}

const ALL_USERS = "http://acs.amazonaws.com/groups/global/AllUsers";
const AUTHENTICATED_USERS = "http://acs.amazonaws.com/groups/global/AuthenticatedUsers";

/** What a bucket ACL permission lets its grantee do (S3 User Guide, "Access control list (ACL) overview"). */
const ACL_PERMISSIONS: Record<string, { actions: string[]; on: "bucket" | "objects" }[]> = {
  READ: [
    { actions: ["s3:ListBucket", "s3:ListBucketVersions", "s3:ListBucketMultipartUploads"], on: "bucket" },
  ],
  WRITE: [{ actions: ["s3:PutObject", "s3:DeleteObject", "s3:DeleteObjectVersion"], on: "objects" }],
  READ_ACP: [{ actions: ["s3:GetBucketAcl"], on: "bucket" }],
  WRITE_ACP: [{ actions: ["s3:PutBucketAcl"], on: "bucket" }],
};
ACL_PERMISSIONS.FULL_CONTROL = Object.values(ACL_PERMISSIONS).flat();

function aclGrantsAllowing(setup: OracleSetup, request: OracleRequest): number[] {
  const onBucket = request.resource === setup.resourceArn;
  const onObject = request.resource.startsWith(`${setup.resourceArn}/`);
  return (setup.acl?.grants ?? [])
    .filter((grant) => {
      const uri = grant.grantee.uri;
      const isPublicGroup = uri === ALL_USERS || uri === AUTHENTICATED_USERS;
      if (isPublicGroup && setup.ignorePublicAcls) return false;
      if (!aclGranteeMatches(grant, request.principal)) return false;
      return (ACL_PERMISSIONS[grant.permission] ?? []).some(
        (p) =>
          (p.on === "bucket" ? onBucket : onObject) &&
          p.actions.some((a) => a.toLowerCase() === request.action.toLowerCase()),
      );
    })
    .map((grant) => grant.index);
}

function aclGranteeMatches(grant: Pick<AclGrant, "grantee">, principal: OraclePrincipal): boolean {
  const { grantee } = grant;
  if (grantee.type === "Group") {
    if (grantee.uri === ALL_USERS) return true;
    if (grantee.uri === AUTHENTICATED_USERS) return principal.kind === "iam";
    return false;
  }
  if (grantee.type === "CanonicalUser")
    return principal.kind === "iam" && principal.canonicalUserId === grantee.id;
  return false;
}

/**
 * The oracle's view of the one resource in a snapshot built by `snapshotForCase` (or any snapshot with one role or
 * bucket): its policy, ACL, Block Public Access and the RCPs that apply to its account (attached to the account, an
 * OU above it or the root; never in the management account, Organizations User Guide, "Resource control policies").
 */
export function setupFromSnapshot(snapshot: Snapshot): OracleSetup {
  const account = snapshot.accounts[0];
  const resource = account?.roles[0] ?? account?.buckets[0];
  if (
    !account ||
    !resource ||
    snapshot.accounts.length !== 1 ||
    account.roles.length + account.buckets.length !== 1
  )
    throw new Error("oracle: expected a snapshot with exactly one role or bucket");
  const org = snapshot.organization;
  const owner = resource.accountId;
  const isMember = org?.accounts.has(owner) ?? false;
  const ancestors: string[] = [];
  for (
    let id = org?.accounts.get(owner)?.parentId;
    id && !ancestors.includes(id);
    id = org?.ouParents.get(id)
  )
    ancestors.push(id);
  const targets = new Set([owner, ...ancestors]);
  const rcps =
    org && isMember && org.masterAccountId !== owner
      ? org.policies
          .filter((p) => p.type === "RESOURCE_CONTROL_POLICY" && p.targetIds.some((t) => targets.has(t)))
          .map((p) => ({ id: p.id, document: p.content }))
      : [];
  const base = { ownerAccount: owner, ...(org && isMember ? { ownerOrgId: org.id } : {}), rcps };
  if (resource.type === "AWS::IAM::Role") {
    return {
      ...base,
      resourceType: "role",
      resourceArn: resource.arn,
      policy: resource.trustPolicy,
      acl: null,
      restrictPublicBuckets: false,
      ignorePublicAcls: false,
    };
  }
  const settings = [resource.publicAccessBlock, account.accountPublicAccessBlock];
  return {
    ...base,
    resourceType: "bucket",
    resourceArn: resource.arn,
    policy: resource.policy,
    acl: resource.acl ? { grants: resource.acl.grants } : null,
    restrictPublicBuckets: settings.some((s) => s?.RestrictPublicBuckets === true),
    ignorePublicAcls: settings.some((s) => s?.IgnorePublicAcls === true),
  };
}
