/**
 * unscoped-federation (docs/semantics.md#principals and #rules): a trust policy accepts a federated principal without pinning, with
 * fixed values, the claims that say who may come in: GitHub Actions `sub` (not `*`, `repo:*` or a wildcard owner),
 * EKS `sub`, Cognito `aud`, Google `aud`, Facebook/Amazon `app_id`, Entra ID and other OIDC issuers `aud` or `sub`,
 * SAML `SAML:aud`. `…IfExists` on the claim does not pin. Federated principals never produce external-access.
 */
import { inBothZones, ruleTester, type Case } from "./rule-tester.js";
import { OUTSIDE, OWNER, policy } from "./policies.js";

const GITHUB = "token.actions.githubusercontent.com";
const EKS = "oidc.eks.us-west-2.amazonaws.com/id/EXAMPLED539D4633E53DE1B71EXAMPLE";
const ENTRA_TENANT = "aaaabbbb-0000-cccc-1111-dddd2222eeee";
const ENTRA = `sts.windows.net/${ENTRA_TENANT}/`;
const GENERIC = "auth.example.com";
const COGNITO_POOL = "us-east-1:12345678-abcd-abcd-abcd-123456789012";

function webIdentity(federated: string, condition?: Record<string, unknown>) {
  return policy({
    Effect: "Allow",
    Principal: { Federated: federated },
    Action: "sts:AssumeRoleWithWebIdentity",
    ...(condition ? { Condition: condition } : {}),
  });
}

const oidcProvider = (issuer: string, account = OWNER) => `arn:aws:iam::${account}:oidc-provider/${issuer}`;
const github = (condition?: Record<string, unknown>) => webIdentity(oidcProvider(GITHUB), condition);
const githubAud = { [`${GITHUB}:aud`]: "sts.amazonaws.com" };

function saml(condition?: Record<string, unknown>) {
  return policy({
    Effect: "Allow",
    Principal: { Federated: `arn:aws:iam::${OWNER}:saml-provider/ExampleOrgSSOProvider` },
    Action: ["sts:AssumeRoleWithSAML", "sts:TagSession"],
    ...(condition ? { Condition: condition } : {}),
  });
}

/** A federation case: a role, in both zones (the answer never depends on the zone). */
function fed(name: string, trust: unknown, rest: Omit<Case, "name" | "case"> = {}): Case[] {
  return inBothZones(name, { resource: "role", policy: trust }, rest);
}

