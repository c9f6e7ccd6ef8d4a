/**
 * Issue 7's cases, one row each: Deny statements that only look like they cover a grant (they must not cancel it),
 * Deny statements that really do (they must), and grants that reach nobody (no finding). Bucket
 * `amzn-s3-demo-bucket` of account 111122223333 unless a row says otherwise.
 */
import { describe, expect, it } from "vitest";
import { scanSnapshot } from "../../src/engine/scan.js";
import { snapshotForCase } from "../helpers/scan-policy.js";
import { BOTH_ZONES, inBothZones, inZones, ruleTester } from "./rule-tester.js";
import {
  BUCKET,
  BUCKET_ARN,
  OBJECTS_ARN,
  ORG,
  OWNER,
  assumeRole,
  getObject,
  policy,
  publicRead,
  type Statement,
} from "./policies.js";

const VENDOR = "222244446666";

function allowAnyone(action: string | string[], resource: string | string[]): Statement {
  return { Sid: "AllowAnyone", Effect: "Allow", Principal: "*", Action: action, Resource: resource };
}

function denyAnyone(fields: Record<string, unknown>): Statement {
  return { Sid: "Guard", Effect: "Deny", Principal: "*", ...fields };
}

const readerOnly = {
  Sid: "VendorReader",
  Effect: "Allow",
  Principal: { AWS: VENDOR },
  Action: "s3:GetObject",
  Resource: OBJECTS_ARN,
  Condition: { StringEquals: { "aws:PrincipalArn": `arn:aws:iam::${VENDOR}:role/reader` } },
};

