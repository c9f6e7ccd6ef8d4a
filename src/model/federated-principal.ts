/**
 * The forms a `{"Federated": …}` principal takes in a trust policy: an IAM OIDC provider ARN
 * ("arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com"), an IAM SAML provider ARN
 * ("arn:aws:iam::123456789012:saml-provider/Okta"), or the bare host of a built-in web identity provider
 * ("accounts.google.com", "cognito-identity.amazonaws.com", "www.amazon.com", "graph.facebook.com").
 */
export type FederatedPrincipalForm =
  { kind: "oidc"; issuer: string } | { kind: "saml"; providerName: string } | { kind: "unrecognised" };

/** Any partition: aws, aws-cn, aws-us-gov, aws-iso, aws-iso-b, … */
const PROVIDER_ARN = /^arn:aws(?:-[a-z-]+)?:iam::\d{12}:(oidc-provider|saml-provider)\/(.+)$/;
const HOST_WITH_OPTIONAL_PATH = /^[a-z0-9-]+(?:\.[a-z0-9-]+)+(?:\/\S*)?$/;

/**
 * Reads a Federated principal, case-insensitively. For OIDC the issuer is returned in the form IAM uses as the
 * prefix of its condition keys: lower case, without "https://" (e.g. "oidc.eks.us-east-1.amazonaws.com/id/abc",
 * "sts.windows.net/<tenant>/" with its trailing slash).
 */
export function parseFederatedPrincipal(federatedPrincipal: string): FederatedPrincipalForm {
  const value = federatedPrincipal.trim().toLowerCase();
  const arn = PROVIDER_ARN.exec(value);
  if (arn !== null) {
    const [, type, rest = ""] = arn;
    return type === "saml-provider"
      ? { kind: "saml", providerName: rest }
      : { kind: "oidc", issuer: stripScheme(rest) };
  }
  if (value.startsWith("arn:")) return { kind: "unrecognised" };
  const host = stripScheme(value);
  return HOST_WITH_OPTIONAL_PATH.test(host) ? { kind: "oidc", issuer: host } : { kind: "unrecognised" };
}

/** The OIDC issuer of a Federated principal (see {@link parseFederatedPrincipal}); undefined for SAML and unrecognised values. */
export function oidcIssuerOf(federatedPrincipal: string): string | undefined {
  const form = parseFederatedPrincipal(federatedPrincipal);
  return form.kind === "oidc" ? form.issuer : undefined;
}

function stripScheme(value: string): string {
  return value.replace(/^https:\/\//, "");
}