ruleTester("unscoped-federation", {
  valid: [
    ...fed(
      "GitHub: sub pinned to one repository and branch (StringEquals), with aud",
      github({
        StringEquals: { ...githubAud, [`${GITHUB}:sub`]: "repo:octo-org/octo-repo:ref:refs/heads/main" },
      }),
      { activeRules: [] },
    ),
    ...fed(
      "GitHub: sub pinned to an owner with StringLike repo:octo-org/*",
      github({ StringEquals: githubAud, StringLike: { [`${GITHUB}:sub`]: "repo:octo-org/*" } }),
      { activeRules: [] },
    ),
    ...fed(
      "GitHub: sub lists two repositories of fixed owners (OR across values)",
      github({
        StringEquals: githubAud,
        StringLike: {
          [`${GITHUB}:sub`]: ["repo:octo-org/octo-repo:*", "repo:octo-org/other-repo:environment:prod"],
        },
      }),
    ),
    ...fed(
      "GitHub: provider given as the issuer host",
      webIdentity(GITHUB, {
        StringEquals: { [`${GITHUB}:sub`]: "repo:octo-org/octo-repo:ref:refs/heads/main" },
      }),
    ),
    ...fed(
      "EKS: sub pinned to a service account",
      webIdentity(oidcProvider(EKS), {
        StringEquals: {
          [`${EKS}:sub`]: "system:serviceaccount:default:my-service-account",
          [`${EKS}:aud`]: "sts.amazonaws.com",
        },
      }),
      { activeRules: [] },
    ),
    ...fed(
      "EKS: every service account of one namespace (the documented StringLike system:serviceaccount:<ns>:*)",
      webIdentity(oidcProvider(EKS), {
        StringLike: { [`${EKS}:sub`]: "system:serviceaccount:payments:*" },
        StringEquals: { [`${EKS}:aud`]: "sts.amazonaws.com" },
      }),
    ),
    ...fed(
      "Cognito: identity pool pinned by cognito-identity.amazonaws.com:aud (with amr)",
      webIdentity("cognito-identity.amazonaws.com", {
        StringEquals: { "cognito-identity.amazonaws.com:aud": COGNITO_POOL },
        "ForAnyValue:StringLike": { "cognito-identity.amazonaws.com:amr": "authenticated" },
      }),
      { activeRules: [] },
    ),
    ...fed(
      "Cognito: condition key in another case (Cognito-Identity.amazonaws.com:aud)",
      webIdentity("cognito-identity.amazonaws.com", {
        StringEquals: { "Cognito-Identity.amazonaws.com:aud": COGNITO_POOL },
      }),
    ),
    ...fed(
      "Google: accounts.google.com:aud pinned",
      webIdentity("accounts.google.com", {
        StringEquals: { "accounts.google.com:aud": "123456789012-abcdefg.apps.googleusercontent.com" },
      }),
    ),
    ...fed(
      "Facebook: graph.facebook.com:app_id pinned",
      webIdentity("graph.facebook.com", {
        StringEquals: { "graph.facebook.com:app_id": "1234567890123456" },
      }),
    ),
    ...fed(
      "Login with Amazon: www.amazon.com:app_id pinned",
      webIdentity("www.amazon.com", {
        StringEquals: {
          "www.amazon.com:app_id": "amzn1.application-oa2-client.5d0a6c0e0b2f4a77b1c3e4f5a6b7c8d9",
        },
      }),
    ),
    ...fed(
      "Entra ID: tenant issuer with aud pinned",
      webIdentity(oidcProvider(ENTRA), {
        StringEquals: { [`${ENTRA}:aud`]: "api://aws-federation-app" },
      }),
    ),
    ...fed(
      "Entra ID: tenant issuer with sub pinned",
      webIdentity(oidcProvider(ENTRA), {
        StringEquals: { [`${ENTRA}:sub`]: "9f3b2c1a-0000-4d5e-8f9a-0b1c2d3e4f5a" },
      }),
    ),
    ...fed(
      "generic OIDC issuer with aud pinned",
      webIdentity(oidcProvider(GENERIC), { StringEquals: { [`${GENERIC}:aud`]: "appid_from_oidc_idp" } }),
    ),
    ...fed(
      "generic OIDC issuer with sub pinned (aud or sub is enough)",
      webIdentity(oidcProvider(GENERIC), { StringEquals: { [`${GENERIC}:sub`]: "user-4711" } }),
    ),
    ...fed(
      "SAML: SAML:aud pinned to the AWS sign-in endpoint",
      saml({ StringEquals: { "SAML:aud": "https://signin.aws.amazon.com/saml" } }),
      { activeRules: [] },
    ),
    ...fed(
      "a provider ARN in an outside account, claims pinned: no finding, and never external-access",
      webIdentity(oidcProvider(GITHUB, OUTSIDE), {
        StringEquals: { [`${GITHUB}:sub`]: "repo:octo-org/octo-repo:ref:refs/heads/main" },
      }),
      { activeRules: [] },
    ),
  ],
  invalid: [
    ...fed("GitHub: only aud, no sub", github({ StringEquals: githubAud }), {
      expected: { severity: "critical", isPublic: true, judged: "GitHub Actions", message: `${GITHUB}:sub` },
      activeRules: ["unscoped-federation"],
    }),
    ...fed("GitHub: no condition at all", github(), { expected: { severity: "critical" } }),
    ...fed(
      "GitHub: sub repo:* matches every repository",
      github({ StringEquals: githubAud, StringLike: { [`${GITHUB}:sub`]: "repo:*" } }),
      { expected: { severity: "critical" } },
    ),
    ...fed('GitHub: sub "*"', github({ StringEquals: githubAud, StringLike: { [`${GITHUB}:sub`]: "*" } }), {
      expected: { severity: "critical" },
    }),
    ...fed(
      "GitHub: wildcard owner repo:*/octo-repo:*",
      github({ StringEquals: githubAud, StringLike: { [`${GITHUB}:sub`]: "repo:*/octo-repo:*" } }),
      { expected: { severity: "critical" } },
    ),
    ...fed(
      "GitHub: a sub that names no owner (environment:prod) can be produced by anyone",
      github({ StringEquals: githubAud, StringLike: { [`${GITHUB}:sub`]: "*:environment:prod" } }),
      { expected: { severity: "critical" } },
    ),
    ...fed(
      "GitHub: one pinned value OR a wildcard value leaves the door open",
      github({
        StringEquals: githubAud,
        StringLike: { [`${GITHUB}:sub`]: ["repo:octo-org/octo-repo:*", "repo:*"] },
      }),
      { expected: { severity: "critical" } },
    ),
    ...fed(
      "GitHub: StringLikeIfExists on the sub claim does not pin",
      github({ StringEquals: githubAud, StringLikeIfExists: { [`${GITHUB}:sub`]: "repo:octo-org/*" } }),
      { expected: { severity: "critical" } },
    ),
    ...fed(
      "GitHub: StringNotLike on the sub claim does not pin",
      github({ StringEquals: githubAud, StringNotLike: { [`${GITHUB}:sub`]: "repo:evil-org/*" } }),
      { expected: { severity: "critical" } },
    ),
    ...fed(
      "GitHub: provider in an outside account, unscoped: unscoped-federation only, no external-access",
      webIdentity(oidcProvider(GITHUB, OUTSIDE), { StringEquals: githubAud }),
      { expected: { severity: "critical" }, activeRules: ["unscoped-federation"] },
    ),
    ...fed(
      "EKS: only aud, no sub",
      webIdentity(oidcProvider(EKS), { StringEquals: { [`${EKS}:aud`]: "sts.amazonaws.com" } }),
      { expected: { severity: "high", isPublic: false }, activeRules: ["unscoped-federation"] },
    ),
    ...fed(
      "EKS: sub under StringEqualsIfExists",
      webIdentity(oidcProvider(EKS), {
        StringEqualsIfExists: { [`${EKS}:sub`]: "system:serviceaccount:default:my-service-account" },
      }),
      { expected: { severity: "high" } },
    ),
    ...fed(
      "EKS: sub StringLike * lets every service account of the cluster in",
      webIdentity(oidcProvider(EKS), { StringLike: { [`${EKS}:sub`]: "*" } }),
      { expected: { severity: "high" } },
    ),
    ...fed("Cognito: no condition", webIdentity("cognito-identity.amazonaws.com"), {
      expected: { severity: "critical", isPublic: true },
    }),
    ...fed(
      "Cognito: only amr, no aud",
      webIdentity("cognito-identity.amazonaws.com", {
        "ForAnyValue:StringLike": { "cognito-identity.amazonaws.com:amr": "authenticated" },
      }),
      { expected: { severity: "critical", message: "cognito-identity.amazonaws.com:aud" } },
    ),
    ...fed(
      "Cognito: aud under StringEqualsIfExists",
      webIdentity("cognito-identity.amazonaws.com", {
        StringEqualsIfExists: { "cognito-identity.amazonaws.com:aud": COGNITO_POOL },
      }),
      { expected: { severity: "critical" } },
    ),
    ...fed(
      "Cognito: aud under StringLike with a wildcard pool",
      webIdentity("cognito-identity.amazonaws.com", {
        StringLike: { "cognito-identity.amazonaws.com:aud": "us-east-1:*" },
      }),
      { expected: { severity: "critical" } },
    ),
    ...fed("Google: no aud", webIdentity("accounts.google.com"), { expected: { severity: "critical" } }),
    ...fed(
      "Google: a condition on sub only",
      webIdentity("accounts.google.com", {
        StringEquals: { "accounts.google.com:sub": "110169484474386276334" },
      }),
      { expected: { severity: "critical", message: "accounts.google.com:aud" } },
    ),
    ...fed("Facebook: no app_id", webIdentity("graph.facebook.com"), { expected: { severity: "critical" } }),
    ...fed("Login with Amazon: no app_id", webIdentity("www.amazon.com"), {
      expected: { severity: "critical" },
    }),
    ...fed(
      "Login with Amazon: app_id under StringLike *",
      webIdentity("www.amazon.com", { StringLike: { "www.amazon.com:app_id": "*" } }),
      { expected: { severity: "critical" } },
    ),
    ...fed("Entra ID: neither aud nor sub", webIdentity(oidcProvider(ENTRA)), {
      expected: { severity: "high", isPublic: false },
    }),
    ...fed(
      "Entra ID: aud under StringEqualsIfExists",
      webIdentity(oidcProvider(ENTRA), {
        StringEqualsIfExists: { [`${ENTRA}:aud`]: "api://aws-federation-app" },
      }),
      { expected: { severity: "high" } },
    ),
    ...fed("generic OIDC issuer with no condition", webIdentity(oidcProvider(GENERIC)), {
      expected: { severity: "high", isPublic: false },
    }),
    ...fed(
      "generic OIDC issuer with a condition on another claim only",
      webIdentity(oidcProvider(GENERIC), { StringEquals: { [`${GENERIC}:amr`]: "mfa" } }),
      { expected: { severity: "high" } },
    ),
    ...fed("SAML: no SAML:aud", saml(), {
      expected: { severity: "medium", isPublic: false, judged: "SAML" },
      activeRules: ["unscoped-federation"],
    }),
    ...fed(
      "SAML: a condition on another SAML key only",
      saml({ StringEquals: { "SAML:sub_type": "persistent" } }),
      { expected: { severity: "medium" } },
    ),
    ...fed('SAML: SAML:aud under StringLike "*"', saml({ StringLike: { "SAML:aud": "*" } }), {
      expected: { severity: "medium" },
    }),
    ...fed(
      "SAML: SAML:aud under StringEqualsIfExists",
      saml({ StringEqualsIfExists: { "SAML:aud": "https://signin.aws.amazon.com/saml" } }),
      { expected: { severity: "medium" } },
    ),
  ],
});
