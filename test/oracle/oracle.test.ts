/**
 * The oracle's own table: cases whose answer the AWS documentation settles, each with the page it comes from. If the
 * oracle is wrong, the differential properties that lean on it are worthless, so these rows are its ground truth.
 */
import { describe, expect, it } from "vitest";
import type { ConditionClause } from "../../src/model/policy.js";
import { clauseHolds, OracleUnsupportedError, parseConditionOperator } from "./conditions.js";
import { evaluate, type OracleSetup } from "./evaluate.js";
import { policyDocument } from "./policy.js";
import { OracleInvalidPrincipalError } from "./principals.js";
import { requestContext, rootOf, type OraclePrincipal, type OracleRequest } from "./request.js";

const OWNER = "111122223333";
const OTHER = "444455556666";
const BUCKET = "arn:aws:s3:::amzn-s3-demo-bucket";
const ROLE = `arn:aws:iam::${OWNER}:role/case-role`;

const anonymous: OraclePrincipal = { kind: "anonymous" };
const otherRoot: OraclePrincipal = { kind: "iam", account: OTHER, arn: rootOf(OTHER) };
const otherRole = (name = "reader", extra: object = {}): OraclePrincipal => ({
  kind: "iam",
  account: OTHER,
  arn: `arn:aws:iam::${OTHER}:role/${name}`,
  ...extra,
});
const otherUser: OraclePrincipal = { kind: "iam", account: OTHER, arn: `arn:aws:iam::${OTHER}:user/bob` };

function bucketSetup(statements: unknown[], extra: Partial<OracleSetup> = {}): OracleSetup {
  return {
    resourceType: "bucket",
    resourceArn: BUCKET,
    ownerAccount: OWNER,
    policy: policyDocument({ Version: "2012-10-17", Statement: statements }),
    acl: null,
    restrictPublicBuckets: false,
    ignorePublicAcls: false,
    rcps: [],
    ...extra,
  };
}

function roleSetup(statements: unknown[], extra: Partial<OracleSetup> = {}): OracleSetup {
  return {
    ...bucketSetup(statements, extra),
    resourceType: "role",
    resourceArn: ROLE,
    policy: policyDocument({ Version: "2012-10-17", Statement: statements }, "trust-policy"),
    ...extra,
  };
}

const getObject = (
  principal: OraclePrincipal,
  key = "k",
  context: OracleRequest["context"] = {},
): OracleRequest => ({
  principal,
  action: "s3:GetObject",
  resource: `${BUCKET}/${key}`,
  context,
});
const assumeRole = (principal: OraclePrincipal, context: OracleRequest["context"] = {}): OracleRequest => ({
  principal,
  action: "sts:AssumeRole",
  resource: ROLE,
  context,
});

const PUBLIC_READ = { Effect: "Allow", Principal: "*", Action: "s3:GetObject", Resource: `${BUCKET}/*` };

interface Row {
  name: string;
  /** The AWS page the expected verdict comes from. */
  source: string;
  setup: OracleSetup;
  request: OracleRequest;
  allowed: boolean;
}

