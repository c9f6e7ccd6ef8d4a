import { describe, expect, it } from "vitest";
import { FEDERATION_PROVIDERS, findFederationProvider } from "../../rules/data/federation-providers.js";

const GITHUB_ARN = "arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com";
const EKS_ARN =
  "arn:aws:iam::111122223333:oidc-provider/oidc.eks.us-east-1.amazonaws.com/id/EXAMPLED539D4633E53DE1B71EXAMPLE";
const ENTRA_TENANT = "8d9e1c2a-4b3f-4e5d-9a6b-7c8d9e0f1a2b";

function providerOf(principal: string) {
  const provider = findFederationProvider(principal);
  if (provider === undefined) throw new Error(`no provider for ${principal}`);
  return provider;
}

describe("findFederationProvider", () => {
  it.each([
    [GITHUB_ARN, "github-actions"],
    [GITHUB_ARN.toUpperCase(), "github-actions"],
    ["arn:aws-cn:iam::123456789012:oidc-provider/token.actions.githubusercontent.com", "github-actions"],
    [
      "arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com/octocat-inc",
      "github-actions-enterprise",
    ],
    ["arn:aws:iam::123456789012:oidc-provider/gitlab.com", "gitlab-com"],
    [EKS_ARN, "eks-irsa"],
    [
      "arn:aws-cn:iam::111122223333:oidc-provider/oidc.eks.cn-north-1.amazonaws.com.cn/id/ABCDEF0123456789",
      "eks-irsa",
    ],
    ["cognito-identity.amazonaws.com", "cognito-identity"],
    ["Cognito-Identity.AmazonAWS.com", "cognito-identity"],
    ["accounts.google.com", "google"],
    ["arn:aws:iam::123456789012:oidc-provider/accounts.google.com", "google"],
    ["graph.facebook.com", "facebook"],
    ["www.amazon.com", "login-with-amazon"],
    [`arn:aws:iam::123456789012:oidc-provider/sts.windows.net/${ENTRA_TENANT}/`, "entra-id"],
    [`arn:aws:iam::123456789012:oidc-provider/login.microsoftonline.com/${ENTRA_TENANT}/v2.0`, "entra-id"],
    ["arn:aws:iam::123456789012:oidc-provider/sts.windows.net/not-a-tenant/", "generic-oidc"],
    ["arn:aws:iam::123456789012:oidc-provider/auth.example.com", "generic-oidc"],
    ["arn:aws:iam::123456789012:oidc-provider/oidc.circleci.com/org/0f1e2d3c", "generic-oidc"],
    ["arn:aws:iam::123456789012:oidc-provider/gitlab.example.com", "generic-oidc"],
    ["arn:aws:iam::123456789012:saml-provider/Okta", "saml"],
    ["arn:aws-us-gov:iam::123456789012:saml-provider/ADFS", "saml"],
  ])("%s belongs to %s", (principal, id) => {
    expect(findFederationProvider(principal)?.id).toBe(id);
  });

  it.each([
    "",
    "*",
    "arn:aws:iam::123456789012:role/deployer",
    "arn:aws:iam::123:oidc-provider/x.com",
    "not a principal",
  ])("finds no provider for %j", (principal) => {
    expect(findFederationProvider(principal)).toBeUndefined();
  });
});

describe("requiredKeys", () => {
  it.each([
    [GITHUB_ARN, ["token.actions.githubusercontent.com:sub"], "all"],
    [
      "arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com/octocat-inc",
      ["token.actions.githubusercontent.com/octocat-inc:sub"],
      "all",
    ],
    [EKS_ARN, ["oidc.eks.us-east-1.amazonaws.com/id/exampled539d4633e53de1b71example:sub"], "all"],
    ["cognito-identity.amazonaws.com", ["cognito-identity.amazonaws.com:aud"], "all"],
    ["accounts.google.com", ["accounts.google.com:aud"], "all"],
    ["graph.facebook.com", ["graph.facebook.com:app_id"], "all"],
    ["www.amazon.com", ["www.amazon.com:app_id"], "all"],
    [
      `arn:aws:iam::123456789012:oidc-provider/sts.windows.net/${ENTRA_TENANT}/`,
      [`sts.windows.net/${ENTRA_TENANT}/:aud`, `sts.windows.net/${ENTRA_TENANT}/:sub`],
      "any",
    ],
    [
      "arn:aws:iam::123456789012:oidc-provider/Auth.Example.com/tenant-1",
      ["auth.example.com/tenant-1:aud", "auth.example.com/tenant-1:sub"],
      "any",
    ],
    ["arn:aws:iam::123456789012:saml-provider/Okta", ["saml:aud"], "all"],
  ] as const)("%s must pin %j (%s)", (principal, keys, need) => {
    const provider = providerOf(principal);
    expect(provider.requiredKeys(principal)).toEqual(keys);
    expect(provider.need).toBe(need);
  });

  it("returns lower-case keys for every provider", () => {
    for (const principal of [
      GITHUB_ARN.toUpperCase(),
      EKS_ARN,
      "ARN:AWS:IAM::123456789012:SAML-PROVIDER/OKTA",
    ]) {
      for (const key of providerOf(principal).requiredKeys(principal)) expect(key).toBe(key.toLowerCase());
    }
  });
});

describe("sharedIssuer", () => {
  it.each([
    ["github-actions", true],
    ["github-actions-enterprise", false],
    ["gitlab-com", true],
    ["eks-irsa", false],
    ["cognito-identity", true],
    ["google", true],
    ["facebook", true],
    ["login-with-amazon", true],
    ["entra-id", false],
    ["generic-oidc", false],
    ["saml", false],
  ] as const)("%s: %s", (id, shared) => {
    expect(FEDERATION_PROVIDERS.find((provider) => provider.id === id)?.sharedIssuer).toBe(shared);
  });
});