describe("issue 7: a Deny that does not cover the grant never cancels it", () => {
  ruleTester("public-access", {
    valid: [
      ...inBothZones(
        "Deny on the very pattern the grant uses cancels it",
        {
          resource: "bucket",
          policy: policy(
            allowAnyone("s3:GetObject", `${BUCKET_ARN}/public/*`),
            denyAnyone({ Action: "s3:GetObject", Resource: `${BUCKET_ARN}/public/*` }),
          ),
        },
        { cancelled: 1 },
      ),
      ...inBothZones(
        "Deny NotAction that leaves out no action of the grant cancels it",
        {
          resource: "bucket",
          policy: policy(
            allowAnyone("s3:GetObject", OBJECTS_ARN),
            denyAnyone({ NotAction: "s3:Put*", Resource: OBJECTS_ARN }),
          ),
        },
        { cancelled: 1 },
      ),
      // Item 5: compared with the resource's own ARNs, Resource "*" of an object action is exactly the objects.
      ...inBothZones(
        "Allow on Resource * for an object action, Deny on every object",
        {
          resource: "bucket",
          policy: policy(
            allowAnyone("s3:GetObject", "*"),
            denyAnyone({ Action: "s3:GetObject", Resource: OBJECTS_ARN }),
          ),
        },
        { cancelled: 1 },
      ),
      ...inBothZones(
        "Deny over two patterns that together take in every object key",
        {
          resource: "bucket",
          policy: policy(
            allowAnyone("s3:GetObject", OBJECTS_ARN),
            denyAnyone({ Action: "s3:GetObject", Resource: [`${BUCKET_ARN}/a*`, `${BUCKET_ARN}/?*`] }),
          ),
        },
        { cancelled: 1 },
      ),
      ...inBothZones(
        "Deny NotResource on the empty key excludes no object (keys have at least one character)",
        {
          resource: "bucket",
          policy: policy(
            allowAnyone("s3:GetObject", OBJECTS_ARN),
            denyAnyone({ Action: "s3:GetObject", NotResource: `${BUCKET_ARN}/` }),
          ),
        },
        { cancelled: 1 },
      ),
      // Item 2: wildcard values that match no real account or organization id confine to nobody.
      ...inBothZones("aws:PrincipalAccount with 11 characters matches no account", {
        resource: "bucket",
        policy: publicRead({ StringLike: { "aws:PrincipalAccount": "0123456789?" } }),
      }),
      ...inBothZones("aws:PrincipalOrgID x-* matches no organization", {
        resource: "bucket",
        policy: publicRead({ StringLike: { "aws:PrincipalOrgID": "x-*" } }),
      }),
    ],
    invalid: [
      ...inBothZones(
        "Deny on keys of one character does not cover the grant's * (a ? is not a *)",
        {
          resource: "bucket",
          policy: policy(
            allowAnyone("s3:GetObject", `arn:aws:s3:::public-data/*`),
            denyAnyone({ Action: "s3:GetObject", Resource: "arn:aws:s3:::public-data/?" }),
          ),
          bucketName: "public-data",
        },
        { expected: { severity: "high" } },
      ),
      ...inBothZones(
        "Deny NotResource public/* leaves the grant on public/x.pdf in place",
        {
          resource: "bucket",
          policy: policy(
            allowAnyone("s3:GetObject", "arn:aws:s3:::pub-pdf/*.pdf"),
            denyAnyone({ Action: "s3:GetObject", NotResource: "arn:aws:s3:::pub-pdf/public/*" }),
          ),
          bucketName: "pub-pdf",
        },
        { expected: {} },
      ),
      ...inBothZones(
        "Deny NotAction s3:*Object leaves s3:GetObject of an s3:Get* grant in place",
        {
          resource: "bucket",
          policy: policy(
            allowAnyone("s3:Get*", [BUCKET_ARN, OBJECTS_ARN]),
            denyAnyone({ NotAction: "s3:*Object", Resource: [BUCKET_ARN, OBJECTS_ARN] }),
          ),
        },
        { expected: {} },
      ),
      ...inBothZones(
        "Deny on some objects only leaves the grant on the others",
        {
          resource: "bucket",
          policy: policy(
            allowAnyone("s3:GetObject", "*"),
            denyAnyone({ Action: "s3:GetObject", Resource: `${BUCKET_ARN}/private/*` }),
          ),
        },
        { expected: {} },
      ),
      ...inBothZones(
        "Deny on the objects does not cover a grant of s3:ListBucket, a bucket action",
        {
          resource: "bucket",
          policy: policy(
            allowAnyone("s3:ListBucket", "*"),
            denyAnyone({ Action: "s3:ListBucket", Resource: OBJECTS_ARN }),
          ),
        },
        { expected: {} },
      ),
      // A crafted pattern: decided without backtracking, and the Deny does not cover the literal key.
      ...inBothZones(
        "hostile Deny pattern against a long literal key",
        {
          resource: "bucket",
          policy: policy(
            allowAnyone("s3:GetObject", `${BUCKET_ARN}/${"a".repeat(4000)}`),
            denyAnyone({ Action: "s3:GetObject", Resource: `${BUCKET_ARN}/${"*a".repeat(12)}*b` }),
          ),
        },
        { expected: {} },
      ),
      // S3 counts a grant under a fixed KMS key as non-public, so RestrictPublicBuckets does not touch it, while the
      // key is the caller's own choice (S3 User Guide, The meaning of "public").
      ...inBothZones(
        "RestrictPublicBuckets leaves a policy S3 does not count as public: a fixed KMS key condition",
        {
          resource: "bucket",
          policy: publicRead({
            StringEquals: {
              "s3:x-amz-server-side-encryption-aws-kms-key-id": "arn:aws:kms:us-east-1:111122223333:key/k",
            },
          }),
          accountPublicAccessBlock: { RestrictPublicBuckets: true },
        },
        { expected: {} },
      ),
      ...inBothZones(
        "a policy variable in a Deny's Resource proves no coverage",
        {
          resource: "bucket",
          policy: policy(
            allowAnyone("s3:GetObject", OBJECTS_ARN),
            denyAnyone({ Action: "s3:GetObject", Resource: `${BUCKET_ARN}/\${aws:username}/*` }),
          ),
        },
        { expected: {} },
      ),
      ...inBothZones("aws:PrincipalAccount ???????????? matches every account", {
        resource: "bucket",
        policy: publicRead({ StringLike: { "aws:PrincipalAccount": "????????????" } }),
      }),
    ],
  });

  ruleTester("external-access", {
    valid: [
      // Item 1: the Deny on aws:PrincipalArn covers the one principal the Allow admits.
      ...inBothZones(
        "Allow one role of the vendor, Deny every role of the vendor by aws:PrincipalArn",
        {
          resource: "bucket",
          policy: policy(
            readerOnly,
            denyAnyone({
              Action: "s3:*",
              Resource: [BUCKET_ARN, OBJECTS_ARN],
              Condition: { ArnLike: { "aws:PrincipalArn": `arn:aws:iam::${VENDOR}:role/*` } },
            }),
          ),
        },
        { cancelled: 1 },
      ),
      ...inBothZones(
        "Allow a role in Principal, Deny the same role by aws:PrincipalArn",
        {
          resource: "role",
          policy: policy(assumeRole({ AWS: `arn:aws:iam::${VENDOR}:role/deployer` }), {
            Effect: "Deny",
            Principal: "*",
            Action: "sts:AssumeRole",
            Condition: { StringEquals: { "aws:PrincipalArn": `arn:aws:iam::${VENDOR}:role/deployer` } },
          }),
        },
        { cancelled: 1 },
      ),
    ],
    invalid: [
      ...inBothZones(
        "Deny on another role of the vendor leaves the reader's access",
        {
          resource: "bucket",
          policy: policy(
            readerOnly,
            denyAnyone({
              Action: "s3:*",
              Resource: [BUCKET_ARN, OBJECTS_ARN],
              Condition: { ArnLike: { "aws:PrincipalArn": `arn:aws:iam::${VENDOR}:role/writer*` } },
            }),
          ),
        },
        { expected: { accounts: [VENDOR] } },
      ),
      ...inBothZones(
        "Deny naming the role in Principal (not the vendor's other principals) leaves the account-wide grant",
        {
          resource: "bucket",
          policy: policy(getObject({ AWS: VENDOR }), {
            Effect: "Deny",
            Principal: { AWS: `arn:aws:iam::${VENDOR}:role/reader` },
            Action: "s3:GetObject",
            Resource: OBJECTS_ARN,
          }),
        },
        { expected: { accounts: [VENDOR] } },
      ),
      // Item 6: in the account zone, a grant to the organization is external even when no other account is in it.
      ...inZones(
        ["account"],
        "organization with no other member: aws:PrincipalOrgID is still outside the account zone",
        {
          resource: "bucket",
          policy: publicRead({ StringEquals: { "aws:PrincipalOrgID": ORG } }),
          organization: { id: ORG, accounts: [OWNER] },
        },
        { expected: { message: `organization ${ORG}` } },
      ),
      ...inZones(
        ["account"],
        "an OU path with no account under it today is outside the account zone",
        {
          resource: "bucket",
          policy: publicRead({
            "ForAnyValue:StringLike": { "aws:PrincipalOrgPaths": `${ORG}/r-a1b2/ou-a1b2-prod0000/*` },
          }),
        },
        { expected: { message: `organization ${ORG}` } },
      ),
    ],
  });

  ruleTester("confused-deputy", {
    valid: [
      ...inBothZones("aws:SourceAccount with 11 characters matches no account: the service acts for nobody", {
        resource: "bucket",
        policy: policy({
          Effect: "Allow",
          Principal: { Service: "cloudtrail.amazonaws.com" },
          Action: "s3:PutObject",
          Resource: OBJECTS_ARN,
          Condition: { StringLike: { "aws:SourceAccount": "0123456789?" } },
        }),
      }),
      // Item 3: ARN operators compare the six components; this value has no resource component.
      ...inBothZones("ArnLike aws:SourceArn arn:aws:iam::* matches no source ARN", {
        resource: "role",
        policy: policy(
          assumeRole(
            { Service: "scheduler.amazonaws.com" },
            { ArnLike: { "aws:SourceArn": "arn:aws:iam::*" } },
          ),
        ),
      }),
    ],
    invalid: [
      ...inZones(
        BOTH_ZONES,
        "StringLike aws:SourceArn arn:aws:iam::* (a string pattern) matches any IAM ARN",
        {
          resource: "bucket",
          policy: policy({
            Effect: "Allow",
            Principal: { Service: "cloudtrail.amazonaws.com" },
            Action: "s3:PutObject",
            Resource: OBJECTS_ARN,
            Condition: { StringLike: { "aws:SourceArn": "arn:aws:iam::*" } },
          }),
        },
      ),
    ],
  });
});

