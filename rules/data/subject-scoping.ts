/**
 * Does a condition value on an issuer's `sub` really narrow who may come in? Used by the federation provider table for
 * issuers whose subjects name a tenant inside a shared issuer (GitHub owner, GitLab group, Kubernetes namespace).
 * `isLikePattern`: the value sits under a …Like operator, where `*` and `?` are wildcards (docs/semantics.md#conditions).
 */

/** A value is fixed when it holds no policy variable and, under a …Like operator, no wildcard. */
export function isFixedConditionValue(value: string, isLikePattern: boolean): boolean {
  return value !== "" && !hasPolicyVariable(value) && !hasWildcard(value, isLikePattern);
}

/**
 * GitHub Actions `sub`: pins a scope only when it begins with a claim that names the calling repository's owner or
 * repository, with a fixed, non-empty value. Default claims look like `repo:<owner>/<repo>:ref:refs/heads/main` or
 * `repo:<owner>/<repo>:environment:prod`; immutable ones like `repo:octocat-123456/my-repo-456789:…`; customised ones
 * like `repository_owner_id:106885989:repository_id:561484078`. Any repository owner can choose its own subject
 * template, so a subject that does not start with an owner/repository claim (`*`, `repo:*`, `job_workflow_ref:…`,
 * `environment:prod`) can be produced by anyone.
 */
export function githubSubjectPinsOwner(value: string, isLikePattern: boolean): boolean {
  // Outside …Like operators a value is matched literally: one with `*` or `?`, or without the `claim:value` shape
  // every GitHub subject has, is carried by no token, so it lets nobody in.
  if (
    !isLikePattern &&
    value !== "" &&
    !hasPolicyVariable(value) &&
    (/[*?]/.test(value) || !value.includes(":"))
  )
    return true;
  return leadingClaimIsFixed(value, isLikePattern, GITHUB_OWNER_CLAIMS);
}

/** GitLab CI `sub` (`project_path:<group>/<project>:ref_type:branch:ref:main`): pins when the top-level group is fixed. */
export function gitlabSubjectPinsGroup(value: string, isLikePattern: boolean): boolean {
  return leadingClaimIsFixed(value, isLikePattern, [{ prefix: "project_path:", valueEnd: "/" }]);
}

/**
 * EKS IRSA `sub` (`system:serviceaccount:<namespace>:<service-account>`): pins when the namespace is fixed. AWS documents
 * `system:serviceaccount:<namespace>:*` for "all service accounts within a namespace"; `*` or a wildcard namespace
 * lets every service account of the cluster in.
 */
export function eksSubjectPinsNamespace(value: string, isLikePattern: boolean): boolean {
  return leadingClaimIsFixed(value, isLikePattern, [{ prefix: "system:serviceaccount:", valueEnd: ":" }]);
}

interface LeadingClaim {
  prefix: string;
  /** The character that ends the pinned part: "/" after an owner or group, ":" after an id or namespace. */
  valueEnd: "/" | ":";
}

const GITHUB_OWNER_CLAIMS: readonly LeadingClaim[] = [
  { prefix: "repo:", valueEnd: "/" },
  { prefix: "repository:", valueEnd: "/" },
  { prefix: "repository_owner:", valueEnd: ":" },
  { prefix: "repository_owner_id:", valueEnd: ":" },
  { prefix: "repository_id:", valueEnd: ":" },
];

function leadingClaimIsFixed(
  value: string,
  isLikePattern: boolean,
  claims: readonly LeadingClaim[],
): boolean {
  if (hasPolicyVariable(value)) return false;
  const claim = claims.find((candidate) => value.startsWith(candidate.prefix));
  if (claim === undefined) return false;
  const rest = value.slice(claim.prefix.length);
  const end = rest.indexOf(claim.valueEnd);
  const pinned = end === -1 ? rest : rest.slice(0, end);
  return pinned !== "" && !hasWildcard(pinned, isLikePattern);
}

function hasWildcard(value: string, isLikePattern: boolean): boolean {
  return isLikePattern && /[*?]/.test(value);
}

function hasPolicyVariable(value: string): boolean {
  return value.includes("${");
}