describe("GitHub Actions isScopingValue on token.actions.githubusercontent.com:sub", () => {
  const github = providerOf(GITHUB_ARN);
  const sub = "token.actions.githubusercontent.com:sub";
  const isScoping = (value: string, isLike: boolean) => github.isScopingValue?.(sub, value, isLike);

  it.each([
    ["repo:octo-org/octo-repo:ref:refs/heads/main", false],
    ["repo:octo-org/octo-repo:environment:prod", false],
    ["repo:octo-org/*", true],
    ["repo:octo-org/octo-repo:*", true],
    ["repo:octo-org/*:environment:prod", true],
    ["repo:octocat-123456/my-repo-456789:ref:refs/heads/main", false],
    ["repo:octocat-123456/*", true],
    ["repository_owner_id:106885989:repository_id:561484078", false],
    ["repository_owner_id:106885989:*", true],
    ["repository_id:561484078:*", true],
    ["repository_owner:octo-org:*", true],
    ["repository:octo-org/octo-repo", false],
  ])("%j (like=%s) pins the owner", (value, isLike) => {
    expect(isScoping(value, isLike)).toBe(true);
  });

  it.each([
    ["*", true],
    ["repo:*", true],
    ["repo:*/*", true],
    ["repo:*/octo-repo", true],
    ["repo:*/octo-repo:ref:refs/heads/main", true],
    ["repo:octo-*/octo-repo", true],
    ["repo:octo-org*", true],
    ["repo:octo-?rg/octo-repo", true],
    ["repo:/octo-repo", false],
    ["*:repo:octo-org/octo-repo", true],
    ["repository_owner_id:*", true],
    ["environment:prod", false],
    ["job_workflow_ref:octo-org/octo-automation/.github/workflows/oidc.yml@refs/heads/main", false],
    ["repo:${aws:username}/octo-repo", false],
    ["", false],
  ])("%j (like=%s) does not pin the owner", (value, isLike) => {
    expect(isScoping(value, isLike)).toBe(false);
  });

  it("reads * and ? literally without a …Like operator, where they match no GitHub subject", () => {
    expect(isScoping("repo:*", false)).toBe(true);
    expect(isScoping("repo:octo-?rg/octo-repo", false)).toBe(true);
  });

  it("applies the plain fixed-value test to other keys such as aud", () => {
    const aud = "token.actions.githubusercontent.com:aud";
    expect(github.isScopingValue?.(aud, "sts.amazonaws.com", false)).toBe(true);
    expect(github.isScopingValue?.(aud, "*", true)).toBe(false);
  });

  it("uses the same test for an enterprise-specific issuer", () => {
    const principal =
      "arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com/octocat-inc";
    const enterprise = providerOf(principal);
    const key = "token.actions.githubusercontent.com/octocat-inc:sub";
    expect(enterprise.isScopingValue?.(key, "repo:octocat-inc/*", true)).toBe(true);
    expect(enterprise.isScopingValue?.(key, "repo:*", true)).toBe(false);
  });
});

describe("EKS isScopingValue on the cluster issuer's sub", () => {
  const eks = providerOf(EKS_ARN);
  const [sub = ""] = eks.requiredKeys(EKS_ARN);

  it.each([
    ["system:serviceaccount:default:my-service-account", false],
    ["system:serviceaccount:kube-system:*", true],
    ["system:serviceaccount:amazon-cloudwatch:cloudwatch-agent", true],
  ])("%j (like=%s) pins a namespace", (value, isLike) => {
    expect(eks.isScopingValue?.(sub, value, isLike)).toBe(true);
  });

  it.each([
    ["*", true],
    ["system:serviceaccount:*", true],
    ["system:serviceaccount:*:*", true],
    ["system:serviceaccount:team-?:*", true],
    ["system:serviceaccount::my-service-account", false],
    ["system:node:ip-10-0-0-1", false],
  ])("%j (like=%s) does not pin a namespace", (value, isLike) => {
    expect(eks.isScopingValue?.(sub, value, isLike)).toBe(false);
  });

  it("does not count aud (always sts.amazonaws.com) towards the requirement", () => {
    expect(eks.requiredKeys(EKS_ARN).some((key) => key.endsWith(":aud"))).toBe(false);
  });
});

describe("GitLab isScopingValue on gitlab.com:sub", () => {
  const principal = "arn:aws:iam::123456789012:oidc-provider/gitlab.com";
  const gitlab = providerOf(principal);

  it.each([
    ["project_path:mygroup/myproject:ref_type:branch:ref:main", false, true],
    ["project_path:mygroup/*", true, true],
    ["project_path:*", true, false],
    ["project_path:my*/myproject:*", true, false],
    ["*", true, false],
  ])("%j (like=%s) → %s", (value, isLike, pins) => {
    expect(gitlab.isScopingValue?.("gitlab.com:sub", value, isLike)).toBe(pins);
  });
});

describe("FEDERATION_PROVIDERS", () => {
  it("has unique ids and ends with the generic OIDC and SAML fallbacks", () => {
    const ids = FEDERATION_PROVIDERS.map((provider) => provider.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.slice(-2)).toEqual(["generic-oidc", "saml"]);
  });

  it("leaves the plain fixed-value test to the rule where any fixed value pins", () => {
    const withoutCheck = FEDERATION_PROVIDERS.filter((provider) => provider.isScopingValue === undefined).map(
      (provider) => provider.id,
    );
    expect(withoutCheck).toEqual([
      "cognito-identity",
      "google",
      "facebook",
      "login-with-amazon",
      "entra-id",
      "generic-oidc",
      "saml",
    ]);
  });
});
