import type { CancellingControl, GrantSource } from "../findings/finding.js";
import { shortHash } from "../findings/fingerprint.js";
import type { ConditionClause, PrincipalEntry, Statement } from "../model/policy.js";
import { policyOf, type AclGrant, type BucketResource, type Resource } from "../model/resource.js";
import type { OrgPolicy } from "../model/snapshot.js";
import { evaluateGrant, type GrantAccess, type GrantToEvaluate } from "./access.js";
import { parseFederatedPrincipal } from "../model/federated-principal.js";
import { ASSUME_ACTIONS, ROLE_ACTIONS, statementAllowsAction } from "./actions.js";
import { buildOutsideCallers } from "./build-callers.js";
import type { Caller } from "./callers.js";
import { denyStatementControl, describeDenyStatement, type Control } from "./controls.js";
import type { EvaluationContext } from "./key-values.js";
import { collectMentions } from "./mentions.js";
import {
  describePrincipalEntry,
  judgePrincipal,
  type JudgedPrincipal,
  type PrincipalContext,
} from "./principals.js";
import { DEFAULT_RESOURCE_BUDGET, WorkBudget } from "./patterns/budget.js";
import { actionDomainOf, resourceScopesOf, scopesReachedBy } from "./resource-scopes.js";
import { intersectionCoveredBy } from "./patterns/relations.js";
import { pattern, patternsCover, patternsOverlap, widenVariables, withoutVariables } from "./wildcard.js";
import { s3CertainlySeesPublic } from "./s3-public.js";
import { isPolicyResource, wholeResourceArns } from "./services/policy-resource-types.js";
import { rcpsApplyTo } from "./services/rcp-services.js";
import { restrictPublicControls, withoutRetireGrant } from "./policy-resource-controls.js";
import { addGrantMentions, analyzeKmsGrants } from "./kms-grants.js";
import { anonymousFunctionActions, grantContext } from "./function-urls.js";
import { accessPointVpc, confineToNetworkOrigin } from "./network-origin.js";
import { analyzeShares } from "./share-analysis.js";
import { isSharedResource } from "./share-types.js";
import type { SnapshotIndex } from "./snapshot-index.js";
import type { Zone } from "./zone.js";

/** A grant of the resource's policy or ACL to principals other than federated ones, with who it reaches. */
export interface AnalyzedGrant {
  source: GrantSource;
  statement?: Statement;
  /** As written, e.g. `{"AWS":"arn:aws:iam::999988887777:root"}` or `NotPrincipal {"AWS":"…"}`. */
  principalWritten: string;
  /** The actions as written (`NotAction` shown as "all actions except …"). */
  actionsWritten: string[];
  conditions: readonly ConditionClause[];
  access: GrantAccess;
  /** What was evaluated, kept so that a control found later (RestrictPublicBuckets) can be applied. */
  evaluated: GrantToEvaluate;
}

export interface FederatedGrant {
  source: GrantSource;
  statement: Statement;
  provider: string;
  principalWritten: string;
  actionsWritten: string[];
  conditions: readonly ConditionClause[];
  /** Non-empty when a Deny or an RCP takes the federated access away entirely. */
  cancelledBy: CancellingControl[];
}

export interface ResourceAnalysis {
  resource: Resource;
  zone: Zone;
  grants: AnalyzedGrant[];
  federated: FederatedGrant[];
}

/**
 * What a bucket ACL grant permits, as policy actions (S3 User Guide, "Access control list (ACL) overview",
 * mapping of ACL permissions and access policy permissions): READ lists the objects, their versions and the
 * multipart uploads under way.
 */
const ACL_PERMISSION_ACTIONS: Record<string, string[]> = {
  READ: ["s3:ListBucket", "s3:ListBucketVersions", "s3:ListBucketMultipartUploads"],
  WRITE: ["s3:PutObject", "s3:DeleteObject"],
  READ_ACP: ["s3:GetBucketAcl"],
  WRITE_ACP: ["s3:PutBucketAcl"],
};
ACL_PERMISSION_ACTIONS.FULL_CONTROL = Object.values(ACL_PERMISSION_ACTIONS).flat();