describe("issue 7, item 4: federated principals come in only through their provider's assume action", () => {
  const github = `arn:aws:iam::${OWNER}:oidc-provider/token.actions.githubusercontent.com`;
  const samlProvider = `arn:aws:iam::${OWNER}:saml-provider/ExampleOrgSSOProvider`;
  const federated = (provider: string, action: string | string[]): Statement => ({
    Effect: "Allow",
    Principal: { Federated: provider },
    Action: action,
  });
  const denyFederated = (provider: string, action: string): Statement => ({
    Sid: "NoFederation",
    Effect: "Deny",
    Principal: { Federated: provider },
    Action: action,
  });

  ruleTester("unscoped-federation", {
    valid: [
      ...inBothZones(
        "an OIDC provider given only sts:AssumeRole admits nobody",
        { resource: "role", policy: policy(federated(github, "sts:AssumeRole")) },
        { activeRules: [], cancelled: 0 },
      ),
      ...inBothZones(
        "a SAML provider given only sts:AssumeRoleWithWebIdentity admits nobody",
        { resource: "role", policy: policy(federated(samlProvider, "sts:AssumeRoleWithWebIdentity")) },
        { activeRules: [], cancelled: 0 },
      ),
      ...inBothZones(
        "a Deny naming the same Federated principal cancels the Allow",
        {
          resource: "role",
          policy: policy(
            federated(github, "sts:AssumeRoleWithWebIdentity"),
            denyFederated(github, "sts:AssumeRoleWithWebIdentity"),
          ),
        },
        { activeRules: [], cancelled: 1 },
      ),
      ...inBothZones(
        "a Federated principal in a bucket policy never matches an S3 request",
        {
          resource: "bucket",
          policy: policy({ ...federated(github, "s3:GetObject"), Resource: OBJECTS_ARN }),
        },
        { activeRules: [], cancelled: 0 },
      ),
    ],
    invalid: [
      ...inBothZones(
        "a Deny naming another provider leaves the grant",
        {
          resource: "role",
          policy: policy(
            federated(github, "sts:AssumeRoleWithWebIdentity"),
            denyFederated(
              `arn:aws:iam::${OWNER}:oidc-provider/auth.example.com`,
              "sts:AssumeRoleWithWebIdentity",
            ),
          ),
        },
        { expected: { severity: "critical" } },
      ),
      ...inBothZones(
        "a Deny of sts:AssumeRole does not cover the web identity entry",
        {
          resource: "role",
          policy: policy(
            federated(github, ["sts:AssumeRole", "sts:AssumeRoleWithWebIdentity"]),
            denyFederated(github, "sts:AssumeRole"),
          ),
        },
        { expected: {} },
      ),
    ],
  });
});

