/**
 * Secrets Manager secrets (docs/semantics.md#resource-types): the secret's ARN keeps the random suffix Secrets Manager
 * adds to its name; RCPs cover AWS Secrets Manager.
 */
import { inBothZones, inZones, ruleTester } from "../rule-tester.js";
import { ORG_MEMBER, ORG_WITH_RCP, OUTSIDE, OWNER, byRcp, policy, type Statement } from "./support.js";

const SECRET = "AWS::SecretsManager::Secret" as const;

/** Secrets Manager User Guide, "Access AWS Secrets Manager secrets from a different account": the secret's policy. */
function getSecretValue(principal: unknown, resource: unknown = "*"): Statement {
  return {
    Effect: "Allow",
    Principal: principal,
    Action: "secretsmanager:GetSecretValue",
    Resource: resource,
  };
}

const OUTSIDE_ROLE = { AWS: `arn:aws:iam::${OUTSIDE}:role/RoleName` };

ruleTester("external-access", {
  valid: [
    ...inZones(["organization"], "a member account's role, in the organization zone", {
      resource: SECRET,
      policy: policy(getSecretValue({ AWS: `arn:aws:iam::${ORG_MEMBER}:role/RoleName` })),
    }),
    ...inBothZones(
      "a Resource naming another secret reaches nothing of this one",
      {
        resource: SECRET,
        policy: policy(
          getSecretValue(OUTSIDE_ROLE, `arn:aws:secretsmanager:us-east-1:${OWNER}:secret:other-secret-*`),
        ),
      },
      { activeRules: [], cancelled: 0 },
    ),
  ],
  invalid: [
    ...inBothZones(
      'Secrets Manager "Access AWS Secrets Manager secrets from a different account": a role of another account',
      { resource: SECRET, policy: policy(getSecretValue(OUTSIDE_ROLE)) },
      {
        expected: {
          accounts: [OUTSIDE],
          severity: "medium",
          message: "Secrets Manager secret case-secret can be accessed by account",
        },
      },
    ),
    ...inBothZones(
      "a Resource naming the secret with ?????? for the random suffix reaches it",
      {
        resource: SECRET,
        policy: policy(
          getSecretValue(OUTSIDE_ROLE, `arn:aws:secretsmanager:us-east-1:${OWNER}:secret:case-secret-??????`),
        ),
      },
      { expected: { accounts: [OUTSIDE] } },
    ),
    ...inZones(["account"], "a member account's role, in the account zone", {
      resource: SECRET,
      policy: policy(getSecretValue({ AWS: `arn:aws:iam::${ORG_MEMBER}:role/RoleName` })),
    }),
    ...inBothZones(
      "an RCP cancels an outside role's access (RCPs cover AWS Secrets Manager)",
      { resource: SECRET, policy: policy(getSecretValue(OUTSIDE_ROLE)), organization: ORG_WITH_RCP },
      { expected: { active: false, cancelledBy: [byRcp] } },
    ),
  ],
});

ruleTester("public-access", {
  valid: [],
  invalid: [
    ...inBothZones(
      'Principal "*" may read the secret value: high',
      { resource: SECRET, policy: policy(getSecretValue("*")) },
      { expected: { severity: "high", isPublic: true } },
    ),
    ...inBothZones(
      "changing the secret's policy is permissions management: critical",
      {
        resource: SECRET,
        policy: policy({ ...getSecretValue("*"), Action: "secretsmanager:PutResourcePolicy" }),
      },
      { expected: { severity: "critical" } },
    ),
  ],
});