const ALL_USERS = "http://acs.amazonaws.com/groups/global/AllUsers";
const AUTHENTICATED_USERS = "http://acs.amazonaws.com/groups/global/AuthenticatedUsers";

/**
 * analysis-memo.ts reuses a role's analysis for the other roles of its account with the same trust policy,
 * putting in their resource, statements and statement locations: anything else this reads from the resource
 * (beyond its statements, type, account and ARN) must be added to the memo's key.
 */
export function analyzeResource(
  resource: Resource,
  zone: Zone,
  index: SnapshotIndex,
  budget: WorkBudget = new WorkBudget(DEFAULT_RESOURCE_BUDGET),
): ResourceAnalysis {
  // Shared by an attribute, not a policy: docs/semantics.md#shares.
  if (isSharedResource(resource)) return analyzeShares(resource, zone, index, budget);
  const statements = resourceStatements(resource);
  const rcps = rcpsApplyTo(resource) ? applicableRcps(resource.accountId, zone) : [];
  const rcpStatements = rcps.flatMap((policy) =>
    policy.content.statements.filter((s) => s.effect === "Deny"),
  );
  const mentions = collectMentions([...statements, ...rcpStatements]);
  for (const bucket of mentions.sourceBuckets) {
    const owner = index.bucketOwner(bucket);
    if (owner) mentions.accounts.add(owner);
    else mentions.unknownBucketOwners.add(bucket);
  }
  const acl = resource.type === "AWS::S3::Bucket" ? resource.acl : undefined;
  for (const grant of acl?.grants ?? []) {
    if (grant.grantee.type === "CanonicalUser" && grant.grantee.id && grant.grantee.id !== acl?.ownerId) {
      const account = index.accountOfCanonicalUser(grant.grantee.id);
      if (account) mentions.accounts.add(account);
      else mentions.canonicalUsers.add(grant.grantee.id);
    }
    // A grant to an e-mail address names an account S3 resolved when it was made: unknown here, so a party of its own.
    if (grant.grantee.type === "AmazonCustomerByEmail" && grant.grantee.email)
      mentions.unknownPrincipals.add(grant.grantee.email);
  }
  if (resource.type === "AWS::KMS::Key") addGrantMentions(resource, mentions);
  const originVpc = resource.type === "AWS::S3::AccessPoint" ? accessPointVpc(resource) : undefined;
  if (originVpc !== undefined) mentions.vpcs.add(originVpc);

  const ctx: EvaluationContext & PrincipalContext = {
    ownerAccount: resource.accountId,
    ownerOrgId: zone.isOrgMember(resource.accountId) ? zone.organizationId : undefined,
    bucketOwner: (name) => index.bucketOwner(name),
    accountOfCanonicalUser: (id) => index.accountOfCanonicalUser(id),
    resourceScopes: resourceScopesOf(resource),
    resourceType: resource.type,
    actionDomain: actionDomainOf(resource),
    memo: new Map(),
    budget,
    ...(resource.type === "AWS::Lambda::Function"
      ? { anonymousActions: anonymousFunctionActions(resource) }
      : {}),
  };
  const outside = buildOutsideCallers(mentions, zone, resource.accountId);
  const callers = originVpc === undefined ? outside : confineToNetworkOrigin(outside, originVpc);
  const wholeResource =
    resource.type === "AWS::S3::Bucket"
      ? [resource.arn, `${resource.arn}/*`]
      : isPolicyResource(resource)
        ? wholeResourceArns(resource)
        : [resource.arn];
  const controls: Control[] = [];
  for (const statement of statements) {
    const control = denyStatementControl(statement, describeDenyStatement(statement), ctx);
    if (control) controls.push(control);
  }
  for (const policy of rcps) {
    const description = describeRcp(policy, zone, resource.accountId);
    for (const statement of policy.content.statements) {
      const control = denyStatementControl(statement, description, ctx);
      if (!control) continue;
      controls.push(resource.type === "AWS::KMS::Key" ? withoutRetireGrant(control, ctx) : control);
    }
  }
  if (isPolicyResource(resource)) controls.push(...restrictPublicControls(resource, index));

  const grants: AnalyzedGrant[] = [];
  const federated: FederatedGrant[] = [];
  const isRole = resource.type === "AWS::IAM::Role";
  for (const statement of statements) {
    if (statement.effect !== "Allow") continue;
    // Resource values with a policy variable are as wide as the variable can make them.
    const resources =
      isRole || !statement.resources ? wholeResource : statement.resources.map(widenVariables);
    const actions = isRole
      ? ROLE_ACTIONS.filter((a) => statementAllowsAction(statement, a, budget))
      : actionsOnThisResource(statement, resources, ctx);
    if (isRole && !ASSUME_ACTIONS.some((a) => actions.includes(a))) continue;
    if (actions.length === 0) continue;
    const source = statementSource(statement);
    const actionsWritten = writtenActions(statement);
    for (const unit of principalUnits(statement, ctx)) {
      if (unit.federated) {
        // A federated identity reaches a role only through its provider's assume action, and never a bucket.
        const entry = isRole ? federatedEntryActions(unit.federated).filter((a) => actions.includes(a)) : [];
        if (entry.length === 0) continue;
        federated.push({
          source,
          statement,
          provider: unit.federated,
          principalWritten: unit.written,
          actionsWritten,
          conditions: statement.conditions,
          cancelledBy: federatedCancellation(controls, unit.federated, entry, wholeResource),
        });
        continue;
      }
      const evaluated: GrantToEvaluate = {
        ...unit.judged,
        conditions: statement.conditions,
        actions,
        ...(isRole ? { essentialActions: ASSUME_ACTIONS } : {}),
        resources,
      };
      grants.push({
        source,
        statement,
        principalWritten: unit.written,
        actionsWritten,
        conditions: statement.conditions,
        access: evaluateGrant(evaluated, callers, controls, grantContext(ctx, resource, actions)),
        evaluated,
      });
    }
  }

  if (resource.type === "AWS::S3::Bucket") {
    applyRestrictPublicBuckets(resource, grants, callers, controls, ctx, index);
    grants.push(...aclGrants(resource, callers, controls, ctx, index, wholeResource));
  }
  if (resource.type === "AWS::KMS::Key") grants.push(...analyzeKmsGrants(resource, callers, controls, ctx));
  return { resource, zone, grants, federated };
}

