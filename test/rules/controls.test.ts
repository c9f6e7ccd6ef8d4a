/**
 * Allow, Deny and the controls around the policy (docs/semantics.md#allow-minus-deny and #rules): access is some Allow AND no Deny; Deny
 * statements, S3 Block Public Access and resource control policies only ever remove findings, and a finding they
 * cancel is still reported as cancelled, naming the control.
 */
import { describe } from "vitest";
import { inBothZones, inZones, ruleTester, type Case } from "./rule-tester.js";
import {
  ALL_USERS,
  AUTHENTICATED_USERS,
  BUCKET_ARN,
  OBJECTS_ARN,
  ORG,
  ORG_MEMBER,
  OUTSIDE,
  OWNER,
  ROOT_ID,
  type Statement,
  assumeRole,
  getObject,
  policy,
  publicRead,
} from "./policies.js";
import type { OrganizationCase } from "../helpers/scan-policy.js";
import type { RuleId } from "../../src/findings/finding.js";
import { parseJson } from "../../src/snapshot/json-file.js";
import { readPolicyDocument } from "../../src/snapshot/policy-document.js";

const CANONICAL_USER = "79a59df900b949e55d96a1e698fbacedfd6e09d98eacf8f8d5218e7cd47ef2be";
const PUBLIC_READ = getObject("*", undefined, "PublicRead");

/** The AWS documentation's "deny outside my organization" statement. */
function denyOutsideOrg(action: string | string[], resource?: string[]): Statement {
  return {
    Sid: "DenyOutsideOrg",
    Effect: "Deny",
    Principal: "*",
    Action: action,
    ...(resource ? { Resource: resource } : {}),
    Condition: { StringNotEquals: { "aws:PrincipalOrgID": ORG } },
  };
}

const bucketDenyOutsideOrg = denyOutsideOrg("s3:*", [BUCKET_ARN, OBJECTS_ARN]);

const denyInsecureTransport: Statement = {
  Sid: "DenyInsecureTransport",
  Effect: "Deny",
  Principal: "*",
  Action: "s3:*",
  Resource: [BUCKET_ARN, OBJECTS_ARN],
  Condition: { Bool: { "aws:SecureTransport": "false" } },
};

// ---- resource control policies ----

const PROD_OU = "ou-a1b2-11111111";
const SANDBOX_OU = "ou-a1b2-22222222";
const NESTED_OU = "ou-a1b2-33333333";

/**
 * RestrictPublicBuckets and the identity perimeter below keep every principal out but AWS services (S3 User Guide,
 * Blocking public access; the perimeter's BoolIfExists aws:PrincipalIsAWSService): a service acting for any
 * account still gets in, which confused-deputy reports (AWS's data perimeter guidance adds a separate
 * confused-deputy statement for that reason).
 */
const SERVICES_LEFT_IN: RuleId[] = ["confused-deputy"];

/** The data perimeter RCP of the AWS documentation: only the organization's identities and AWS services. */
const IDENTITY_PERIMETER_RCP = {
  Version: "2012-10-17",
  Statement: [
    {
      Sid: "EnforceOrgIdentities",
      Effect: "Deny",
      Principal: "*",
      Action: ["s3:*", "sqs:*", "kms:*", "secretsmanager:*", "sts:*"],
      Resource: "*",
      Condition: {
        StringNotEqualsIfExists: { "aws:PrincipalOrgID": ORG },
        BoolIfExists: { "aws:PrincipalIsAWSService": "false" },
      },
    },
  ],
};

/** The owner sits in the Prod OU; the management account is the other member (unless `management` says). */
function orgWithRcp(targets: string[], rcpPolicy: unknown = IDENTITY_PERIMETER_RCP, management = ORG_MEMBER) {
  const organization: OrganizationCase = {
    id: ORG,
    accounts: [OWNER, ORG_MEMBER],
    managementAccount: management,
    ous: { [PROD_OU]: ROOT_ID, [SANDBOX_OU]: ROOT_ID },
    accountParents: { [OWNER]: PROD_OU },
    rcps: [{ id: "p-examplercp1", name: "data-perimeter", targets, policy: rcpPolicy }],
  };
  return organization;
}

