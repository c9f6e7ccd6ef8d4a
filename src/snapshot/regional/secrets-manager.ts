import { plainPolicyResourceReader } from "./plain-policy-resource.js";

/**
 * `secretsmanager.Secrets`: ListSecrets and GetResourcePolicy. ARN: `arn:aws:secretsmanager:<region>:<account>:
 * secret:<name>-<6 random characters>`.
 */
export const readSecret = plainPolicyResourceReader({
  type: "AWS::SecretsManager::Secret",
  entry: 'a secret object such as {"ARN": "...", "Name": "...", "ResourcePolicy": {...}}',
  arnKey: "ARN",
  arn: {
    what: "a Secrets Manager secret ARN",
    service: "secretsmanager",
    resource: /^secret:(.+)$/,
    example: "secret:<name>-<suffix>",
  },
  nameKey: "Name",
  policyKey: "ResourcePolicy",
});