function resourceStatements(resource: Resource): Statement[] {
  return policyOf(resource)?.statements ?? [];
}

/** RCPs attached to the account, an OU above it or the root; never in the management account (docs/semantics.md#allow-minus-deny). */
function applicableRcps(account: string, zone: Zone): OrgPolicy[] {
  const org = zone.organization;
  if (!org || !org.accounts.has(account) || org.masterAccountId === account) return [];
  const targets = new Set([account, ...zone.ancestorsOf(account)]);
  return org.policies.filter(
    (policy) => policy.type === "RESOURCE_CONTROL_POLICY" && policy.targetIds.some((t) => targets.has(t)),
  );
}

function describeRcp(policy: OrgPolicy, zone: Zone, account: string): CancellingControl {
  const targets = new Set([account, ...zone.ancestorsOf(account)]);
  const via = policy.targetIds
    .filter((t) => targets.has(t))
    .sort()
    .join(", ");
  const name = `RCP "${policy.name}" (${policy.id})`;
  return {
    kind: "resource-control-policy",
    name,
    justification: `Resource control policy ${policy.name} (${policy.id}), attached to ${via}, denies this access.`,
  };
}

function statementSource(statement: Statement): GrantSource {
  return {
    kind: "statement",
    index: statement.index,
    ...(statement.sid ? { sid: statement.sid } : {}),
    location: statement.location,
    identity: statement.sid ? `sid:${statement.sid}` : `stmt:${shortHash(statement.canonical)}`,
  };
}

/**
 * The action patterns a resource policy statement grants, within the actions a request on the resource can be (S3
 * actions for a bucket, the service's actions for another resource): none when every pattern names another
 * service's actions, or when NotAction leaves out every such action. A NotAction grant is taken as `*` otherwise
 * (a wider set than it grants: errs toward reporting).
 */
function actionsOnThisResource(
  statement: Statement,
  resources: readonly string[],
  ctx: EvaluationContext,
): string[] {
  return resourceActions(statement, ctx).filter((action) =>
    reachesThisResource(statement, resources, action, ctx),
  );
}

