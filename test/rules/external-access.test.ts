/**
 * external-access (docs/semantics.md#principals and #conditions, #rules): the grant reaches AWS principals outside the zone of trust, named in
 * Principal or pinned by confining keys (network-only confinement included, at a lower severity), or a service
 * principal whose source is pinned to an account or organization outside the zone [beyond].
 */
import { inBothZones, inZones, ruleTester } from "./rule-tester.js";
import {
  BUCKET,
  ORG,
  OTHER_ORG,
  OUTSIDE,
  OWNER,
  assumeRole,
  getObject,
  policy,
  publicRead,
  publicTrust,
} from "./policies.js";

const CANONICAL_USER = "79a59df900b949e55d96a1e698fbacedfd6e09d98eacf8f8d5218e7cd47ef2be";
const UNIQUE_ROLE_ID = "AROA3XFRBF535EXAMPLE";
const GITHUB_PROVIDER = "token.actions.githubusercontent.com";

ruleTester("external-access", {
  valid: [
    ...inBothZones("a role trusted by its own account", {
      resource: "role",
      policy: policy(assumeRole({ AWS: OWNER })),
    }),
    ...inBothZones(
      'Principal "*" without condition is public-access, not external-access',
      { resource: "role", policy: publicTrust() },
      { activeRules: ["public-access"] },
    ),
    ...inBothZones(
      "a public bucket policy is reported as public-access even with a caller-chosen condition",
      { resource: "bucket", policy: publicRead({ Bool: { "aws:SecureTransport": "true" } }) },
      { activeRules: ["public-access"] },
    ),
    ...inZones(["organization"], 'Principal "*" confined to the zone\'s organization', {
      resource: "bucket",
      policy: publicRead({ StringEquals: { "aws:PrincipalOrgID": ORG } }),
    }),
    ...inBothZones(
      "${aws:ResourceAccount} in aws:PrincipalAccount resolves to the owner: nobody outside",
      {
        resource: "bucket",
        policy: publicRead({ StringEquals: { "aws:PrincipalAccount": "${aws:ResourceAccount}" } }),
      },
      { activeRules: [] },
    ),
    ...inBothZones(
      "AND across keys: an outside account AND the zone's organization contradict, nobody gets in",
      {
        resource: "role",
        policy: policy(
          assumeRole(
            { AWS: `arn:aws:iam::${OUTSIDE}:root` },
            { StringEquals: { "aws:PrincipalOrgID": ORG } },
          ),
        ),
      },
      { activeRules: [], cancelled: 0 },
    ),
    ...inBothZones(
      "a federated principal (GitHub Actions) is judged by unscoped-federation only",
      {
        resource: "role",
        policy: policy({
          Effect: "Allow",
          Principal: { Federated: `arn:aws:iam::${OWNER}:oidc-provider/${GITHUB_PROVIDER}` },
          Action: "sts:AssumeRoleWithWebIdentity",
          Condition: { StringEquals: { [`${GITHUB_PROVIDER}:aud`]: "sts.amazonaws.com" } },
        }),
      },
      { activeRules: ["unscoped-federation"], cancelled: 0 },
    ),
    ...inBothZones(
      "a federated principal whose provider lives in an outside account is still not external-access",
      {
        resource: "role",
        policy: policy({
          Effect: "Allow",
          Principal: { Federated: `arn:aws:iam::${OUTSIDE}:saml-provider/ExampleOrgSSOProvider` },
          Action: "sts:AssumeRoleWithSAML",
          Condition: { StringEquals: { "SAML:aud": "https://signin.aws.amazon.com/saml" } },
        }),
      },
      { activeRules: [], cancelled: 0 },
    ),
    ...inBothZones(
      "a service principal with no source condition is confused-deputy, not external-access",
      { resource: "role", policy: policy(assumeRole({ Service: "scheduler.amazonaws.com" })) },
      { activeRules: ["confused-deputy"] },
    ),
    ...inBothZones(
      "a service principal acting for the owner's account",
      {
        resource: "role",
        policy: policy(
          assumeRole(
            { Service: "scheduler.amazonaws.com" },
            { StringEquals: { "aws:SourceAccount": OWNER } },
          ),
        ),
      },
      { activeRules: [] },
    ),
    ...inBothZones(
      "a canonical user that maps to the owner's account (the bucket's ACL owner) is inside",
      {
        resource: "bucket",
        policy: policy(getObject({ CanonicalUser: CANONICAL_USER })),
        acl: { ownerId: CANONICAL_USER, grants: [] },
      },
      { activeRules: [] },
    ),
    ...inBothZones(
      "an outside account allowed an action that does not assume the role",
      {
        resource: "role",
        policy: policy({ Effect: "Allow", Principal: { AWS: OUTSIDE }, Action: "sts:TagSession" }),
      },
      { activeRules: [] },
    ),
  ],
  invalid: [
    ...inBothZones(
      "cross-account trust by 12-digit account id",
      { resource: "role", policy: policy(assumeRole({ AWS: OUTSIDE })) },
      {
        expected: {
          severity: "high",
          isPublic: false,
          judged: `account ${OUTSIDE}`,
          accounts: [OUTSIDE],
          message: OUTSIDE,
        },
        activeRules: ["external-access", "missing-external-id"],
      },
    ),
    ...inBothZones(
      "cross-account trust by :root ARN (every principal of the account)",
      { resource: "role", policy: policy(assumeRole({ AWS: `arn:aws:iam::${OUTSIDE}:root` })) },
      {
        expected: { severity: "high", accounts: [OUTSIDE] },
        activeRules: ["external-access", "missing-external-id"],
      },
    ),
    ...inBothZones(
      "cross-account trust by role ARN",
      {
        resource: "role",
        policy: policy(assumeRole({ AWS: `arn:aws:iam::${OUTSIDE}:role/VendorAutomation` })),
      },
      { expected: { judged: OUTSIDE, accounts: [OUTSIDE] } },
    ),
    ...inBothZones(
      "cross-account trust by assumed-role session ARN",
      {
        resource: "role",
        policy: policy(
          assumeRole({ AWS: `arn:aws:sts::${OUTSIDE}:assumed-role/VendorAutomation/session-1` }),
        ),
      },
      { expected: { judged: OUTSIDE, accounts: [OUTSIDE] } },
    ),
    ...inBothZones(
      "cross-account trust by user ARN",
      { resource: "role", policy: policy(assumeRole({ AWS: `arn:aws:iam::${OUTSIDE}:user/Alice` })) },
      { expected: { judged: OUTSIDE, accounts: [OUTSIDE] } },
    ),
    ...inBothZones(
      "cross-account trust by federated-user ARN",
      { resource: "role", policy: policy(assumeRole({ AWS: `arn:aws:sts::${OUTSIDE}:federated-user/Bob` })) },
      { expected: { judged: OUTSIDE, accounts: [OUTSIDE] } },
    ),
    ...inBothZones(
      "AROA… unique id: a deleted or unresolved principal of an unknown account is outside",
      { resource: "role", policy: policy(assumeRole({ AWS: UNIQUE_ROLE_ID })) },
      {
        expected: { severity: "high", isPublic: false, judged: UNIQUE_ROLE_ID, accounts: [] },
        activeRules: ["external-access"],
      },
    ),
    ...inBothZones(
      "AIDA… unique id of a user: unknown account, outside",
      { resource: "bucket", policy: policy(getObject({ AWS: "AIDACKCEVSQ6C2EXAMPLE" })) },
      { expected: { severity: "medium", isPublic: false, judged: "AIDACKCEVSQ6C2EXAMPLE", accounts: [] } },
    ),
    ...inBothZones(
      "canonical user in a bucket policy",
      { resource: "bucket", policy: policy(getObject({ CanonicalUser: CANONICAL_USER })) },
      { expected: { severity: "medium", isPublic: false, judged: CANONICAL_USER } },
    ),
    ...inBothZones(
      "ACL grant to another account's canonical user",
      {
        resource: "bucket",
        policy: null,
        acl: { grants: [{ grantee: { type: "CanonicalUser", id: CANONICAL_USER }, permission: "READ" }] },
      },
      { expected: { severity: "medium", isPublic: false, judged: CANONICAL_USER } },
    ),
    ...inBothZones(
      "bucket read by an outside account is medium",
      { resource: "bucket", policy: policy(getObject({ AWS: `arn:aws:iam::${OUTSIDE}:root` })) },
      { expected: { severity: "medium", accounts: [OUTSIDE] }, activeRules: ["external-access"] },
    ),
    ...inBothZones(
      "bucket write by an outside account is high",
      {
        resource: "bucket",
        policy: policy({
          Sid: "CrossAccountUpload",
          Effect: "Allow",
          Principal: { AWS: `arn:aws:iam::${OUTSIDE}:role/uploader` },
          Action: "s3:PutObject",
          Resource: `arn:aws:s3:::${BUCKET}/uploads/*`,
        }),
      },
      { expected: { severity: "high", accounts: [OUTSIDE] } },
    ),
    ...inBothZones(
      "two outside principals listed in one statement: one finding each",
      {
        resource: "role",
        policy: policy(
          assumeRole({ AWS: [`arn:aws:iam::${OUTSIDE}:root`, `arn:aws:iam::444455556666:role/Auditor`] }),
        ),
      },
      { expected: { count: 2, severity: "high" } },
    ),
    ...inBothZones(
      "a named outside account under a caller-chosen condition (aws:SecureTransport) is still external",
      {
        resource: "bucket",
        policy: policy(getObject({ AWS: OUTSIDE }, { Bool: { "aws:SecureTransport": "true" } })),
      },
      { expected: { accounts: [OUTSIDE] } },
    ),
    ...inBothZones(
      'account pinned by aws:PrincipalAccount on Principal "*"',
      { resource: "role", policy: publicTrust({ StringEquals: { "aws:PrincipalAccount": OUTSIDE } }) },
      {
        expected: { severity: "high", isPublic: false, accounts: [OUTSIDE] },
        activeRules: ["external-access", "missing-external-id"],
      },
    ),
    ...inBothZones(
      'account pinned by aws:PrincipalArn on Principal "*"',
      {
        resource: "role",
        policy: publicTrust({
          ArnEquals: { "aws:PrincipalArn": `arn:aws:iam::${OUTSIDE}:role/VendorAccess` },
        }),
      },
      {
        expected: { isPublic: false, accounts: [OUTSIDE] },
        activeRules: ["external-access", "missing-external-id"],
      },
    ),
    ...inBothZones(
      'account pinned by kms:CallerAccount on Principal "*"',
      { resource: "bucket", policy: publicRead({ StringEquals: { "kms:CallerAccount": OUTSIDE } }) },
      { expected: { isPublic: false, accounts: [OUTSIDE] } },
    ),
    ...inBothZones(
      'account pinned by aws:userid on Principal "*"',
      { resource: "bucket", policy: publicRead({ StringLike: { "aws:userid": `${OUTSIDE}:*` } }) },
      { expected: { isPublic: false, accounts: [OUTSIDE] } },
    ),
    ...inBothZones(
      'another organization pinned by aws:PrincipalOrgID on Principal "*"',
      { resource: "bucket", policy: publicRead({ StringEquals: { "aws:PrincipalOrgID": OTHER_ORG } }) },
      { expected: { severity: "medium", isPublic: false, judged: `organization ${OTHER_ORG}` } },
    ),
    ...inBothZones(
      'another organization pinned by aws:PrincipalOrgPaths on Principal "*"',
      {
        resource: "bucket",
        policy: publicRead({
          "ForAnyValue:StringLike": { "aws:PrincipalOrgPaths": `${OTHER_ORG}/r-ab12/ou-ab12-11111111/*` },
        }),
      },
      { expected: { isPublic: false, judged: `organization ${OTHER_ORG}` } },
    ),
    ...inBothZones(
      "OR across values: aws:PrincipalAccount lists two accounts, one outside every zone",
      {
        resource: "role",
        policy: publicTrust({ StringEquals: { "aws:PrincipalAccount": [OUTSIDE, "444455556666"] } }),
      },
      { expected: { accounts: [OUTSIDE, "444455556666"] } },
    ),
    ...inBothZones(
      "network-only confinement: aws:SourceVpce on a bucket read is external and low",
      { resource: "bucket", policy: publicRead({ StringEquals: { "aws:SourceVpce": "vpce-1a2b3c4d" } }) },
      {
        expected: { severity: "low", isPublic: false, judged: "vpce-1a2b3c4d" },
        activeRules: ["external-access"],
      },
    ),
    ...inBothZones(
      "network-only confinement: aws:SourceVpc on a bucket write is external and medium",
      {
        resource: "bucket",
        policy: policy({
          Sid: "VpcWrite",
          Effect: "Allow",
          Principal: "*",
          Action: "s3:PutObject",
          Resource: `arn:aws:s3:::${BUCKET}/*`,
          Condition: { StringEquals: { "aws:SourceVpc": "vpc-111bbb22" } },
        }),
      },
      { expected: { severity: "medium", isPublic: false, judged: "vpc-111bbb22" } },
    ),
    ...inBothZones(
      "network-only confinement: a narrow aws:SourceIp on a role is external and medium",
      { resource: "role", policy: publicTrust({ IpAddress: { "aws:SourceIp": "203.0.113.0/24" } }) },
      { expected: { severity: "medium", isPublic: false, judged: "203.0.113.0/24" } },
    ),
    ...inBothZones(
      "aws:SourceIp /8 confines to a network",
      { resource: "bucket", policy: publicRead({ IpAddress: { "aws:SourceIp": "12.0.0.0/8" } }) },
      { expected: { severity: "low", isPublic: false } },
    ),
    ...inBothZones(
      "aws:SourceIp IPv6 /32 confines to a network",
      { resource: "bucket", policy: publicRead({ IpAddress: { "aws:SourceIp": "2001:db8::/32" } }) },
      { expected: { severity: "low", isPublic: false } },
    ),
    ...inBothZones(
      "a named outside account restricted to an IP range stays external (network)",
      {
        resource: "bucket",
        policy: policy(getObject({ AWS: OUTSIDE }, { IpAddress: { "aws:SourceIp": "198.51.100.0/24" } })),
      },
      { expected: { severity: "low", isPublic: false, judged: OUTSIDE, accounts: [OUTSIDE] } },
    ),
    ...inBothZones(
      '[beyond] aws:SourceAccount of an outside account on Principal "*": a service acting for that account',
      { resource: "bucket", policy: publicRead({ StringEquals: { "aws:SourceAccount": OUTSIDE } }) },
      {
        expected: { isPublic: false, judged: `account ${OUTSIDE}`, accounts: [OUTSIDE] },
        activeRules: ["external-access"],
      },
    ),
    ...inBothZones(
      "[beyond] a service principal whose aws:SourceAccount is an outside account",
      {
        resource: "bucket",
        policy: policy({
          Sid: "AllowSNSPublish",
          Effect: "Allow",
          Principal: { Service: "sns.amazonaws.com" },
          Action: "s3:PutObject",
          Resource: `arn:aws:s3:::${BUCKET}/*`,
          Condition: { StringEquals: { "aws:SourceAccount": OUTSIDE } },
        }),
      },
      {
        expected: { severity: "high", isPublic: false, judged: "sns.amazonaws.com", accounts: [OUTSIDE] },
        activeRules: ["external-access"],
      },
    ),
    ...inBothZones(
      '[beyond] aws:SourceOwner of an outside account on Principal "*"',
      { resource: "bucket", policy: publicRead({ StringEquals: { "aws:SourceOwner": OUTSIDE } }) },
      { expected: { isPublic: false, accounts: [OUTSIDE] }, activeRules: ["external-access"] },
    ),
    ...inBothZones(
      "[beyond] OR across values: a service acting for the owner or an outside account",
      {
        resource: "role",
        policy: policy(
          assumeRole(
            { Service: "scheduler.amazonaws.com" },
            { StringEquals: { "aws:SourceAccount": [OWNER, OUTSIDE] } },
          ),
        ),
      },
      { expected: { accounts: [OUTSIDE] }, activeRules: ["external-access"] },
    ),
    ...inBothZones(
      "[beyond] a service principal whose aws:SourceArn is in an outside account",
      {
        resource: "role",
        policy: policy(
          assumeRole(
            { Service: "scheduler.amazonaws.com" },
            { ArnLike: { "aws:SourceArn": `arn:aws:scheduler:us-east-1:${OUTSIDE}:schedule/*` } },
          ),
        ),
      },
      {
        expected: { severity: "high", judged: "scheduler.amazonaws.com", accounts: [OUTSIDE] },
        activeRules: ["external-access"],
      },
    ),
    ...inBothZones(
      "[beyond] a service principal whose aws:SourceOrgID is another organization",
      {
        resource: "role",
        policy: policy(
          assumeRole(
            { Service: "scheduler.amazonaws.com" },
            { StringEquals: { "aws:SourceOrgID": OTHER_ORG } },
          ),
        ),
      },
      { expected: { judged: `organization ${OTHER_ORG}` }, activeRules: ["external-access"] },
    ),
    ...inBothZones(
      "[beyond] a service principal whose aws:SourceOrgPaths is under another organization",
      {
        resource: "role",
        policy: policy(
          assumeRole(
            { Service: "scheduler.amazonaws.com" },
            { "ForAnyValue:StringLike": { "aws:SourceOrgPaths": `${OTHER_ORG}/r-ab12/*` } },
          ),
        ),
      },
      { expected: { judged: `organization ${OTHER_ORG}` }, activeRules: ["external-access"] },
    ),
  ],
});