describe("issue 7: a policy past the analysis budget is reported conservatively, never a hang", () => {
  const statements: Statement[] = [];
  for (let i = 0; i < 40; i++) {
    statements.push(getObject({ AWS: `arn:aws:iam::${String(100000000000 + i)}:root` }), {
      Effect: "Deny",
      Principal: "*",
      Action: "s3:GetObject",
      Resource: OBJECTS_ARN,
      Condition: { StringNotEquals: { "aws:PrincipalAccount": String(200000000000 + i) } },
    });
  }
  const snapshot = snapshotForCase({
    resource: "bucket",
    zone: "account",
    bucketName: BUCKET,
    policy: policy(...statements),
  });

  it("within the default budget, the same policy is analysed in full", () => {
    const result = scanSnapshot(snapshot, { zone: "account" });
    expect(result.readProblems).toEqual([]);
    expect(result.findings.filter((f) => f.ruleId === "external-access")).toHaveLength(40);
  });

  it("past a small budget: one public-access finding that says why, and an analysis-budget problem", () => {
    const result = scanSnapshot(snapshot, { zone: "account", budgetLimit: 2_000 });
    expect(result.findings).toHaveLength(1);
    const [finding] = result.findings;
    expect(finding?.ruleId).toBe("public-access");
    expect(finding?.cancelledBy).toEqual([]);
    expect(finding?.message).toContain("could not be analysed within the analysis budget (2000 work units)");
    expect(result.readProblems).toEqual([
      expect.objectContaining({ kind: "analysis-budget", message: expect.stringContaining(BUCKET_ARN) }),
    ]);
  });
});

