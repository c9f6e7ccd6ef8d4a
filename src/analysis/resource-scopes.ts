/**
 * The ARNs a resource answers to, per action: a bucket is its own ARN and the ARNs of its objects, and an S3 action
 * is evaluated against one of the two (Service Authorization Reference, Amazon S3, "Actions defined by Amazon S3",
 * resource types `bucket` and `object`). A Deny is compared with these rather than with the Allow's own Resource
 * text, so `Allow … Resource "*"` is cancelled by a Deny on `bucket/*` for an object action.
 */
import type { PolicyResource, Resource } from "../model/resource.js";
import { bucketArnDomain, literalDomain, objectArnDomain, suffixedDomain } from "./patterns/domains.js";
import type { EvaluationContext } from "./key-values.js";
import { globOf, type Glob } from "./patterns/glob.js";
import { globsIntersect } from "./patterns/relations.js";
import { pattern } from "./wildcard.js";
import { ACTIONS_OF_TYPE, arnFormsOf, isPolicyResource } from "./services/policy-resource-types.js";

/** Actions whose only resource type is `object`. Lower case; a name missing here is checked against both. */
const OBJECT_ACTIONS = new Set(
  [
    "AbortMultipartUpload",
    "DeleteObject",
    "DeleteObjectTagging",
    "DeleteObjectVersion",
    "DeleteObjectVersionTagging",
    "GetObject",
    "GetObjectAcl",
    "GetObjectAttributes",
    "GetObjectLegalHold",
    "GetObjectRetention",
    "GetObjectTagging",
    "GetObjectTorrent",
    "GetObjectVersion",
    "GetObjectVersionAcl",
    "GetObjectVersionAttributes",
    "GetObjectVersionForReplication",
    "GetObjectVersionTagging",
    "GetObjectVersionTorrent",
    "ListMultipartUploadParts",
    "PutObject",
    "PutObjectAcl",
    "PutObjectLegalHold",
    "PutObjectRetention",
    "PutObjectTagging",
    "PutObjectVersionAcl",
    "PutObjectVersionTagging",
    "ReplicateDelete",
    "ReplicateObject",
    "ReplicateTags",
    "RestoreObject",
  ].map((name) => `s3:${name.toLowerCase()}`),
);

/** Actions whose only resource type is `bucket`. */
const BUCKET_ACTIONS = new Set(
  [
    "CreateBucket",
    "DeleteBucket",
    "DeleteBucketPolicy",
    "GetBucketAcl",
    "GetBucketLocation",
    "GetBucketPolicy",
    "GetBucketPolicyStatus",
    "GetBucketPublicAccessBlock",
    "GetBucketVersioning",
    "ListBucket",
    "ListBucketMultipartUploads",
    "ListBucketVersions",
    "PutBucketAcl",
    "PutBucketPolicy",
    "PutBucketPublicAccessBlock",
    "PutBucketVersioning",
  ].map((name) => `s3:${name.toLowerCase()}`),
);

/**
 * Every action a request on the resource can be, lower-cased as action names are compared: a bucket policy
 * governs S3 actions, a trust policy STS actions, every other resource policy its service's actions (IAM User
 * Guide, "IAM JSON policy elements: Action"; docs/semantics.md#resource-types).
 */
export function actionDomainOf(resource: Resource): Glob {
  // An action name has at least one character after the service prefix.
  return globOf(`${servicePrefixOf(resource)}:?*`, true);
}

function servicePrefixOf(resource: Resource): string {
  if (resource.type === "AWS::IAM::Role") return "sts";
  if (isPolicyResource(resource)) return ACTIONS_OF_TYPE[resource.type].service.prefix;
  return "s3";
}

export type ResourceScopes = (action: string) => readonly Glob[];

/** Which of a bucket's scopes a glob is (role scopes are neither). */
const scopeKinds = new WeakMap<Glob, "bucket" | "object">();

/**
 * Does this action name certainly not apply within the scope (an object action on the bucket ARN, a bucket action
 * on an object ARN)? Only names in the tables above are known; a pattern or another name may apply anywhere.
 */
export function appliesOnlyElsewhere(action: string, scope: Glob): boolean {
  const kind = scopeKinds.get(scope);
  const name = action.toLowerCase();
  if (kind === "bucket") return OBJECT_ACTIONS.has(name);
  if (kind === "object") return BUCKET_ACTIONS.has(name);
  return false;
}

export function resourceScopesOf(resource: Resource): ResourceScopes {
  if (resource.type === "AWS::IAM::Role") {
    const role = [literalDomain(resource.arn)];
    return () => role;
  }
  if (isPolicyResource(resource)) return policyResourceScopes(resource);
  const bucket = bucketArnDomain(resource.arn);
  const objects = objectArnDomain(resource.arn);
  return byObjectOrBucketAction(bucket, objects);
}

/**
 * The ARN forms of a policy-based resource (services/policy-resource-types.ts). An access point is split like a
 * bucket: object actions are evaluated against `…/object/<key>`, bucket actions against the access point's ARN.
 */
function policyResourceScopes(resource: PolicyResource): ResourceScopes {
  const forms = arnFormsOf(resource);
  const globs = forms.map((form) =>
    form.suffix === undefined ? literalDomain(resource.arn) : suffixedDomain(`${resource.arn}${form.suffix}`),
  );
  const bucketAt = forms.findIndex((form) => form.kind === "bucket");
  const objectAt = forms.findIndex((form) => form.kind === "object");
  const bucket = globs[bucketAt];
  const objects = globs[objectAt];
  if (bucket && objects) return byObjectOrBucketAction(bucket, objects);
  return () => globs;
}

function byObjectOrBucketAction(bucket: Glob, objects: Glob): ResourceScopes {
  scopeKinds.set(bucket, "bucket");
  scopeKinds.set(objects, "object");
  const both = [bucket, objects];
  const onlyObjects = [objects];
  const onlyBucket = [bucket];
  return (action) => {
    const name = action.toLowerCase();
    if (OBJECT_ACTIONS.has(name)) return onlyObjects;
    if (BUCKET_ACTIONS.has(name)) return onlyBucket;
    return both;
  };
}

/**
 * The resource's scopes that a grant's Resource patterns reach for an action (none: the grant gives nothing on this
 * resource). Kept per resource list, so every Deny asked about the same grant shares the answer.
 */
const reachedScopes = new WeakMap<readonly string[], Map<string, readonly Glob[]>>();

export function scopesReachedBy(
  grantResources: readonly string[],
  action: string,
  ctx: EvaluationContext,
): readonly Glob[] {
  let byAction = reachedScopes.get(grantResources);
  if (!byAction) {
    byAction = new Map();
    reachedScopes.set(grantResources, byAction);
  }
  let scopes = byAction.get(action);
  if (!scopes) {
    scopes = ctx
      .resourceScopes(action)
      .filter((scope) => grantResources.some((r) => globsIntersect([pattern(r), scope], ctx.budget)));
    byAction.set(action, scopes);
  }
  return scopes;
}
