import { oidcIssuerOf, parseFederatedPrincipal } from "../../src/model/federated-principal.js";
import type { SourceRef } from "./source-ref.js";
import {
  eksSubjectPinsNamespace,
  githubSubjectPinsOwner,
  gitlabSubjectPinsGroup,
  isFixedConditionValue,
} from "./subject-scoping.js";

/** An identity provider and the claims a trust policy must pin for rule `unscoped-federation` (docs/semantics.md#rules). */
export interface FederationProvider {
  id: string;
  displayName: string;
  kind: "oidc" | "saml" | "cognito" | "web-identity";
  /** Does a Federated principal value belong to this provider? Host form or IAM provider ARN, any case and partition. */
  matches(federatedPrincipal: string): boolean;
  /**
   * Condition keys (lower-case, full form as used in policies) of which the policy must pin `need` with fixed values.
   * For OIDC providers the key prefix is the issuer part of the provider ARN, hence a function of the principal.
   */
  requiredKeys(federatedPrincipal: string): string[];
  need: "all" | "any";
  /**
   * For keys whose fixed-looking values can still match everyone (GitHub sub "repo:*", "*"): true when a value (given
   * whether it is a …Like pattern) really pins a scope. Omitted when any fixed, wildcard-free value pins.
   */
  isScopingValue?(key: string, value: string, isLikePattern: boolean): boolean;
  /** Anyone on the internet can obtain a token from this issuer: an unscoped trust is critical. */
  sharedIssuer: boolean;
  source: SourceRef;
}

const GITHUB_ISSUER = "token.actions.githubusercontent.com";
const EKS_ISSUER = /^oidc\.eks\.[a-z0-9-]+\.amazonaws\.com(?:\.cn)?\/id\/[a-z0-9]+$/;
const ENTRA_ISSUER =
  /^(?:sts\.windows\.net\/[0-9a-f-]{36}\/?|login\.microsoftonline\.com\/[0-9a-f-]{36}\/v2\.0)$/;

const WEB_IDENTITY_KEYS: SourceRef = {
  title:
    "Available keys for AWS web identity federation - IAM and AWS STS condition context keys (IAM User Guide)",
  url: "https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_iam-condition-keys.html#condition-keys-wif",
};

/** The OIDC issuer's own `sub` key, e.g. "token.actions.githubusercontent.com:sub". */
function subKeyOf(federatedPrincipal: string): string[] {
  const issuer = oidcIssuerOf(federatedPrincipal);
  return issuer === undefined ? [] : [`${issuer}:sub`];
}

/** The OIDC issuer's `aud` and `sub` keys. */
function audAndSubKeysOf(federatedPrincipal: string): string[] {
  const issuer = oidcIssuerOf(federatedPrincipal);
  return issuer === undefined ? [] : [`${issuer}:aud`, `${issuer}:sub`];
}

/** A scoping check that applies `pinsScope` to the `sub` key and the plain fixed-value test to any other key. */
function subjectScoping(pinsScope: (value: string, isLikePattern: boolean) => boolean) {
  return (key: string, value: string, isLikePattern: boolean): boolean =>
    key.toLowerCase().endsWith(":sub")
      ? pinsScope(value, isLikePattern)
      : isFixedConditionValue(value, isLikePattern);
}

/** A built-in web identity provider, named by its host, whose app key must be pinned. */
function builtInWebIdentity(
  id: string,
  displayName: string,
  host: string,
  key: string,
  kind: FederationProvider["kind"],
  quote: string,
): FederationProvider {
  return {
    id,
    displayName,
    kind,
    matches: (principal) => oidcIssuerOf(principal) === host,
    requiredKeys: () => [key],
    need: "all",
    sharedIssuer: true,
    source: { ...WEB_IDENTITY_KEYS, quote },
  };
}

