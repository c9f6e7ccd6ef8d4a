/**
 * The ARNs a resource answers to, per action: a bucket is its own ARN and the ARNs of its objects, and an S3 action
 * is evaluated against one of the two (Service Authorization Reference, Amazon S3, "Actions defined by Amazon S3",
 * resource types `bucket` and `object`). A Deny is compared with these rather than with the Allow's own Resource
 * text, so `Allow … Resource "*"` is cancelled by a Deny on `bucket/*` for an object action.
 */
import type { Resource } from "../model/resource.js";
import { bucketArnDomain, literalDomain, objectArnDomain } from "./patterns/domains.js";
import type { EvaluationContext } from "./key-values.js";
import { globOf, type Glob } from "./patterns/glob.js";
import { globsIntersect } from "./patterns/relations.js";
import { pattern } from "./wildcard.js";

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
 * governs S3 actions, a trust policy STS actions (IAM User Guide, "IAM JSON policy elements: Action").
 */
export function actionDomainOf(resource: Resource): Glob {
  return resource.type === "AWS::IAM::Role" ? STS_ACTIONS : S3_ACTIONS;
}

// An action name has at least one character after the service prefix. One glob each, so its automaton is built once.
const STS_ACTIONS = globOf("sts:?*", true);
const S3_ACTIONS = globOf("s3:?*", true);

export type ResourceScopes = (action: string) => readonly Glob[];

/** Which of a bucket's scopes a glob is (role scopes are neither). */
const scopeKinds = new WeakMap<Glob, "bucket" | "object">();

/**
 * Does this action name certainly not apply within the scope (an object action on the bucket ARN, a bucket action
 * on an object ARN)? Only names in the tables above are known; a pattern or another name may apply anywhere.
 */
export function appliesOnlyElsewhere(action: string, scope: Glob): boolean {
  const kind = scopeKinds.get(scope);
  if (kind === "bucket") return resourceTypeOf(action) === "object";
  if (kind === "object") return resourceTypeOf(action) === "bucket";
  return false;
}

/** The only S3 resource type an action name applies to, if the tables above know it: asked for every comparison. */
const resourceTypes = new Map<string, "object" | "bucket" | undefined>();
const MAX_REMEMBERED_ACTIONS = 4096;

function resourceTypeOf(action: string): "object" | "bucket" | undefined {
  if (resourceTypes.has(action)) return resourceTypes.get(action);
  const name = action.toLowerCase();
  const type = OBJECT_ACTIONS.has(name) ? "object" : BUCKET_ACTIONS.has(name) ? "bucket" : undefined;
  if (resourceTypes.size < MAX_REMEMBERED_ACTIONS) resourceTypes.set(action, type);
  return type;
}

export function resourceScopesOf(resource: Resource): ResourceScopes {
  if (resource.type === "AWS::IAM::Role") {
    const role = [literalDomain(resource.arn)];
    return () => role;
  }
  const bucket = bucketArnDomain(resource.arn);
  const objects = objectArnDomain(resource.arn);
  scopeKinds.set(bucket, "bucket");
  scopeKinds.set(objects, "object");
  const both = [bucket, objects];
  const onlyObjects = [objects];
  const onlyBucket = [bucket];
  return (action) => {
    const type = resourceTypeOf(action);
    return type === "object" ? onlyObjects : type === "bucket" ? onlyBucket : both;
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