const ROWS: Row[] = [
  {
    name: 'Principal "*" admits anonymous callers',
    source: "S3 User Guide, Principals (grant anonymous permission)",
    setup: bucketSetup([PUBLIC_READ]),
    request: getObject(anonymous),
    allowed: true,
  },
  {
    name: "no statement matches: implicit deny",
    source: "IAM User Guide, Policy evaluation logic",
    setup: bucketSetup([PUBLIC_READ]),
    request: { principal: anonymous, action: "s3:PutObject", resource: `${BUCKET}/k` },
    allowed: false,
  },
  {
    name: "an explicit Deny overrides an Allow",
    source: "IAM User Guide, Policy evaluation logic",
    setup: bucketSetup([PUBLIC_READ, { ...PUBLIC_READ, Effect: "Deny", Resource: `${BUCKET}/secret/*` }]),
    request: getObject(anonymous, "secret/x"),
    allowed: false,
  },
  {
    name: "a Deny on one-character keys leaves longer keys (and a literal * key is one character)",
    source: "IAM User Guide, Resource element (wildcards)",
    setup: bucketSetup([PUBLIC_READ, { ...PUBLIC_READ, Effect: "Deny", Resource: `${BUCKET}/?` }]),
    request: getObject(anonymous, "ab"),
    allowed: true,
  },
  {
    name: "action names are case-insensitive",
    source: "IAM User Guide, Action element",
    setup: bucketSetup([{ ...PUBLIC_READ, Action: "S3:getobject" }]),
    request: getObject(anonymous),
    allowed: true,
  },
  {
    name: "resource ARNs are case-sensitive",
    source: "IAM User Guide, IAM identifiers (ARNs)",
    setup: bucketSetup([{ ...PUBLIC_READ, Resource: `${BUCKET}/Public/*` }]),
    request: getObject(anonymous, "public/x"),
    allowed: false,
  },
  {
    name: "NotAction: a Deny of everything but s3:*Object leaves s3:GetObjectAcl denied",
    source: "IAM User Guide, NotAction element",
    setup: bucketSetup([
      { ...PUBLIC_READ, Action: "s3:Get*" },
      { ...PUBLIC_READ, Effect: "Deny", Action: undefined, NotAction: "s3:*Object" },
    ]),
    request: { principal: anonymous, action: "s3:GetObjectAcl", resource: `${BUCKET}/k` },
    allowed: false,
  },
  {
    name: "NotResource: a Deny outside a prefix leaves the prefix",
    source: "IAM User Guide, NotResource element",
    setup: bucketSetup([
      { ...PUBLIC_READ, Resource: `${BUCKET}/*.pdf` },
      { ...PUBLIC_READ, Effect: "Deny", Resource: undefined, NotResource: `${BUCKET}/public/*` },
    ]),
    request: getObject(anonymous, "public/a.pdf"),
    allowed: true,
  },
  {
    name: "an account id in Principal means every principal of that account",
    source: "IAM User Guide, Principal element (AWS account principals)",
    setup: roleSetup([{ Effect: "Allow", Principal: { AWS: OTHER }, Action: "sts:AssumeRole" }]),
    request: assumeRole(otherRole("anything")),
    allowed: true,
  },
  {
    name: "the :root ARN is the same as the account id",
    source: "IAM User Guide, Principal element (AWS account principals)",
    setup: roleSetup([{ Effect: "Allow", Principal: { AWS: rootOf(OTHER) }, Action: "sts:AssumeRole" }]),
    request: assumeRole(otherUser),
    allowed: true,
  },
  {
    name: "a role ARN in Principal admits that role's sessions only",
    source: "IAM User Guide, Principal element (IAM role principals)",
    setup: roleSetup([
      { Effect: "Allow", Principal: { AWS: `arn:aws:iam::${OTHER}:role/reader` }, Action: "sts:AssumeRole" },
    ]),
    request: assumeRole(otherRole("writer")),
    allowed: false,
  },
  {
    name: "an assumed-role session ARN admits that session",
    source: "IAM User Guide, Principal element (role session principals)",
    setup: roleSetup([
      {
        Effect: "Allow",
        Principal: { AWS: `arn:aws:sts::${OTHER}:assumed-role/reader/alice` },
        Action: "sts:AssumeRole",
      },
    ]),
    request: assumeRole(otherRole("reader", { sessionName: "alice" })),
    allowed: true,
  },
  {
    name: "STS does not take unsigned AssumeRole calls, whatever the trust policy says",
    source: "STS API Reference, AssumeRole (requires credentials)",
    setup: roleSetup([{ Effect: "Allow", Principal: "*", Action: "sts:AssumeRole" }]),
    request: assumeRole(anonymous),
    allowed: false,
  },
  {
    name: "a service principal is named by Service",
    source: "IAM User Guide, Principal element (AWS service principals)",
    setup: bucketSetup([
      {
        Effect: "Allow",
        Principal: { Service: "cloudtrail.amazonaws.com" },
        Action: "s3:PutObject",
        Resource: `${BUCKET}/*`,
      },
    ]),
    request: {
      principal: { kind: "service", service: "cloudtrail.amazonaws.com", sourceAccount: OTHER },
      action: "s3:PutObject",
      resource: `${BUCKET}/AWSLogs/x`,
    },
    allowed: true,
  },
  {
    name: "an account principal does not name a service acting for that account",
    source: "IAM User Guide, Principal element",
    setup: bucketSetup([{ ...PUBLIC_READ, Principal: { AWS: OTHER } }]),
    request: getObject({ kind: "service", service: "sns.amazonaws.com", sourceAccount: OTHER }),
    allowed: false,
  },
  {
    name: "CanonicalUser names the account with that canonical id",
    source: "S3 User Guide, Principals (canonical user ID)",
    setup: bucketSetup([
      { ...PUBLIC_READ, Principal: { CanonicalUser: "79a59df900b949e55d96a1e698fbaced" } },
    ]),
    request: getObject({
      ...otherRoot,
      canonicalUserId: "79a59df900b949e55d96a1e698fbaced",
    } as OraclePrincipal),
    allowed: true,
  },
  {
    name: "Deny with NotPrincipal naming only a role: AWS might deny the role too; the oracle takes the reading that grants",
    source:
      "IAM User Guide, NotPrincipal element (specify the account ARN too: AWS might validate the account first)",
    setup: bucketSetup([
      { ...PUBLIC_READ, Principal: { AWS: OTHER } },
      {
        ...PUBLIC_READ,
        Effect: "Deny",
        Principal: undefined,
        NotPrincipal: { AWS: `arn:aws:iam::${OTHER}:role/reader` },
      },
    ]),
    request: getObject(otherRole("reader")),
    allowed: true,
  },
  {
    name: "Deny with NotPrincipal naming a role denies the other roles of its account",
    source: "IAM User Guide, NotPrincipal element",
    setup: bucketSetup([
      { ...PUBLIC_READ, Principal: { AWS: OTHER } },
      {
        ...PUBLIC_READ,
        Effect: "Deny",
        Principal: undefined,
        NotPrincipal: { AWS: `arn:aws:iam::${OTHER}:role/reader` },
      },
    ]),
    request: getObject(otherRole("writer")),
    allowed: false,
  },
  {
    name: "Deny with NotPrincipal naming the role and its account exempts the role's sessions",
    source: "IAM User Guide, NotPrincipal element (specify the account ARN too)",
    setup: bucketSetup([
      { ...PUBLIC_READ, Principal: { AWS: OTHER } },
      {
        ...PUBLIC_READ,
        Effect: "Deny",
        Principal: undefined,
        NotPrincipal: {
          AWS: [
            `arn:aws:iam::${OTHER}:role/reader`,
            rootOf(OTHER),
            `arn:aws:sts::${OTHER}:assumed-role/reader/session`,
          ],
        },
      },
    ]),
    request: getObject(otherRole("reader")),
    allowed: true,
  },
  {
    name: "StringEquals aws:PrincipalOrgID confines to the organization",
    source: "IAM User Guide, AWS global condition context keys (aws:PrincipalOrgID)",
    setup: bucketSetup([
      { ...PUBLIC_READ, Condition: { StringEquals: { "aws:PrincipalOrgID": "o-a1b2c3d4e5" } } },
    ]),
    request: getObject(otherRole("x", { orgId: "o-zzzzzzzzzz", orgPath: "o-zzzzzzzzzz/r-zzzz/" })),
    allowed: false,
  },
  {
    name: "aws:PrincipalOrgPaths with StringLike and a path prefix",
    source: "IAM User Guide, AWS global condition context keys (aws:PrincipalOrgPaths)",
    setup: bucketSetup([
      {
        ...PUBLIC_READ,
        Condition: {
          "ForAnyValue:StringLike": { "aws:PrincipalOrgPaths": "o-a1b2c3d4e5/r-ab12/ou-ab12-11111111/*" },
        },
      },
    ]),
    request: getObject(
      otherRole("x", {
        orgId: "o-a1b2c3d4e5",
        orgPath: "o-a1b2c3d4e5/r-ab12/ou-ab12-11111111/ou-ab12-22222222/",
      }),
    ),
    allowed: true,
  },
  {
    name: "aws:SourceAccount is absent on a direct call by a principal: a positive condition shuts it out",
    source: "IAM User Guide, AWS global condition context keys (aws:SourceAccount)",
    setup: bucketSetup([{ ...PUBLIC_READ, Condition: { StringEquals: { "aws:SourceAccount": OTHER } } }]),
    request: getObject(otherRoot),
    allowed: false,
  },
  {
    name: "ArnLike aws:SourceArn compares ARN parts: a wildcard account part matches the topic's account",
    source: "IAM User Guide, Condition operators (ARN condition operators)",
    setup: roleSetup([
      {
        Effect: "Allow",
        Principal: { Service: "sns.amazonaws.com" },
        Action: "sts:AssumeRole",
        Condition: { ArnLike: { "aws:SourceArn": "arn:aws:sns:*:*:alerts" } },
      },
    ]),
    request: assumeRole({
      kind: "service",
      service: "sns.amazonaws.com",
      sourceArn: `arn:aws:sns:us-east-1:${OTHER}:alerts`,
    }),
    allowed: true,
  },
  {
    name: "ArnLike with a value of fewer than six parts matches no ARN",
    source: "IAM User Guide, Condition operators (ARN condition operators: each of the six parts)",
    setup: roleSetup([
      {
        Effect: "Allow",
        Principal: { Service: "sns.amazonaws.com" },
        Action: "sts:AssumeRole",
        Condition: { ArnLike: { "aws:SourceArn": "arn:aws:iam::*" } },
      },
    ]),
    request: assumeRole({
      kind: "service",
      service: "sns.amazonaws.com",
      sourceArn: `arn:aws:iam::${OTHER}:role/x`,
    }),
    allowed: false,
  },
  {
    name: "IpAddress aws:SourceIp with a CIDR",
    source: "IAM User Guide, Condition operators (IP address condition operators)",
    setup: bucketSetup([{ ...PUBLIC_READ, Condition: { IpAddress: { "aws:SourceIp": "203.0.113.0/24" } } }]),
    request: getObject(anonymous, "k", { "aws:SourceIp": "203.0.113.77" }),
    allowed: true,
  },
  {
    name: "IpAddress is false through a VPC endpoint (no aws:SourceIp)",
    source: "IAM User Guide, AWS global condition context keys (aws:SourceIp)",
    setup: bucketSetup([{ ...PUBLIC_READ, Condition: { IpAddress: { "aws:SourceIp": "203.0.113.0/24" } } }]),
    request: getObject(anonymous, "k", { "aws:SourceVpce": "vpce-1a2b3c4d" }),
    allowed: false,
  },
  {
    name: "condition keys are case-insensitive",
    source: "IAM User Guide, Condition element (key names are not case-sensitive)",
    setup: bucketSetup([
      { ...PUBLIC_READ, Condition: { StringEquals: { "AWS:SOURCEVPCE": "vpce-1a2b3c4d" } } },
    ]),
    request: getObject(anonymous, "k", { "aws:SourceVpce": "vpce-1a2b3c4d" }),
    allowed: true,
  },
  {
    name: "RestrictPublicBuckets: a public policy admits only the owner's principals and services",
    source: "S3 User Guide, Blocking public access (RestrictPublicBuckets)",
    setup: bucketSetup([PUBLIC_READ, { ...PUBLIC_READ, Principal: { AWS: OTHER } }], {
      restrictPublicBuckets: true,
    }),
    request: getObject(otherRoot),
    allowed: false,
  },
  {
    name: "RestrictPublicBuckets leaves a non-public policy alone",
    source: "S3 User Guide, Blocking public access (the meaning of public)",
    setup: bucketSetup([{ ...PUBLIC_READ, Principal: { AWS: OTHER } }], { restrictPublicBuckets: true }),
    request: getObject(otherRoot),
    allowed: true,
  },
  {
    name: "RestrictPublicBuckets leaves the owner's principals in",
    source: "S3 User Guide, Blocking public access (RestrictPublicBuckets)",
    setup: bucketSetup([PUBLIC_READ], { restrictPublicBuckets: true }),
    request: getObject({ kind: "iam", account: OWNER, arn: `arn:aws:iam::${OWNER}:role/app` }),
    allowed: true,
  },
  {
    name: "RestrictPublicBuckets leaves AWS services in",
    source: "S3 User Guide, Blocking public access (RestrictPublicBuckets)",
    setup: bucketSetup([PUBLIC_READ], { restrictPublicBuckets: true }),
    request: getObject({ kind: "service", service: "logging.s3.amazonaws.com", sourceAccount: OTHER }),
    allowed: true,
  },
  {
    name: "RestrictPublicBuckets: an ACL grant is not part of the policy (IgnorePublicAcls is its setting)",
    source:
      "S3 API Reference, PublicAccessBlockConfiguration (not settled: the oracle takes the reading that grants)",
    setup: {
      ...bucketSetup([PUBLIC_READ], { restrictPublicBuckets: true }),
      acl: {
        grants: [
          {
            index: 0,
            permission: "READ",
            grantee: { type: "Group", uri: "http://acs.amazonaws.com/groups/global/AllUsers" },
          },
        ],
      },
    },
    request: { principal: anonymous, action: "s3:ListBucket", resource: BUCKET },
    allowed: true,
  },
  {
    name: "RestrictPublicBuckets leaves a policy confined with ForAnyValue:StringLike aws:PrincipalOrgPaths alone",
    source: "S3 User Guide, Blocking public access (the meaning of public; fixed values)",
    setup: bucketSetup(
      [
        {
          ...PUBLIC_READ,
          Condition: { "ForAnyValue:StringLike": { "aws:PrincipalOrgPaths": "o-a1b2c3d4e5/r-ab12/*" } },
        },
      ],
      { restrictPublicBuckets: true },
    ),
    request: getObject(otherRole("x", { orgId: "o-a1b2c3d4e5", orgPath: "o-a1b2c3d4e5/r-ab12/" })),
    allowed: true,
  },
  {
    name: "IgnorePublicAcls: an AllUsers grant is ignored",
    source: "S3 User Guide, Blocking public access (IgnorePublicAcls)",
    setup: {
      ...bucketSetup([]),
      policy: null,
      ignorePublicAcls: true,
      acl: {
        grants: [
          {
            index: 0,
            permission: "READ",
            grantee: { type: "Group", uri: "http://acs.amazonaws.com/groups/global/AllUsers" },
          },
        ],
      },
    },
    request: { principal: anonymous, action: "s3:ListBucket", resource: BUCKET },
    allowed: false,
  },
  {
    name: "an AllUsers READ grant lets anyone list the bucket",
    source: "S3 User Guide, Access control list (ACL) overview",
    setup: {
      ...bucketSetup([]),
      policy: null,
      acl: {
        grants: [
          {
            index: 0,
            permission: "READ",
            grantee: { type: "Group", uri: "http://acs.amazonaws.com/groups/global/AllUsers" },
          },
        ],
      },
    },
    request: { principal: anonymous, action: "s3:ListBucket", resource: BUCKET },
    allowed: true,
  },
  {
    name: "an RCP Deny applies to the member account's resources",
    source: "Organizations User Guide, Resource control policies",
    setup: bucketSetup([PUBLIC_READ], {
      rcps: [
        {
          id: "p-rcp0",
          document: policyDocument(
            {
              Version: "2012-10-17",
              Statement: [
                {
                  Effect: "Deny",
                  Principal: "*",
                  Action: "s3:*",
                  Resource: "*",
                  Condition: { StringNotEqualsIfExists: { "aws:PrincipalOrgID": "o-a1b2c3d4e5" } },
                },
              ],
            },
            "control-policy",
          ),
        },
      ],
    }),
    request: getObject(anonymous),
    allowed: false,
  },
];