/** Most specific first; the last two are the generic OIDC and SAML fallbacks. */
export const FEDERATION_PROVIDERS: readonly FederationProvider[] = [
  {
    id: "github-actions",
    displayName: "GitHub Actions",
    kind: "oidc",
    matches: (principal) => oidcIssuerOf(principal) === GITHUB_ISSUER,
    requiredKeys: subKeyOf,
    need: "all",
    isScopingValue: subjectScoping(githubSubjectPinsOwner),
    sharedIssuer: true,
    source: {
      title: "Configuring OpenID Connect in Amazon Web Services - GitHub Docs",
      url: "https://docs.github.com/en/actions/how-tos/secure-your-work/security-harden-deployments/oidc-in-aws",
      quote:
        "AWS Identity and Access Management (IAM) recommends that users evaluate the IAM condition key, " +
        "token.actions.githubusercontent.com:sub, in the trust policy of any role that trusts GitHub's OIDC identity " +
        "provider (IdP). Evaluating this condition key in the role trust policy limits which GitHub actions are able " +
        "to assume the role.",
    },
  },
  {
    id: "github-actions-enterprise",
    displayName: "GitHub Actions (enterprise-specific issuer)",
    kind: "oidc",
    matches: (principal) => oidcIssuerOf(principal)?.startsWith(`${GITHUB_ISSUER}/`) === true,
    requiredKeys: subKeyOf,
    need: "all",
    isScopingValue: subjectScoping(githubSubjectPinsOwner),
    sharedIssuer: false,
    source: {
      title: "Improve GitHub Actions OIDC security posture with custom issuer (Aidan Steele)",
      url: "https://awsteele.com/blog/2023/01/11/improve-github-actions-oidc-security-posture-with-custom-issuer.html",
      quote:
        "You should still create roles with conditions on the sub, but it is not catastrophic if you don't. [...] " +
        "(a missing condition “only” opens up access to any repository in your enterprise)",
    },
  },
  {
    id: "gitlab-com",
    displayName: "GitLab CI/CD (gitlab.com)",
    kind: "oidc",
    matches: (principal) => oidcIssuerOf(principal) === "gitlab.com",
    requiredKeys: subKeyOf,
    need: "all",
    isScopingValue: subjectScoping(gitlabSubjectPinsGroup),
    sharedIssuer: true,
    source: {
      title: "AWS IAM role should not allow untrusted GitLab runners to assume it - Datadog Security",
      url: "https://docs.datadoghq.com/security/default_rules/aws-iam-role-trust-policy-misconfigured-gitlab",
      quote:
        "If the role trust policy does not have a properly configured condition, any untrusted GitLab runner from " +
        "any repository (including outside your organization) can assume the role and retrieve credentials to your " +
        "AWS account.",
    },
  },
  {
    id: "eks-irsa",
    displayName: "Amazon EKS (IAM roles for service accounts)",
    kind: "oidc",
    matches: (principal) => EKS_ISSUER.test(oidcIssuerOf(principal) ?? ""),
    requiredKeys: subKeyOf,
    need: "all",
    isScopingValue: subjectScoping(eksSubjectPinsNamespace),
    sharedIssuer: false,
    source: {
      title: "Assign IAM roles to Kubernetes service accounts - Amazon EKS",
      url: "https://docs.aws.amazon.com/eks/latest/userguide/associate-service-account-role.html",
      quote:
        "If you want to allow all service accounts within a namespace to use the role, then copy the following " +
        "contents to your device. Replace StringEquals with StringLike and replace $service_account with *.",
    },
  },
  builtInWebIdentity(
    "cognito-identity",
    "Amazon Cognito identity pools",
    "cognito-identity.amazonaws.com",
    "cognito-identity.amazonaws.com:aud",
    "cognito",
    "Use the aud condition key to verify that the Google client ID or Amazon Cognito identity pool ID matches the " +
      "one that you specify in the policy.",
  ),
  builtInWebIdentity(
    "google",
    "Google",
    "accounts.google.com",
    "accounts.google.com:aud",
    "web-identity",
    "The accounts.google.com:aud condition key matches the following Google ID Token fields. aud for OAuth 2.0 " +
      "Google client IDs of your application, when the azp field is not set. [...] azp when the azp field is set.",
  ),
  builtInWebIdentity(
    "facebook",
    "Facebook",
    "graph.facebook.com",
    "graph.facebook.com:app_id",
    "web-identity",
    "Use these keys to verify that the application (or site) ID or user ID matches the one that you specify in the " +
      "policy. This works for Facebook or Login with Amazon.",
  ),
  builtInWebIdentity(
    "login-with-amazon",
    "Login with Amazon",
    "www.amazon.com",
    "www.amazon.com:app_id",
    "web-identity",
    "Use these keys to verify that the application (or site) ID or user ID matches the one that you specify in the " +
      "policy. This works for Facebook or Login with Amazon.",
  ),
  {
    id: "entra-id",
    displayName: "Microsoft Entra ID (tenant issuer)",
    kind: "oidc",
    matches: (principal) => ENTRA_ISSUER.test(oidcIssuerOf(principal) ?? ""),
    requiredKeys: audAndSubKeysOf,
    need: "any",
    sharedIssuer: false,
    source: {
      title:
        "Automating OpenID Connect-Based AWS IAM Web Identity Roles with Microsoft Entra ID - AWS Partner Network Blog",
      url: "https://aws.amazon.com/blogs/apn/automating-openid-connect-based-aws-iam-web-identity-roles-with-microsoft-entra-id/",
      quote:
        "On the AWS side, it requires the establishment of a trust relationship with the registered application " +
        "and creation of a web identity role.",
    },
  },
  {
    id: "generic-oidc",
    displayName: "OpenID Connect provider",
    kind: "oidc",
    matches: (principal) => parseFederatedPrincipal(principal).kind === "oidc",
    requiredKeys: audAndSubKeysOf,
    need: "any",
    sharedIssuer: false,
    source: {
      title: "Create a role for OpenID Connect federation (console) - AWS Identity and Access Management",
      url: "https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_create_for-idp_oidc.html",
      quote:
        "For OIDC providers, use the fully qualified URL of the OIDC IdP with the aud context key, such as the " +
        'following example: "Condition": {"StringEquals": {"server.example.com:aud": "appid_from_oidc_idp"}}',
    },
  },
  {
    id: "saml",
    displayName: "SAML 2.0 provider",
    kind: "saml",
    matches: (principal) => parseFederatedPrincipal(principal).kind === "saml",
    requiredKeys: () => ["saml:aud"],
    need: "all",
    sharedIssuer: false,
    source: {
      title:
        "Create a role for a third-party identity provider (SAML 2.0 federation) - AWS Identity and Access Management",
      url: "https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_create_for-idp_saml.html",
      quote: '"Condition": {"StringEquals": {"SAML:aud": "https://signin.aws.amazon.com/saml"}}',
    },
  },
];

/** The provider a Federated principal belongs to (host or provider ARN, any case and partition); undefined if unreadable. */
export function findFederationProvider(federatedPrincipal: string): FederationProvider | undefined {
  return FEDERATION_PROVIDERS.find((provider) => provider.matches(federatedPrincipal));
}
