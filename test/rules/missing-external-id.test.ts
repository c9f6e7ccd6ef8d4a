/**
 * missing-external-id (docs/semantics.md#rules): a role trust policy lets AWS principals of a specific account outside the
 * zone (named in Principal, or pinned by aws:PrincipalAccount/aws:PrincipalArn) call sts:AssumeRole without an
 * effective sts:ExternalId condition (StringEquals/StringLike, fixed values, not …IfExists). Not for public trust,
 * accounts inside the zone, or an outside principal that cannot assume the role at all. Reported beside
 * external-access.
 */
import { inBothZones, inZones, ruleTester } from "./rule-tester.js";
import {
  ORG,
  ORG_MEMBER,
  OTHER_ORG,
  OUTSIDE,
  assumeRole,
  getObject,
  policy,
  publicTrust,
} from "./policies.js";

const VENDOR = `arn:aws:iam::${OUTSIDE}:root`;
const EXTERNAL_ID = "Unique-ExternalId-7f3c2a";

/** The documented vendor trust policy: Allow <vendor account> sts:AssumeRole [when <condition>]. */
function vendorTrust(condition?: Record<string, unknown>) {
  return policy(assumeRole({ AWS: VENDOR }, condition, "VendorAccess"));
}

ruleTester("missing-external-id", {
  valid: [
    ...inBothZones(
      "StringEquals sts:ExternalId with a fixed value",
      { resource: "role", policy: vendorTrust({ StringEquals: { "sts:ExternalId": EXTERNAL_ID } }) },
      { activeRules: ["external-access"], cancelled: 0 },
    ),
    ...inBothZones("StringLike sts:ExternalId with a fixed value (no wildcard)", {
      resource: "role",
      policy: vendorTrust({ StringLike: { "sts:ExternalId": EXTERNAL_ID } }),
    }),
    ...inBothZones("StringEquals sts:ExternalId listing two fixed values (OR across values)", {
      resource: "role",
      policy: vendorTrust({ StringEquals: { "sts:ExternalId": [EXTERNAL_ID, "Second-ExternalId-19ab"] } }),
    }),
    ...inBothZones("ForAnyValue:StringEquals sts:ExternalId fixed: needs a present, matching id", {
      resource: "role",
      policy: vendorTrust({ "ForAnyValue:StringEquals": { "sts:ExternalId": EXTERNAL_ID } }),
    }),
    ...inBothZones("the condition key in another case (STS:externalid)", {
      resource: "role",
      policy: vendorTrust({ StringEquals: { "STS:externalid": EXTERNAL_ID } }),
    }),
    ...inBothZones("a Deny of the same policy turns away whoever does not send the external ID", {
      resource: "role",
      policy: policy(assumeRole({ AWS: VENDOR }, undefined, "VendorAccess"), {
        Sid: "RequireExternalId",
        Effect: "Deny",
        Principal: "*",
        Action: "sts:AssumeRole",
        Condition: { StringNotEquals: { "sts:ExternalId": EXTERNAL_ID } },
      }),
    }),
    ...inBothZones(
      "public trust is public-access, not missing-external-id",
      { resource: "role", policy: publicTrust() },
      { activeRules: ["public-access"], cancelled: 0 },
    ),
    ...inBothZones(
      "public trust with an ineffective external ID is still public-access only",
      { resource: "role", policy: publicTrust({ StringLike: { "sts:ExternalId": "*" } }) },
      { activeRules: ["public-access"], cancelled: 0 },
    ),
    ...inZones(
      ["organization"],
      "an account inside the organization zone",
      { resource: "role", policy: policy(assumeRole({ AWS: `arn:aws:iam::${ORG_MEMBER}:root` })) },
      { activeRules: [] },
    ),
    ...inBothZones(
      "a trusted account (--trusted-account)",
      { resource: "role", policy: vendorTrust(), trustedAccounts: [OUTSIDE] },
      { activeRules: [] },
    ),
    ...inBothZones(
      "AROA… unique id: no specific account is known",
      { resource: "role", policy: policy(assumeRole({ AWS: "AROA3XFRBF535EXAMPLE" })) },
      { activeRules: ["external-access"] },
    ),
    ...inBothZones(
      'another organization pinned by aws:PrincipalOrgID on Principal "*": not a specific account',
      { resource: "role", policy: publicTrust({ StringEquals: { "aws:PrincipalOrgID": OTHER_ORG } }) },
      { activeRules: ["external-access"] },
    ),
    ...inBothZones(
      "the outside principal cannot assume the role at all (AND with the zone's organization)",
      { resource: "role", policy: vendorTrust({ StringEquals: { "aws:PrincipalOrgID": ORG } }) },
      { activeRules: [], cancelled: 0 },
    ),
    ...inBothZones(
      "the outside principal is only allowed sts:TagSession",
      {
        resource: "role",
        policy: policy({ Effect: "Allow", Principal: { AWS: VENDOR }, Action: "sts:TagSession" }),
      },
      { activeRules: [], cancelled: 0 },
    ),
    ...inBothZones(
      "a service principal needs no external ID",
      {
        resource: "role",
        policy: policy(assumeRole({ Service: "lambda.amazonaws.com" })),
      },
      { activeRules: ["confused-deputy"] },
    ),
    ...inBothZones(
      "bucket policies have no external ID",
      { resource: "bucket", policy: policy(getObject({ AWS: VENDOR })) },
      { activeRules: ["external-access"] },
    ),
  ],
  invalid: [
    ...inBothZones(
      "an outside account's root with no condition",
      { resource: "role", policy: vendorTrust() },
      {
        expected: {
          severity: "medium",
          isPublic: false,
          accounts: [OUTSIDE],
          judged: `account ${OUTSIDE}`,
          message: "without an external ID",
        },
        activeRules: ["external-access", "missing-external-id"],
      },
    ),
    ...inBothZones(
      "a 12-digit account id",
      { resource: "role", policy: policy(assumeRole({ AWS: OUTSIDE })) },
      { expected: { accounts: [OUTSIDE] } },
    ),
    ...inBothZones(
      "a role ARN of an outside account",
      {
        resource: "role",
        policy: policy(assumeRole({ AWS: `arn:aws:iam::${OUTSIDE}:role/VendorAutomation` })),
      },
      { expected: { accounts: [OUTSIDE] } },
    ),
    ...inBothZones(
      "an assumed-role session ARN of an outside account",
      {
        resource: "role",
        policy: policy(
          assumeRole({ AWS: `arn:aws:sts::${OUTSIDE}:assumed-role/VendorAutomation/session-1` }),
        ),
      },
      { expected: { accounts: [OUTSIDE] } },
    ),
    ...inBothZones(
      "a user ARN of an outside account",
      { resource: "role", policy: policy(assumeRole({ AWS: `arn:aws:iam::${OUTSIDE}:user/Alice` })) },
      { expected: { accounts: [OUTSIDE] } },
    ),
    ...inBothZones(
      'account pinned by aws:PrincipalAccount on Principal "*"',
      { resource: "role", policy: publicTrust({ StringEquals: { "aws:PrincipalAccount": OUTSIDE } }) },
      { expected: { accounts: [OUTSIDE] }, activeRules: ["external-access", "missing-external-id"] },
    ),
    ...inBothZones(
      'account pinned by aws:PrincipalArn on Principal "*"',
      {
        resource: "role",
        policy: publicTrust({ ArnLike: { "aws:PrincipalArn": `arn:aws:iam::${OUTSIDE}:role/Vendor*` } }),
      },
      { expected: { accounts: [OUTSIDE] }, activeRules: ["external-access", "missing-external-id"] },
    ),
    ...inBothZones(
      'sts:ExternalId under StringLike "*" is ineffective',
      { resource: "role", policy: vendorTrust({ StringLike: { "sts:ExternalId": "*" } }) },
      { expected: { accounts: [OUTSIDE] } },
    ),
    ...inBothZones(
      "sts:ExternalId with a partial wildcard under StringLike is ineffective",
      { resource: "role", policy: vendorTrust({ StringLike: { "sts:ExternalId": "Unique-*" } }) },
      { expected: { accounts: [OUTSIDE] } },
    ),
    ...inBothZones(
      "sts:ExternalId under StringEqualsIfExists is ineffective (absent id passes)",
      { resource: "role", policy: vendorTrust({ StringEqualsIfExists: { "sts:ExternalId": EXTERNAL_ID } }) },
      { expected: { accounts: [OUTSIDE] } },
    ),
    ...inBothZones(
      "ForAllValues:StringEquals sts:ExternalId is ineffective (true on an absent key)",
      {
        resource: "role",
        policy: vendorTrust({ "ForAllValues:StringEquals": { "sts:ExternalId": EXTERNAL_ID } }),
      },
      { expected: { accounts: [OUTSIDE] } },
    ),
    ...inBothZones(
      "StringNotEquals sts:ExternalId in an Allow is ineffective",
      { resource: "role", policy: vendorTrust({ StringNotEquals: { "sts:ExternalId": EXTERNAL_ID } }) },
      { expected: { accounts: [OUTSIDE] } },
    ),
    ...inBothZones(
      "sts:ExternalId set to a policy variable is not a fixed value",
      {
        resource: "role",
        policy: vendorTrust({ StringEquals: { "sts:ExternalId": "${aws:PrincipalTag/ext-id}" } }),
      },
      { expected: { accounts: [OUTSIDE] } },
    ),
    ...inBothZones(
      "an external ID in another statement does not cover this one",
      {
        resource: "role",
        policy: policy(
          assumeRole(
            { AWS: `arn:aws:iam::444455556666:root` },
            { StringEquals: { "sts:ExternalId": EXTERNAL_ID } },
          ),
          assumeRole({ AWS: VENDOR }),
        ),
      },
      { expected: { count: 1, accounts: [OUTSIDE] } },
    ),
    ...inBothZones(
      'a Deny when sts:ExternalId is absent (Null "true") does not fix its value',
      {
        resource: "role",
        policy: policy(assumeRole({ AWS: VENDOR }, undefined, "VendorAccess"), {
          Sid: "DenyWithoutExternalId",
          Effect: "Deny",
          Principal: "*",
          Action: "sts:AssumeRole",
          Condition: { Null: { "sts:ExternalId": "true" } },
        }),
      },
      { expected: { accounts: [OUTSIDE] } },
    ),
    ...inBothZones(
      "a caller-chosen condition (aws:MultiFactorAuthPresent) does not replace the external ID",
      { resource: "role", policy: vendorTrust({ Bool: { "aws:MultiFactorAuthPresent": "true" } }) },
      { expected: { accounts: [OUTSIDE] } },
    ),
    ...inBothZones(
      "an outside account confined to a network still needs an external ID",
      { resource: "role", policy: vendorTrust({ IpAddress: { "aws:SourceIp": "198.51.100.0/24" } }) },
      { expected: { accounts: [OUTSIDE] } },
    ),
    ...inBothZones(
      "Action sts:* includes sts:AssumeRole",
      { resource: "role", policy: policy({ Effect: "Allow", Principal: { AWS: VENDOR }, Action: "sts:*" }) },
      { expected: { accounts: [OUTSIDE] } },
    ),
    ...inZones(
      ["account"],
      "a member of the owner's organization is outside the account zone",
      { resource: "role", policy: policy(assumeRole({ AWS: `arn:aws:iam::${ORG_MEMBER}:root` })) },
      { expected: { accounts: [ORG_MEMBER] }, activeRules: ["external-access", "missing-external-id"] },
    ),
  ],
});