/**
 * Does the statement's Resource/NotResource leave some ARN of this resource that the action applies to
 * (S3 checks an action against the bucket or the object ARN, resource-scopes.ts)?
 */
function reachesThisResource(
  statement: Statement,
  resources: readonly string[],
  action: string,
  ctx: EvaluationContext,
): boolean {
  if (statement.resources) return scopesReachedBy(resources, action, ctx).length > 0;
  const scopes = ctx.resourceScopes(action);
  if (statement.notResources) {
    // A NotResource value with a variable leaves out nothing provably.
    const excluded = withoutVariables(statement.notResources);
    return scopes.some(
      (scope) =>
        !intersectionCoveredBy(
          [scope],
          excluded.map((p) => pattern(p)),
          ctx.budget,
        ),
    );
  }
  return true;
}

function resourceActions(statement: Statement, ctx: EvaluationContext): string[] {
  const domain = ctx.actionDomain;
  if (statement.actions) {
    return statement.actions.filter((p) => patternsOverlap(p, domain.text, true, ctx.budget));
  }
  const excluded = statement.notActions ?? [];
  return patternsCover(excluded, domain.text, true, ctx.budget) ? [] : ["*"];
}

function writtenActions(statement: Statement): string[] {
  if (statement.actions) return [...statement.actions];
  return [`all actions except ${(statement.notActions ?? []).join(", ")}`];
}

interface PrincipalUnit {
  written: string;
  judged: { principals?: JudgedPrincipal[]; notPrincipals?: JudgedPrincipal[] };
  federated?: string;
}

/** One unit per Principal value (each is its own finding); a NotPrincipal block is a single unit. */
function principalUnits(statement: Statement, ctx: PrincipalContext): PrincipalUnit[] {
  if (statement.notPrincipals) {
    return [
      {
        written: `NotPrincipal ${statement.notPrincipals.map(describePrincipalEntry).join(", ")}`,
        judged: { notPrincipals: statement.notPrincipals.map((p) => judgePrincipal(p, ctx)) },
      },
    ];
  }
  return (statement.principals ?? []).map((entry: PrincipalEntry): PrincipalUnit => {
    const judged = judgePrincipal(entry, ctx);
    const written = describePrincipalEntry(entry);
    if (judged.kind === "federated") return { written, judged: {}, federated: judged.provider };
    return { written, judged: { principals: [judged] } };
  });
}

/**
 * The actions through which identities of a federated principal come in (IAM User Guide, "IAM JSON policy elements:
 * Principal", federated web identity and SAML session principals): sts:AssumeRoleWithWebIdentity for OIDC and the
 * built-in web identity providers, sts:AssumeRoleWithSAML for SAML providers. A statement that gives a federated
 * principal only sts:AssumeRole admits nobody. A value that is no provider could be either.
 */
function federatedEntryActions(provider: string): string[] {
  switch (parseFederatedPrincipal(provider).kind) {
    case "saml":
      return ["sts:AssumeRoleWithSAML"];
    case "oidc":
      return ["sts:AssumeRoleWithWebIdentity"];
    case "unrecognised":
      return ["sts:AssumeRoleWithWebIdentity", "sts:AssumeRoleWithSAML"];
  }
}

/**
 * The controls that take every entry action away from the provider's identities. A federated caller carries no
 * account or organization: it is an unnamed caller from the internet that a Deny naming the same Federated
 * principal (or everyone) applies to.
 */
function federatedCancellation(
  controls: readonly Control[],
  provider: string,
  entryActions: readonly string[],
  resources: readonly string[],
): CancellingControl[] {
  const caller: Caller = {
    kind: "anonymous",
    network: { kind: "internet" },
    party: { kind: "anyone" },
    federatedProvider: provider,
  };
  const denying = new Map<string, CancellingControl>();
  for (const action of entryActions) {
    const forAction = controls.filter((c) => c.denies(caller, action, resources));
    if (forAction.length === 0) return [];
    for (const control of forAction) denying.set(control.description.name, control.description);
  }
  return [...denying.values()];
}

/**
 * RestrictPublicBuckets (account or bucket): once the bucket policy is public, only the owner's principals and
 * AWS services keep access, through any statement. BlockPublicPolicy and BlockPublicAcls cancel nothing.
 */