describe("oracle evaluate: cases the AWS documentation settles", () => {
  it.each(ROWS)("$name ($source)", (row) => {
    expect(evaluate(row.setup, row.request).allowed).toBe(row.allowed);
  });

  it("names the statements that allow and deny", () => {
    const setup = bucketSetup([PUBLIC_READ, { ...PUBLIC_READ, Effect: "Deny" }, PUBLIC_READ]);
    expect(evaluate(setup, getObject(anonymous))).toEqual({
      allowed: false,
      allowingStatements: [0, 2],
      allowingAclGrants: [],
      deniedBy: ["statement 1"],
    });
  });

  it("refuses principals IAM rejects instead of guessing", () => {
    const setup = roleSetup([
      { Effect: "Allow", Principal: { AWS: `arn:aws:iam::${OTHER}:role/deploy` }, Action: "sts:AssumeRole" },
    ]);
    // The reader rewrites such a principal (a grammar problem), so the model is given it directly.
    const statement = setup.policy?.statements[0];
    if (statement) statement.principals = [{ type: "AWS", value: `arn:aws:iam::${OTHER}:role/deploy-*` }];
    expect(() => evaluate(setup, assumeRole(otherRoot))).toThrow(OracleInvalidPrincipalError);
  });
});

describe("oracle condition operators (IAM User Guide, Condition operators)", () => {
  const clause = (operator: string, key: string, values: string[]): ConditionClause => ({
    operator,
    operatorLower: operator.toLowerCase(),
    key,
    keyLower: key.toLowerCase(),
    values,
  });
  const context = requestContext(
    {
      principal: otherRole("reader"),
      action: "s3:GetObject",
      resource: BUCKET,
      context: { "aws:SecureTransport": "true" },
    },
    { ownerAccount: OWNER },
  );
  const rows: [operator: string, key: string, values: string[], expected: boolean][] = [
    ["StringEquals", "aws:PrincipalAccount", [OTHER], true],
    ["StringEquals", "aws:PrincipalArn", [`arn:aws:iam::${OTHER}:role/READER`], false],
    ["StringEqualsIgnoreCase", "aws:PrincipalArn", [`arn:aws:iam::${OTHER}:role/READER`], true],
    ["StringEquals", "aws:PrincipalAccount", ["4444*"], false],
    ["StringLike", "aws:PrincipalAccount", ["4444*"], true],
    ["StringLike", "aws:PrincipalAccount", ["4444?5556666"], true],
    ["StringNotEquals", "aws:PrincipalAccount", [OWNER, OTHER], false],
    ["StringNotEquals", "aws:SourceAccount", [OTHER], true],
    ["StringEquals", "aws:SourceAccount", [OTHER], false],
    ["StringEqualsIfExists", "aws:SourceAccount", [OTHER], true],
    ["ForAnyValue:StringEquals", "aws:SourceAccount", [OTHER], false],
    ["ForAllValues:StringEquals", "aws:SourceAccount", [OTHER], true],
    ["Null", "aws:SourceAccount", ["true"], true],
    ["Null", "aws:PrincipalAccount", ["true"], false],
    ["Null", "aws:PrincipalAccount", ["false"], true],
    ["Bool", "aws:SecureTransport", ["TRUE"], true],
    ["Bool", "aws:SecureTransport", ["false"], false],
    ["ArnLike", "aws:PrincipalArn", [`arn:aws:iam::${OTHER}:role/*`], true],
    ["ArnEquals", "aws:PrincipalArn", [`arn:aws:iam::*:role/reader`], true],
    ["ArnNotLike", "aws:PrincipalArn", [`arn:aws:iam::${OTHER}:role/*`], false],
    ["StringEquals", "aws:PrincipalAccount", ["${aws:ResourceAccount}"], false],
    ["StringNotEquals", "aws:PrincipalAccount", ["${aws:ResourceAccount}"], true],
    ["stringequals", "AWS:PRINCIPALACCOUNT", [OTHER], true],
  ];
  it.each(rows)("%s %s %j: %s", (operator, key, values, expected) => {
    expect(clauseHolds(clause(operator, key, values), context)).toBe(expected);
  });

  it("refuses an operator IAM does not have", () => {
    expect(() => parseConditionOperator("StringEqualz")).toThrow(OracleUnsupportedError);
  });
});