describe("issue 7: gaps found while writing docs/semantics.md", () => {
  ruleTester("public-access", {
    valid: [],
    invalid: [
      // A wildcard in the first five ARN components stays within its component: `arn:*s3:::…` is no S3 ARN.
      ...inBothZones(
        "a Deny whose Resource wildcard would have to run across colons covers nothing",
        {
          resource: "bucket",
          policy: policy(
            allowAnyone("s3:GetObject", OBJECTS_ARN),
            denyAnyone({ Action: "s3:GetObject", Resource: `arn:*s3:::${BUCKET}/*` }),
          ),
        },
        { expected: {} },
      ),
      // `${*}` is a literal `*` in AWS: a Deny value holding it proves nothing.
      ...inBothZones(
        "a Deny value with ${*} proves nothing",
        {
          resource: "bucket",
          policy: policy(getObject({ AWS: VENDOR }), {
            Effect: "Deny",
            Principal: "*",
            Action: "s3:GetObject",
            Resource: OBJECTS_ARN,
            Condition: { StringLike: { "aws:PrincipalAccount": "2222${*}" } },
          }),
        },
        { expected: { count: 0 }, activeRules: ["external-access"] },
      ),
      // Whether IAM takes "False" for "false" is not documented: such a Deny proves nothing.
      ...inBothZones(
        'a Deny on Bool "False" proves nothing',
        {
          resource: "bucket",
          policy: policy(allowAnyone("s3:GetObject", OBJECTS_ARN), {
            Effect: "Deny",
            Principal: "*",
            Action: "s3:GetObject",
            Resource: OBJECTS_ARN,
            Condition: { Bool: { "aws:SecureTransport": "True" } },
          }),
        },
        { expected: {} },
      ),
    ],
  });

  ruleTester("external-access", {
    valid: [],
    invalid: [
      ...inBothZones(
        "an ACL grant to an e-mail address reaches an account of its own",
        {
          resource: "bucket",
          policy: null,
          acl: {
            grants: [
              {
                grantee: { type: "AmazonCustomerByEmail", email: "partner@example.com" },
                permission: "READ",
              },
            ],
          },
        },
        { expected: { judged: "partner@example.com" } },
      ),
    ],
  });
});

describe("missing-external-id speaks of the accounts the granting statement names", () => {
  const throughEndpoint = assumeRole("*", { StringEquals: { "aws:SourceVpce": "vpce-1a2b3c4d" } });
  ruleTester("missing-external-id", {
    valid: [
      // A Deny that only mentions an account does not make it one the grant names.
      ...inBothZones("an account named only by a Deny", {
        resource: "role",
        policy: policy(throughEndpoint, {
          Effect: "Deny",
          Principal: { AWS: `arn:aws:iam::${VENDOR}:role/reader` },
          NotAction: "sts:AssumeRole",
        }),
      }),
    ],
    invalid: [
      ...inBothZones(
        "the account the granting statement names",
        {
          resource: "role",
          policy: policy(assumeRole({ AWS: VENDOR })),
        },
        { expected: { accounts: [VENDOR] } },
      ),
    ],
  });
});