const byDeny = (name: string) => ({ kind: "deny-statement" as const, name });
const byBpa = (name: string) => ({ kind: "block-public-access" as const, name });
const byRcp = { kind: "resource-control-policy" as const, name: "data-perimeter" };

/** An SCP that denies every action, attached to the root: it must not change an outside principal's access. */
const SCP_DENY_ALL = {
  Version: "2012-10-17",
  Statement: [{ Sid: "DenyAll", Effect: "Deny", Action: "*", Resource: "*" }],
};
const scpDenyAll = {
  id: "p-examplescp1",
  name: "deny-all",
  type: "SERVICE_CONTROL_POLICY" as const,
  awsManaged: false,
  targetIds: [ROOT_ID, OWNER],
};

const GITHUB = "token.actions.githubusercontent.com";
const githubUnscoped: Statement = {
  Effect: "Allow",
  Principal: { Federated: `arn:aws:iam::${OWNER}:oidc-provider/${GITHUB}` },
  Action: "sts:AssumeRoleWithWebIdentity",
  Condition: { StringEquals: { [`${GITHUB}:aud`]: "sts.amazonaws.com" } },
};

function publicBucket(rest: Partial<Case["case"]> = {}) {
  return { resource: "bucket" as const, policy: publicRead(), ...rest };
}

