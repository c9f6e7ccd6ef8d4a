import { parseOperator } from "../src/analysis/operators.js";
import type { FederatedGrant, ResourceAnalysis } from "../src/analysis/resource-analysis.js";
import type { ConditionClause } from "../src/model/policy.js";
import type { Severity } from "../src/findings/finding.js";
import type { Rule, FindingDraft } from "./types.js";
import { findFederationProvider, type FederationProvider } from "./data/federation-providers.js";
import { isFixedConditionValue } from "./data/subject-scoping.js";
import { resourceLabel } from "./support/describe.js";
import { findingBase } from "./support/findings.js";

export const unscopedFederation: Rule = {
  meta: {
    id: "unscoped-federation",
    name: "UnscopedFederation",
    shortDescription:
      "A role trusts an OIDC, Cognito or SAML identity provider without pinning who may come in.",
    fullDescription:
      "Reports a role trust policy that accepts a federated principal without conditions that pin the identities allowed in: for GitHub Actions the sub claim (a repository owner), for EKS the service account (sub), for Cognito identity pools the pool (aud), for Google, Facebook and Login with Amazon the application (aud/app_id), for other OIDC issuers aud or sub, for SAML providers SAML:aud.",
    docs: {
      whatItDoes:
        'For each statement with `"Principal": {"Federated": …}`, finds the identity provider in a sourced table (`rules/data/federation-providers.ts`) and checks that the claims that identify who is coming in are required with fixed values by a positive, non-`IfExists` operator: GitHub Actions `token.actions.githubusercontent.com:sub` naming a repository owner (`repo:*`, `*` or a wildcard owner do not count), EKS `…:sub`, Cognito identity pools `cognito-identity.amazonaws.com:aud`, Google `accounts.google.com:aud`, Facebook `graph.facebook.com:app_id`, Login with Amazon `www.amazon.com:app_id`, other OIDC issuers `…:aud` or `…:sub`, SAML `SAML:aud`. Federated principals are judged by this rule only, never by `external-access`.',
      whyItMatters:
        "Shared issuers hand out tokens to anyone: every GitHub repository can get a token from GitHub Actions, and every Cognito identity pool in every account gets tokens from the same issuer. A trust policy that does not pin the repository or pool lets all of them assume the role.",
      howToFix:
        'Pin the subject: for GitHub, `"StringLike": {"token.actions.githubusercontent.com:sub": "repo:<owner>/<repo>:ref:refs/heads/main"}` together with `StringEquals …:aud = sts.amazonaws.com`; for Cognito, `StringEquals cognito-identity.amazonaws.com:aud = <identity pool id>`; for EKS, `StringEquals oidc.eks.<region>.amazonaws.com/id/<id>:sub = system:serviceaccount:<namespace>:<name>`.',
      example: `{
  "Version": "2012-10-17",
  "Statement": [{
    "Effect": "Allow",
    "Principal": { "Federated": "arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com" },
    "Action": "sts:AssumeRoleWithWebIdentity",
    "Condition": { "StringEquals": { "token.actions.githubusercontent.com:aud": "sts.amazonaws.com" } }
  }]
}`,
    },
    defaultSeverity: "critical",
    tags: ["security", "external/cwe/cwe-284", "external/cwe/cwe-287"],
    precision: "high",
  },
  check(analysis) {
    const findings: FindingDraft[] = [];
    for (const grant of analysis.federated) {
      const finding = federationFinding(analysis, grant);
      if (finding) findings.push(finding);
    }
    return findings;
  },
};

/** `{"Federated": "*"}`: every identity provider the account trusts, with nothing that could pin them all. */
const ANY_PROVIDER: FederationProvider = {
  id: "any",
  displayName: "any identity provider",
  kind: "oidc",
  matches: (principal) => principal.trim() === "*",
  requiredKeys: () => [],
  need: "all",
  sharedIssuer: true,
  source: {
    title: "docs/semantics.md#rules (unscoped-federation)",
    url: "https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_principal.html",
  },
};

/** A Federated value that names no identity provider: nothing it could be is pinned. */
const UNRECOGNISED_PROVIDER: FederationProvider = {
  ...ANY_PROVIDER,
  id: "unrecognised",
  displayName: "unrecognised",
  matches: () => false,
  source: {
    title: "docs/policy-grammar.md (a Federated value that is no identity provider)",
    url: "https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_principal.html",
  },
};

function federationFinding(analysis: ResourceAnalysis, grant: FederatedGrant): FindingDraft | undefined {
  // A value that is no identity provider (a grammar problem the reader reports) is judged as unscoped.
  const provider = ANY_PROVIDER.matches(grant.provider)
    ? ANY_PROVIDER
    : (findFederationProvider(grant.provider) ?? UNRECOGNISED_PROVIDER);
  const required = provider.requiredKeys(grant.provider).map((k) => k.toLowerCase());
  const pinned = required.filter((key) => grant.conditions.some((c) => pinsKey(c, key, provider)));
  const scoped =
    required.length > 0 && (provider.need === "all" ? pinned.length === required.length : pinned.length > 0);
  if (scoped) return undefined;
  const missing = required.filter((k) => !pinned.includes(k));
  const missingText =
    missing.length === 0
      ? "anything"
      : provider.need === "all"
        ? missing.join(" and ")
        : missing.join(" or ");
  const who = provider.sharedIssuer ? "anyone who can obtain a token from it" : "any identity it vouches for";
  return {
    ...findingBase(analysis, grant),
    ruleId: "unscoped-federation",
    severity: severityOf(provider),
    message: `${resourceLabel(analysis.resource)} accepts ${provider.displayName} identities (${grant.provider}) without pinning ${missingText}, so ${who} can assume it.`,
    principal: { written: grant.principalWritten, judged: `${provider.displayName} identity provider` },
    actions: grant.actionsWritten,
    isPublic: provider.sharedIssuer,
    cancelledBy: [...grant.cancelledBy],
  };
}

function severityOf(provider: FederationProvider): Severity {
  if (provider.sharedIssuer) return "critical";
  return provider.kind === "saml" ? "medium" : "high";
}

/** A positive, non-IfExists operator on the key whose every value pins a scope (OR across values). */
function pinsKey(clause: ConditionClause, keyLower: string, provider: FederationProvider): boolean {
  if (clause.keyLower !== keyLower || clause.malformed) return false;
  const op = parseOperator(clause.operatorLower);
  if (op.negated || op.ifExists || op.set === "all" || op.kind !== "string") return false;
  const isLike = op.wildcards;
  return (
    clause.values.length > 0 &&
    clause.values.every((value) =>
      provider.isScopingValue
        ? provider.isScopingValue(keyLower, value, isLike)
        : isFixedConditionValue(value, isLike),
    )
  );
}
