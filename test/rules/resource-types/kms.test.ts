/**
 * KMS keys (docs/semantics.md#kms): the key policy and the key's grants, with RCPs applied to customer managed keys
 * only and never to kms:RetireGrant.
 */
import { inBothZones, inZones, ruleTester } from "../rule-tester.js";
import {
  ORG,
  ORG_MEMBER,
  ORG_WITH_RCP,
  OUTSIDE,
  OWNER,
  byDeny,
  byRcp,
  policy,
  rootOf,
  type Statement,
} from "./support.js";

const KEY = "AWS::KMS::Key" as const;
const EXTERNAL = "444455556666";

/** KMS Developer Guide, "Default key policy": the statement that gives the account (and so IAM policies) the key. */
const ENABLE_IAM_POLICIES: Statement = {
  Sid: "Enable IAM User Permissions",
  Effect: "Allow",
  Principal: rootOf(OWNER),
  Action: "kms:*",
  Resource: "*",
};

/** KMS Developer Guide, "Allowing users in other accounts to use a KMS key": the key policy statements. */
const CROSS_ACCOUNT_USE: Statement[] = [
  {
    Sid: "Allow an external account to use this KMS key",
    Effect: "Allow",
    Principal: { AWS: [`arn:aws:iam::${EXTERNAL}:root`] },
    Action: ["kms:Encrypt", "kms:Decrypt", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:DescribeKey"],
    Resource: "*",
  },
  {
    Sid: "Allow attachment of persistent resources in an external account",
    Effect: "Allow",
    Principal: { AWS: `arn:aws:iam::${EXTERNAL}:root` },
    Action: ["kms:CreateGrant", "kms:ListGrants", "kms:RevokeGrant"],
    Resource: "*",
    Condition: { Bool: { "kms:GrantIsForAWSResource": "true" } },
  },
];

/** The key policy of an AWS managed key (KMS Developer Guide, "kms:ViaService" and "AWS managed keys"). */
function viaServiceStatement(condition: Record<string, string>): Statement {
  return {
    Sid: "Allow access through EBS for all principals in the account that are authorized to use EBS",
    Effect: "Allow",
    Principal: { AWS: "*" },
    Action: [
      "kms:Encrypt",
      "kms:Decrypt",
      "kms:ReEncrypt*",
      "kms:GenerateDataKey*",
      "kms:CreateGrant",
      "kms:DescribeKey",
    ],
    Resource: "*",
    Condition: { StringEquals: condition },
  };
}

function grantTo(grantee: string, operations = ["Decrypt", "GenerateDataKey"], retiringPrincipal?: string) {
  return {
    grantId: "0c237476b39f8bc44e45212e08498fbe3151305030726c0590dd8d3e9f3d6a60",
    granteePrincipal: grantee,
    ...(retiringPrincipal ? { retiringPrincipal } : {}),
    operations,
    hasConstraints: true,
  };
}

const DENY_OUTSIDE_ORG: Statement = {
  Sid: "DenyOutsideOrg",
  Effect: "Deny",
  Principal: "*",
  Action: "kms:*",
  Resource: "*",
  Condition: { StringNotEquals: { "aws:PrincipalOrgID": ORG } },
};

ruleTester("external-access", {
  valid: [
    ...inBothZones(
      'the default key policy: "AWS": the own account\'s root delegates to IAM, which is inside (KMS "Default key policy")',
      { resource: KEY, policy: policy(ENABLE_IAM_POLICIES) },
      { activeRules: [], cancelled: 0 },
    ),
    ...inBothZones(
      "the own account id as Principal is the same delegation",
      { resource: KEY, policy: policy({ ...ENABLE_IAM_POLICIES, Principal: { AWS: OWNER } }) },
      { activeRules: [] },
    ),
    ...inBothZones(
      "an AWS managed key's policy: kms:CallerAccount confines every caller to the own account (KMS kms:ViaService)",
      {
        resource: KEY,
        policy: policy(
          viaServiceStatement({
            "kms:ViaService": "ec2.us-west-2.amazonaws.com",
            "kms:CallerAccount": OWNER,
          }),
        ),
        policyResource: { keyManager: "AWS" },
      },
      { activeRules: [] },
    ),
    ...inZones(["organization"], "kms:CallerAccount naming a member account, in the organization zone", {
      resource: KEY,
      policy: policy(viaServiceStatement({ "kms:CallerAccount": ORG_MEMBER })),
    }),
    ...inBothZones(
      "a grant to a role of the own account",
      {
        resource: KEY,
        policy: policy(ENABLE_IAM_POLICIES),
        policyResource: { grants: [grantTo(`arn:aws:iam::${OWNER}:role/app`)] },
      },
      { activeRules: [] },
    ),
    ...inZones(["organization"], "a grant to a member account's role, in the organization zone", {
      resource: KEY,
      policy: policy(ENABLE_IAM_POLICIES),
      policyResource: { grants: [grantTo(`arn:aws:iam::${ORG_MEMBER}:role/app`)] },
    }),
    ...inBothZones(
      "grants not read (an AWS managed key): nothing is made up",
      { resource: KEY, policy: policy(ENABLE_IAM_POLICIES), policyResource: { keyManager: "AWS" } },
      { activeRules: [] },
    ),
  ],
  invalid: [
    ...inBothZones(
      'KMS "Allowing users in other accounts to use a KMS key": the external account, for write actions',
      { resource: KEY, policy: policy(ENABLE_IAM_POLICIES, ...CROSS_ACCOUNT_USE) },
      {
        expected: {
          count: 2,
          severity: "high",
          accounts: [EXTERNAL],
          message: `KMS key 1234abcd-12ab-34cd-56ef-1234567890ab can be accessed by account ${EXTERNAL}`,
        },
      },
    ),
    ...inBothZones(
      "kms:CallerAccount naming an outside account lets that account in",
      { resource: KEY, policy: policy(viaServiceStatement({ "kms:CallerAccount": OUTSIDE })) },
      { expected: { accounts: [OUTSIDE], severity: "high" } },
    ),
    ...inZones(["account"], "kms:CallerAccount naming a member account, in the account zone", {
      resource: KEY,
      policy: policy(viaServiceStatement({ "kms:CallerAccount": ORG_MEMBER })),
    }),
    ...inBothZones(
      "a grant whose grantee is outside: external access, whatever its constraints (KMS grants)",
      {
        resource: KEY,
        policy: policy(ENABLE_IAM_POLICIES),
        policyResource: { grants: [grantTo(`arn:aws:iam::${EXTERNAL}:role/partner`)] },
      },
      {
        expected: { accounts: [EXTERNAL], severity: "high", judged: `account ${EXTERNAL}` },
        activeRules: ["external-access"],
      },
    ),
    ...inBothZones(
      "a grant of read operations only is medium",
      {
        resource: KEY,
        policy: policy(ENABLE_IAM_POLICIES),
        policyResource: { grants: [grantTo(`arn:aws:iam::${EXTERNAL}:root`, ["DescribeKey"])] },
      },
      { expected: { severity: "medium" } },
    ),
    ...inBothZones(
      "an outside retiring principal can retire the grant (kms:RetireGrant, permissions management)",
      {
        resource: KEY,
        policy: policy(ENABLE_IAM_POLICIES),
        policyResource: {
          grants: [grantTo(`arn:aws:iam::${OWNER}:role/app`, ["Decrypt"], `arn:aws:iam::${EXTERNAL}:root`)],
        },
      },
      { expected: { accounts: [EXTERNAL], severity: "high" } },
    ),
    ...inZones(["account"], "a grant to a member account's role, in the account zone", {
      resource: KEY,
      policy: policy(ENABLE_IAM_POLICIES),
      policyResource: { grants: [grantTo(`arn:aws:iam::${ORG_MEMBER}:role/app`)] },
    }),
    ...inZones(
      ["account"],
      "a Deny of the key policy applies to a grant too (KMS key access: never denied)",
      {
        resource: KEY,
        policy: policy(ENABLE_IAM_POLICIES, DENY_OUTSIDE_ORG),
        policyResource: { grants: [grantTo(`arn:aws:iam::${EXTERNAL}:role/partner`)] },
      },
      { expected: { active: false, cancelledBy: [byDeny("DenyOutsideOrg")] } },
    ),
    ...inBothZones(
      "an RCP cancels the outside account's use of a customer managed key (RCPs cover AWS KMS)",
      {
        resource: KEY,
        policy: policy(ENABLE_IAM_POLICIES, ...CROSS_ACCOUNT_USE),
        organization: ORG_WITH_RCP,
      },
      { expected: { count: 2, active: false, cancelledBy: [byRcp] } },
    ),
    ...inBothZones(
      "an RCP cancels an outside grantee's use of a customer managed key",
      {
        resource: KEY,
        policy: policy(ENABLE_IAM_POLICIES),
        policyResource: { grants: [grantTo(`arn:aws:iam::${EXTERNAL}:role/partner`)] },
        organization: ORG_WITH_RCP,
      },
      { expected: { active: false, cancelledBy: [byRcp] } },
    ),
    ...inBothZones(
      'RCPs do not apply to AWS managed keys ("Resource control policies in AWS KMS")',
      {
        resource: KEY,
        policy: policy(viaServiceStatement({ "kms:CallerAccount": EXTERNAL })),
        policyResource: { keyManager: "AWS" },
        organization: ORG_WITH_RCP,
      },
      { expected: { accounts: [EXTERNAL] } },
    ),
    ...inBothZones(
      'an RCP never takes kms:RetireGrant away ("isn\'t effective in an RCP"), so kms:* stays granted',
      {
        resource: KEY,
        policy: policy({ ...ENABLE_IAM_POLICIES, Sid: "Partner", Principal: rootOf(EXTERNAL) }),
        organization: ORG_WITH_RCP,
      },
      { expected: { accounts: [EXTERNAL], severity: "high" } },
    ),
  ],
});

ruleTester("public-access", {
  valid: [
    ...inBothZones(
      'kms:CallerAccount equal to the owner confines Principal "*"',
      { resource: KEY, policy: policy(viaServiceStatement({ "kms:CallerAccount": OWNER })) },
      { activeRules: [] },
    ),
  ],
  invalid: [
    ...inBothZones(
      "kms:ViaService alone confines how the key is used, not who uses it: any account's principal can call EC2",
      {
        resource: KEY,
        policy: policy(viaServiceStatement({ "kms:ViaService": "ec2.us-west-2.amazonaws.com" })),
      },
      {
        expected: { severity: "critical", conditions: ["kms:ViaService = ec2.us-west-2.amazonaws.com"] },
        activeRules: ["public-access"],
      },
    ),
    ...inZones(
      ["organization"],
      "an RCP cancels a public key policy of a customer managed key (in the account zone it narrows it to the organization)",
      {
        resource: KEY,
        policy: policy({ ...ENABLE_IAM_POLICIES, Principal: "*", Action: ["kms:Decrypt"] }),
        organization: ORG_WITH_RCP,
      },
      { expected: { active: false, cancelledBy: [byRcp] } },
    ),
  ],
});

ruleTester("confused-deputy", {
  valid: [
    ...inBothZones("a service principal confined to the own account by aws:SourceAccount", {
      resource: KEY,
      policy: policy({
        Effect: "Allow",
        Principal: { Service: "delivery.logs.amazonaws.com" },
        Action: "kms:GenerateDataKey*",
        Resource: "*",
        Condition: { StringEquals: { "aws:SourceAccount": OWNER } },
      }),
    }),
  ],
  invalid: [
    ...inBothZones(
      "a service principal with no source condition",
      {
        resource: KEY,
        policy: policy({
          Effect: "Allow",
          Principal: { Service: "delivery.logs.amazonaws.com" },
          Action: "kms:GenerateDataKey*",
          Resource: "*",
        }),
      },
      { expected: { severity: "medium", message: "KMS key 1234abcd-12ab-34cd-56ef-1234567890ab trusts" } },
    ),
  ],
});