describe("controls", () => {
  ruleTester("public-access", {
    valid: [
      ...inZones(
        ["account"],
        "Deny outside the org narrows a public Allow to the organization (external-access) in the account zone",
        { resource: "bucket", policy: policy(PUBLIC_READ, bucketDenyOutsideOrg) },
        { activeRules: ["external-access"] },
      ),
      ...inBothZones(
        "Deny with NotPrincipal (owner and one outside account) narrows a public Allow to that account",
        {
          resource: "bucket",
          policy: policy(PUBLIC_READ, {
            Sid: "DenyAllButListed",
            Effect: "Deny",
            NotPrincipal: { AWS: [`arn:aws:iam::${OWNER}:root`, `arn:aws:iam::${OUTSIDE}:root`] },
            Action: "s3:*",
            Resource: [BUCKET_ARN, OBJECTS_ARN],
          }),
        },
        { activeRules: ["external-access"] },
      ),
      ...inZones(
        ["account"],
        "an RCP on the owner's OU narrows a public bucket to the organization in the account zone",
        { ...publicBucket(), organization: orgWithRcp([PROD_OU]) },
        { activeRules: ["confused-deputy", "external-access"] },
      ),
    ],
    invalid: [
      ...inZones(
        ["organization"],
        'Deny "*" when StringNotEquals aws:PrincipalOrgID cancels a public Allow in the organization zone',
        { resource: "bucket", policy: policy(PUBLIC_READ, bucketDenyOutsideOrg) },
        {
          expected: { active: false, isPublic: true, cancelledBy: [byDeny("DenyOutsideOrg")] },
          activeRules: [],
        },
      ),
      ...inZones(
        ["organization"],
        "Deny outside the org cancels a public trust policy in the organization zone",
        { resource: "role", policy: policy(assumeRole("*"), denyOutsideOrg("sts:AssumeRole")) },
        { expected: { active: false, cancelledBy: [byDeny("DenyOutsideOrg")] }, activeRules: [] },
      ),
      ...inBothZones(
        "Deny with NotPrincipal of the owner only cancels a public Allow",
        {
          resource: "bucket",
          policy: policy(PUBLIC_READ, {
            Sid: "DenyEveryoneElse",
            Effect: "Deny",
            NotPrincipal: { AWS: `arn:aws:iam::${OWNER}:root` },
            Action: "s3:*",
            Resource: [BUCKET_ARN, OBJECTS_ARN],
          }),
        },
        { expected: { active: false, cancelledBy: [byDeny("DenyEveryoneElse")] }, activeRules: [] },
      ),
      ...inBothZones(
        "Deny of an unrelated action does not cancel",
        {
          resource: "bucket",
          policy: policy(PUBLIC_READ, {
            Sid: "DenyBucketDeletion",
            Effect: "Deny",
            Principal: "*",
            Action: ["s3:DeleteBucket", "s3:PutBucketPolicy"],
            Resource: BUCKET_ARN,
          }),
        },
        { expected: { isPublic: true } },
      ),
      ...inBothZones(
        "Deny with aws:SecureTransport false only does not cancel (the caller sends HTTPS)",
        { resource: "bucket", policy: policy(PUBLIC_READ, denyInsecureTransport) },
        { expected: { isPublic: true } },
      ),
      ...inBothZones(
        "Deny naming a different principal does not cancel",
        {
          resource: "bucket",
          policy: policy(PUBLIC_READ, {
            Sid: "DenyFormerPartner",
            Effect: "Deny",
            Principal: { AWS: `arn:aws:iam::${OUTSIDE}:root` },
            Action: "s3:*",
            Resource: [BUCKET_ARN, OBJECTS_ARN],
          }),
        },
        { expected: { isPublic: true } },
      ),
      ...inBothZones(
        "Deny of s3:GetObject does not cover an Allow of s3:Get*",
        {
          resource: "bucket",
          policy: policy(
            {
              Sid: "PublicGet",
              Effect: "Allow",
              Principal: "*",
              Action: "s3:Get*",
              Resource: [BUCKET_ARN, OBJECTS_ARN],
            },
            {
              Sid: "DenyObjectReads",
              Effect: "Deny",
              Principal: "*",
              Action: "s3:GetObject",
              Resource: OBJECTS_ARN,
            },
          ),
        },
        { expected: { isPublic: true } },
      ),
      ...inBothZones(
        "Deny when aws:PrincipalAccount is not ${aws:ResourceAccount} (the owner) cancels a public Allow",
        {
          resource: "bucket",
          policy: policy(PUBLIC_READ, {
            Sid: "DenyOtherAccounts",
            Effect: "Deny",
            Principal: "*",
            Action: "s3:*",
            Resource: [BUCKET_ARN, OBJECTS_ARN],
            Condition: { StringNotEquals: { "aws:PrincipalAccount": "${aws:ResourceAccount}" } },
          }),
        },
        { expected: { active: false, cancelledBy: [byDeny("DenyOtherAccounts")] }, activeRules: [] },
      ),
      ...inBothZones(
        "Deny on another bucket's objects does not cancel",
        {
          resource: "bucket",
          policy: policy(PUBLIC_READ, {
            Sid: "DenyOtherBucket",
            Effect: "Deny",
            Principal: "*",
            Action: "s3:*",
            Resource: "arn:aws:s3:::amzn-s3-demo-other-bucket/*",
          }),
        },
        { expected: { isPublic: true } },
      ),
      ...inBothZones(
        "Deny of the write action leaves public read (critical drops to high)",
        {
          resource: "bucket",
          policy: policy(
            {
              Sid: "PublicReadWrite",
              Effect: "Allow",
              Principal: "*",
              Action: ["s3:GetObject", "s3:PutObject"],
              Resource: OBJECTS_ARN,
            },
            {
              Sid: "DenyWrites",
              Effect: "Deny",
              Principal: "*",
              Action: "s3:PutObject",
              Resource: OBJECTS_ARN,
            },
          ),
        },
        { expected: { isPublic: true, severity: "high" } },
      ),
      ...inBothZones(
        "BlockPublicPolicy alone cancels nothing",
        publicBucket({ bucketPublicAccessBlock: { BlockPublicPolicy: true } }),
        {
          expected: { isPublic: true },
        },
      ),
      ...inBothZones(
        "BlockPublicAcls and BlockPublicPolicy at account level cancel nothing",
        publicBucket({ accountPublicAccessBlock: { BlockPublicAcls: true, BlockPublicPolicy: true } }),
        { expected: { isPublic: true } },
      ),
      ...inBothZones(
        "RestrictPublicBuckets (bucket) cancels the public bucket policy, kept as cancelled",
        publicBucket({ bucketPublicAccessBlock: { RestrictPublicBuckets: true } }),
        {
          expected: {
            active: false,
            isPublic: true,
            cancelledBy: [byBpa("bucket Block Public Access RestrictPublicBuckets")],
          },
          activeRules: SERVICES_LEFT_IN,
        },
      ),
      ...inBothZones(
        "Block Public Access settings are OR-ed: account RestrictPublicBuckets with the bucket setting off",
        publicBucket({
          bucketPublicAccessBlock: { RestrictPublicBuckets: false },
          accountPublicAccessBlock: { RestrictPublicBuckets: true },
        }),
        {
          expected: {
            active: false,
            cancelledBy: [byBpa("account Block Public Access RestrictPublicBuckets")],
          },
          activeRules: SERVICES_LEFT_IN,
        },
      ),
      ...inBothZones(
        "RestrictPublicBuckets (account) cancels the public bucket policy, kept as cancelled",
        publicBucket({ accountPublicAccessBlock: { RestrictPublicBuckets: true } }),
        {
          expected: {
            active: false,
            cancelledBy: [byBpa("account Block Public Access RestrictPublicBuckets")],
          },
          activeRules: SERVICES_LEFT_IN,
        },
      ),
      ...inBothZones(
        "IgnorePublicAcls does not cancel a public bucket policy",
        publicBucket({ bucketPublicAccessBlock: { IgnorePublicAcls: true, BlockPublicAcls: true } }),
        { expected: { isPublic: true } },
      ),
      ...inBothZones(
        "S3 Block Public Access does not apply to a role trust policy",
        {
          resource: "role",
          policy: policy(assumeRole("*")),
          accountPublicAccessBlock: {
            BlockPublicAcls: true,
            IgnorePublicAcls: true,
            BlockPublicPolicy: true,
            RestrictPublicBuckets: true,
          },
        },
        { expected: { isPublic: true } },
      ),
      ...inBothZones(
        "ACL grant to AllUsers without IgnorePublicAcls",
        {
          resource: "bucket",
          policy: null,
          acl: { grants: [{ grantee: { type: "Group", uri: ALL_USERS }, permission: "READ" }] },
          bucketPublicAccessBlock: { BlockPublicAcls: true, RestrictPublicBuckets: true },
        },
        { expected: { isPublic: true } },
      ),
      ...inBothZones(
        "ACL grant to AllUsers with IgnorePublicAcls (bucket): cancelled",
        {
          resource: "bucket",
          policy: null,
          acl: { grants: [{ grantee: { type: "Group", uri: ALL_USERS }, permission: "READ" }] },
          bucketPublicAccessBlock: { IgnorePublicAcls: true },
        },
        {
          expected: { active: false, cancelledBy: [byBpa("bucket Block Public Access IgnorePublicAcls")] },
          activeRules: [],
        },
      ),
      ...inBothZones(
        "ACL grant to AuthenticatedUsers with IgnorePublicAcls (account): cancelled",
        {
          resource: "bucket",
          policy: null,
          acl: {
            grants: [{ grantee: { type: "Group", uri: AUTHENTICATED_USERS }, permission: "FULL_CONTROL" }],
          },
          accountPublicAccessBlock: { IgnorePublicAcls: true },
        },
        {
          expected: { active: false, cancelledBy: [byBpa("account Block Public Access IgnorePublicAcls")] },
          activeRules: [],
        },
      ),
      ...inZones(
        ["organization"],
        "an RCP on the owner's OU cancels a public bucket policy",
        { ...publicBucket(), organization: orgWithRcp([PROD_OU]) },
        { expected: { active: false, cancelledBy: [byRcp] }, activeRules: SERVICES_LEFT_IN },
      ),
      ...inZones(
        ["organization"],
        "an RCP on a parent OU applies to an account in a nested OU",
        {
          ...publicBucket(),
          organization: {
            ...orgWithRcp([PROD_OU]),
            ous: { [PROD_OU]: ROOT_ID, [NESTED_OU]: PROD_OU },
            accountParents: { [OWNER]: NESTED_OU },
          },
        },
        { expected: { active: false, cancelledBy: [byRcp] }, activeRules: SERVICES_LEFT_IN },
      ),
      ...inZones(
        ["organization"],
        "an RCP on the root applies to every member below it",
        { ...publicBucket(), organization: orgWithRcp([ROOT_ID]) },
        { expected: { active: false, cancelledBy: [byRcp] }, activeRules: SERVICES_LEFT_IN },
      ),
      ...inZones(
        ["organization"],
        "an RCP attached to the owner's account applies",
        { ...publicBucket(), organization: orgWithRcp([OWNER]) },
        { expected: { active: false, cancelledBy: [byRcp] }, activeRules: SERVICES_LEFT_IN },
      ),
      ...inZones(
        ["organization"],
        "an RCP on the owner's OU cancels a public trust policy (sts:*)",
        { resource: "role", policy: policy(assumeRole("*")), organization: orgWithRcp([PROD_OU]) },
        { expected: { active: false, cancelledBy: [byRcp] }, activeRules: SERVICES_LEFT_IN },
      ),
      ...inBothZones(
        "an RCP never applies in the management account",
        {
          ...publicBucket(),
          organization: orgWithRcp([ROOT_ID, PROD_OU, OWNER], IDENTITY_PERIMETER_RCP, OWNER),
        },
        { expected: { isPublic: true }, activeRules: ["public-access"] },
      ),
      ...inBothZones(
        "an RCP on a sibling OU does not apply",
        { ...publicBucket(), organization: orgWithRcp([SANDBOX_OU]) },
        { expected: { isPublic: true } },
      ),
      ...inBothZones(
        "an RCP that covers other actions only (sqs, kms) cancels nothing",
        {
          ...publicBucket(),
          organization: orgWithRcp([ROOT_ID], {
            Version: "2012-10-17",
            Statement: [
              {
                Sid: "EnforceOrgIdentitiesQueuesKeys",
                Effect: "Deny",
                Principal: "*",
                Action: ["sqs:*", "kms:*"],
                Resource: "*",
                Condition: { StringNotEqualsIfExists: { "aws:PrincipalOrgID": ORG } },
              },
            ],
          }),
        },
        { expected: { isPublic: true } },
      ),
      ...inBothZones(
        "SCPs restrict the organization's own principals only: an SCP denying everything is ignored",
        { ...publicBucket(), organization: orgWithRcp([]) },
        {
          expected: { isPublic: true },
          adjust: (snapshot) => {
            snapshot.organization?.policies.push({
              ...scpDenyAll,
              content: readPolicyDocument(parseJson(JSON.stringify(SCP_DENY_ALL), "organization.json"), {
                kind: "control-policy",
                problems: [],
              }),
            });
          },
        },
      ),
      ...inBothZones(
        "an RCP that only enforces TLS cancels nothing",
        {
          ...publicBucket(),
          organization: orgWithRcp([ROOT_ID], {
            Version: "2012-10-17",
            Statement: [
              {
                Sid: "EnforceSecureTransport",
                Effect: "Deny",
                Principal: "*",
                Action: "s3:*",
                Resource: "*",
                Condition: { BoolIfExists: { "aws:SecureTransport": "false" } },
              },
            ],
          }),
        },
        { expected: { isPublic: true } },
      ),
    ],
  });

  ruleTester("external-access", {
    valid: [
      ...inZones(["organization"], "Deny outside the org leaves nothing outside in the organization zone", {
        resource: "bucket",
        policy: policy(PUBLIC_READ, bucketDenyOutsideOrg),
      }),
    ],
    invalid: [
      ...inZones(
        ["account"],
        "Deny outside the org: the public Allow is narrowed to the organization in the account zone",
        { resource: "bucket", policy: policy(PUBLIC_READ, bucketDenyOutsideOrg) },
        { expected: { isPublic: false, judged: `organization ${ORG}` } },
      ),
      ...inBothZones(
        "Deny with NotPrincipal confines a public Allow to the listed outside account",
        {
          resource: "bucket",
          policy: policy(PUBLIC_READ, {
            Sid: "DenyAllButListed",
            Effect: "Deny",
            NotPrincipal: { AWS: [`arn:aws:iam::${OWNER}:root`, `arn:aws:iam::${OUTSIDE}:root`] },
            Action: "s3:*",
            Resource: [BUCKET_ARN, OBJECTS_ARN],
          }),
        },
        { expected: { isPublic: false, accounts: [OUTSIDE] } },
      ),
      ...inBothZones(
        "Deny naming the outside account cancels its trust, kept as cancelled",
        {
          resource: "role",
          policy: policy(assumeRole({ AWS: `arn:aws:iam::${OUTSIDE}:root` }, undefined, "VendorAccess"), {
            Sid: "DenyFormerVendor",
            Effect: "Deny",
            Principal: { AWS: OUTSIDE },
            Action: "sts:*",
          }),
        },
        {
          expected: { active: false, accounts: [OUTSIDE], cancelledBy: [byDeny("DenyFormerVendor")] },
          activeRules: [],
        },
      ),
      ...inBothZones(
        "Deny when StringNotEquals aws:SourceVpce narrows a public Allow to the endpoint (network, low)",
        {
          resource: "bucket",
          policy: policy(PUBLIC_READ, {
            Sid: "DenyOutsideVpce",
            Effect: "Deny",
            Principal: "*",
            Action: "s3:*",
            Resource: [BUCKET_ARN, OBJECTS_ARN],
            Condition: { StringNotEquals: { "aws:SourceVpce": "vpce-1a2b3c4d" } },
          }),
        },
        {
          expected: { isPublic: false, severity: "low", judged: "vpce-1a2b3c4d" },
          activeRules: ["external-access"],
        },
      ),
      ...inBothZones(
        "Deny with aws:SecureTransport false does not cancel a cross-account grant",
        { resource: "bucket", policy: policy(getObject({ AWS: OUTSIDE }), denyInsecureTransport) },
        { expected: { accounts: [OUTSIDE] } },
      ),
      ...inBothZones(
        "RestrictPublicBuckets does not cancel a non-public cross-account grant",
        {
          resource: "bucket",
          policy: policy(getObject({ AWS: `arn:aws:iam::${OUTSIDE}:root` })),
          bucketPublicAccessBlock: { RestrictPublicBuckets: true },
          accountPublicAccessBlock: { RestrictPublicBuckets: true },
        },
        { expected: { accounts: [OUTSIDE] }, activeRules: ["external-access"] },
      ),
      ...inBothZones(
        "RestrictPublicBuckets does not cancel a grant confined to a VPC endpoint (not public in S3's sense)",
        {
          resource: "bucket",
          policy: publicRead({ StringEquals: { "aws:SourceVpce": "vpce-1a2b3c4d" } }),
          bucketPublicAccessBlock: { RestrictPublicBuckets: true },
        },
        { expected: { isPublic: false, judged: "vpce-1a2b3c4d" } },
      ),
      ...inBothZones(
        "RestrictPublicBuckets on a public policy also cancels its cross-account statement",
        {
          resource: "bucket",
          policy: policy(PUBLIC_READ, {
            Sid: "PartnerUpload",
            Effect: "Allow",
            Principal: { AWS: `arn:aws:iam::${OUTSIDE}:root` },
            Action: "s3:PutObject",
            Resource: OBJECTS_ARN,
          }),
          bucketPublicAccessBlock: { RestrictPublicBuckets: true },
        },
        {
          expected: {
            active: false,
            accounts: [OUTSIDE],
            cancelledBy: [byBpa("bucket Block Public Access RestrictPublicBuckets")],
          },
          activeRules: SERVICES_LEFT_IN,
        },
      ),
      ...inBothZones(
        "IgnorePublicAcls does not cancel an ACL grant to another account's canonical user",
        {
          resource: "bucket",
          policy: null,
          acl: { grants: [{ grantee: { type: "CanonicalUser", id: CANONICAL_USER }, permission: "READ" }] },
          bucketPublicAccessBlock: { IgnorePublicAcls: true, BlockPublicAcls: true },
        },
        { expected: { judged: CANONICAL_USER } },
      ),
      ...inZones(
        ["account"],
        "an RCP on the owner's OU narrows a public bucket to the organization",
        { ...publicBucket(), organization: orgWithRcp([PROD_OU]) },
        { expected: { isPublic: false, judged: `organization ${ORG}` } },
      ),
      ...inBothZones(
        "an RCP on the owner's OU cancels a named outside account's trust",
        {
          resource: "role",
          policy: policy(assumeRole({ AWS: `arn:aws:iam::${OUTSIDE}:root` })),
          organization: orgWithRcp([PROD_OU]),
        },
        { expected: { active: false, accounts: [OUTSIDE], cancelledBy: [byRcp] }, activeRules: [] },
      ),
      ...inBothZones(
        "an RCP that covers other actions only does not cancel a cross-account trust",
        {
          resource: "role",
          policy: policy(assumeRole({ AWS: `arn:aws:iam::${OUTSIDE}:root` })),
          organization: orgWithRcp([PROD_OU], {
            Version: "2012-10-17",
            Statement: [
              {
                Effect: "Deny",
                Principal: "*",
                Action: "s3:*",
                Resource: "*",
                Condition: { StringNotEqualsIfExists: { "aws:PrincipalOrgID": ORG } },
              },
            ],
          }),
        },
        { expected: { accounts: [OUTSIDE] }, activeRules: ["external-access", "missing-external-id"] },
      ),
      ...inBothZones(
        "the management account's resources are never covered by RCPs",
        {
          resource: "role",
          policy: policy(assumeRole({ AWS: `arn:aws:iam::${OUTSIDE}:root` })),
          organization: orgWithRcp([ROOT_ID, PROD_OU], IDENTITY_PERIMETER_RCP, OWNER),
        },
        { expected: { accounts: [OUTSIDE] } },
      ),
    ],
  });

  ruleTester("missing-external-id", {
    valid: [],
    invalid: [
      ...inBothZones(
        "a Deny naming the outside account cancels the missing external ID too",
        {
          resource: "role",
          policy: policy(assumeRole({ AWS: `arn:aws:iam::${OUTSIDE}:root` }, undefined, "VendorAccess"), {
            Sid: "DenyFormerVendor",
            Effect: "Deny",
            Principal: { AWS: OUTSIDE },
            Action: "sts:*",
          }),
        },
        { expected: { active: false, accounts: [OUTSIDE], cancelledBy: [byDeny("DenyFormerVendor")] } },
      ),
      ...inBothZones(
        "an RCP on the owner's OU cancels the missing external ID too",
        {
          resource: "role",
          policy: policy(assumeRole({ AWS: `arn:aws:iam::${OUTSIDE}:root` })),
          organization: orgWithRcp([PROD_OU]),
        },
        { expected: { active: false, cancelledBy: [byRcp] } },
      ),
    ],
  });

  ruleTester("confused-deputy", {
    valid: [],
    invalid: [
      ...inBothZones(
        "a Deny when StringNotEquals aws:SourceAccount the owner cancels an unconfined service grant",
        {
          resource: "bucket",
          policy: policy(
            {
              Sid: "AWSCloudTrailWrite",
              Effect: "Allow",
              Principal: { Service: "cloudtrail.amazonaws.com" },
              Action: "s3:PutObject",
              Resource: OBJECTS_ARN,
            },
            {
              Sid: "DenyOtherSources",
              Effect: "Deny",
              Principal: "*",
              Action: "s3:PutObject",
              Resource: OBJECTS_ARN,
              Condition: { StringNotEquals: { "aws:SourceAccount": OWNER } },
            },
          ),
        },
        { expected: { active: false, cancelledBy: [byDeny("DenyOtherSources")] }, activeRules: [] },
      ),
      ...inBothZones(
        "RestrictPublicBuckets leaves AWS services their access: an unconfined service grant stays active",
        {
          resource: "bucket",
          policy: policy(PUBLIC_READ, {
            Sid: "AWSCloudTrailWrite",
            Effect: "Allow",
            Principal: { Service: "cloudtrail.amazonaws.com" },
            Action: "s3:PutObject",
            Resource: OBJECTS_ARN,
          }),
          bucketPublicAccessBlock: { RestrictPublicBuckets: true },
        },
        // One per statement: the CloudTrail grant, and the public read that RestrictPublicBuckets narrows to services.
        { expected: { severity: "medium", count: 2 }, activeRules: ["confused-deputy"] },
      ),
    ],
  });

  ruleTester("unscoped-federation", {
    valid: [],
    invalid: [
      ...inBothZones(
        "an unconditional Deny of sts:AssumeRoleWithWebIdentity cancels an unscoped GitHub trust",
        {
          resource: "role",
          policy: policy(githubUnscoped, {
            Sid: "DenyWebIdentity",
            Effect: "Deny",
            Principal: "*",
            Action: "sts:AssumeRoleWithWebIdentity",
          }),
        },
        { expected: { active: false, cancelledBy: [byDeny("DenyWebIdentity")] }, activeRules: [] },
      ),
      ...inBothZones(
        "a Deny of sts:AssumeRole only leaves the web identity trust open",
        {
          resource: "role",
          policy: policy(githubUnscoped, {
            Sid: "DenyAssumeRole",
            Effect: "Deny",
            Principal: "*",
            Action: "sts:AssumeRole",
          }),
        },
        { expected: { severity: "critical" }, activeRules: ["unscoped-federation"] },
      ),
    ],
  });
});