function applyRestrictPublicBuckets(
  bucket: BucketResource,
  grants: AnalyzedGrant[],
  callers: readonly Caller[],
  controls: readonly Control[],
  ctx: EvaluationContext,
  index: SnapshotIndex,
): void {
  const setting = restrictingSetting(bucket, index, "RestrictPublicBuckets");
  if (!setting) return;
  // S3 acts on its own reading of "public", which is not ours: only when it certainly counts the policy as public.
  if (!s3CertainlySeesPublic(bucket.policy?.statements ?? [])) return;
  const restrict: Control = {
    description: {
      kind: "block-public-access",
      name: `${setting} Block Public Access RestrictPublicBuckets`,
      justification: `S3 Block Public Access (${setting} setting RestrictPublicBuckets) limits a public bucket policy to the bucket owner's account and AWS services.`,
    },
    denies: (caller) => caller.kind !== "service",
  };
  for (const grant of grants)
    grant.access = evaluateGrant(grant.evaluated, callers, [...controls, restrict], ctx);
}

function restrictingSetting(
  bucket: BucketResource,
  index: SnapshotIndex,
  setting: "RestrictPublicBuckets" | "IgnorePublicAcls",
): "account" | "bucket" | undefined {
  if (bucket.publicAccessBlock?.[setting]) return "bucket";
  if (index.accountPublicAccessBlock(bucket.accountId)?.[setting]) return "account";
  return undefined;
}

function aclGrants(
  bucket: BucketResource,
  callers: readonly Caller[],
  controls: readonly Control[],
  ctx: EvaluationContext & PrincipalContext,
  index: SnapshotIndex,
  resources: readonly string[],
): AnalyzedGrant[] {
  const acl = bucket.acl;
  if (!acl) return [];
  const ignorePublic = restrictingSetting(bucket, index, "IgnorePublicAcls");
  const result: AnalyzedGrant[] = [];
  for (const grant of acl.grants) {
    const judged = aclGrantee(grant, acl.ownerId, ctx);
    if (!judged) continue;
    const actions = ACL_PERMISSION_ACTIONS[grant.permission] ?? ACL_PERMISSION_ACTIONS.FULL_CONTROL ?? [];
    const isPublicGroup = judged.kind === "anyone" || judged.kind === "any-aws-account";
    const grantControls = [...controls];
    if (isPublicGroup && ignorePublic) {
      grantControls.push({
        description: {
          kind: "block-public-access",
          name: `${ignorePublic} Block Public Access IgnorePublicAcls`,
          justification: `S3 Block Public Access (${ignorePublic} setting IgnorePublicAcls) makes S3 ignore ACL grants to AllUsers and AuthenticatedUsers.`,
        },
        denies: () => true,
      });
    }
    const evaluated: GrantToEvaluate = { principals: [judged], conditions: [], actions, resources };
    const grantee = grant.grantee.uri ?? grant.grantee.id ?? grant.grantee.email ?? "";
    result.push({
      source: {
        kind: "acl-grant",
        index: grant.index,
        location: grant.location,
        identity: `acl:${grantee}:${grant.permission}`,
      },
      principalWritten: `ACL grantee ${grantee || "?"}`,
      actionsWritten: [`${grant.permission} (${actions.join(", ")})`],
      conditions: [],
      access: evaluateGrant(evaluated, callers, grantControls, ctx),
      evaluated,
    });
  }
  return result;
}

function aclGrantee(
  grant: AclGrant,
  ownerId: string | undefined,
  ctx: PrincipalContext,
): JudgedPrincipal | undefined {
  const { grantee } = grant;
  if (grantee.type === "Group") {
    if (grantee.uri === ALL_USERS) return { kind: "anyone" };
    if (grantee.uri === AUTHENTICATED_USERS) return { kind: "any-aws-account" };
    return undefined; // LogDelivery: the S3 log delivery service writing access logs.
  }
  if (grantee.type === "CanonicalUser") {
    if (!grantee.id || grantee.id === ownerId) return undefined;
    return judgePrincipal({ type: "CanonicalUser", value: grantee.id }, ctx);
  }
  return grantee.email ? { kind: "unknown-principal", id: grantee.email } : undefined;
}
