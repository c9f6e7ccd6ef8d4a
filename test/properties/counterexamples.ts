/**
 * Counterexamples the property tests found, shrunk by fast-check and then by hand: each is a policy, one concrete
 * request, what AWS decides for it (the oracle's verdict, from the documentation) and what the engine must then
 * report. `engine: "reports"`: the request is allowed and comes from outside the zone, so an active finding must
 * cover its caller. `engine: "silent"`: the engine reports `rule` for a class of callers the oracle admits no one
 * from; `request` is the would-be witness, which AWS denies.
 *
 * `issue` names the item of issue 7 the row belongs to, or says that the issue does not list it.
 */
import type { RuleId } from "../../src/findings/finding.js";
import type { PolicyCase } from "../helpers/scan-policy.js";
import type { OracleRequest } from "../oracle/request.js";
import {
  BUCKET_ARN,
  BUCKET_NAME,
  CANONICAL_IDS,
  FRESH_ACCOUNT,
  ORG_ID,
  OUTSIDE_A,
  OWNER,
  ROLE_ARN,
  ROLE_NAME,
  ROOT_ID,
} from "./world.js";

export interface CounterexampleRow {
  name: string;
  issue: string;
  case: PolicyCase;
  /**
   * A precision limit the engine keeps on purpose, erring toward reporting (the engine test is expected to fail,
   * and says why). Never set on a row where the engine would miss access.
   */
  precisionLimit?: string;
  request: OracleRequest;
  oracle: "allow" | "deny";
  engine: { expect: "reports" } | { expect: "silent"; rule: RuleId };
}

const V = "2012-10-17";
const bucket = (statements: unknown[], extra: Partial<PolicyCase> = {}): PolicyCase => ({
  resource: "bucket",
  bucketName: BUCKET_NAME,
  zone: "account",
  organization: null,
  policy: { Version: V, Statement: statements },
  ...extra,
});
const role = (statements: unknown[], extra: Partial<PolicyCase> = {}): PolicyCase => ({
  resource: "role",
  roleName: ROLE_NAME,
  zone: "account",
  organization: null,
  policy: { Version: V, Statement: statements },
  ...extra,
});

const anonymous = { kind: "anonymous" } as const;
const freshRoot = { kind: "iam", account: FRESH_ACCOUNT, arn: `arn:aws:iam::${FRESH_ACCOUNT}:root` } as const;
const freshService = {
  kind: "service",
  service: "sqs.amazonaws.com",
  sourceAccount: FRESH_ACCOUNT,
  sourceArn: `arn:aws:sqs:us-east-1:${FRESH_ACCOUNT}:queue`,
} as const;
const getObject = (key: string) => ({ action: "s3:GetObject", resource: `${BUCKET_ARN}/${key}` });
const assumeRole = { action: "sts:AssumeRole", resource: ROLE_ARN };
const fromInternet = { "aws:SourceIp": "192.0.2.10" };
const PUBLIC_GET = { Effect: "Allow", Principal: "*", Action: "s3:GetObject", Resource: `${BUCKET_ARN}/*` };
const ALL_USERS = "http://acs.amazonaws.com/groups/global/AllUsers";

export const COUNTEREXAMPLES: CounterexampleRow[] = [
  // Section 1: whether a Deny covers a grant, decided by string tricks.
  {
    name: "a Deny on one-character keys (?) is taken to cover every key (*)",
    issue: "section 1 (the issue's own example)",
    case: bucket([PUBLIC_GET, { ...PUBLIC_GET, Effect: "Deny", Resource: `${BUCKET_ARN}/?` }]),
    request: { principal: anonymous, ...getObject("ab"), context: fromInternet },
    oracle: "allow",
    engine: { expect: "reports" },
  },
  {
    name: "a Deny with NotResource outside a prefix is taken to cover the whole grant",
    issue: "section 1 (the issue's own example)",
    case: bucket([
      { ...PUBLIC_GET, Resource: `${BUCKET_ARN}/*.pdf` },
      { ...PUBLIC_GET, Effect: "Deny", Resource: undefined, NotResource: `${BUCKET_ARN}/public/*` },
    ]),
    request: { principal: anonymous, ...getObject("public/a.pdf"), context: fromInternet },
    oracle: "allow",
    engine: { expect: "reports" },
  },
  {
    name: "a Deny with NotAction s3:*Object is taken to cover s3:Get*",
    issue: "section 1 (the issue's own example)",
    case: bucket([
      { ...PUBLIC_GET, Action: "s3:Get*" },
      { ...PUBLIC_GET, Effect: "Deny", Action: undefined, NotAction: "s3:*Object" },
    ]),
    request: { principal: anonymous, ...getObject("k"), context: fromInternet },
    oracle: "allow",
    engine: { expect: "reports" },
  },
  {
    name: "a Deny of one-character action names (s3:?) is taken to cover s3:*",
    issue: "section 1 (pattern containment)",
    case: bucket([
      { Effect: "Deny", Principal: "*", Action: "s3:?", NotResource: `${BUCKET_ARN}/b` },
      { Effect: "Allow", Principal: "*", Action: "s3:*", Resource: `${BUCKET_ARN}/a` },
    ]),
    request: {
      principal: anonymous,
      action: "s3:GetObjectVersion",
      resource: `${BUCKET_ARN}/a`,
      context: fromInternet,
    },
    oracle: "allow",
    engine: { expect: "reports" },
  },
  {
    name: "RestrictPublicBuckets leaves AWS services in through Principal *, and no finding says so",
    issue:
      "section 1, third point (a control cancels only what it provably covers); not spelled out in the issue",
    case: bucket([PUBLIC_GET], { bucketPublicAccessBlock: { RestrictPublicBuckets: true } }),
    request: { principal: freshService, ...getObject("k") },
    oracle: "allow",
    engine: { expect: "reports" },
  },
  {
    name: "a Deny of every non-service principal leaves services acting for any account, and no finding says so",
    issue:
      "section 1, third point (a control cancels only what it provably covers); not spelled out in the issue",
    case: role([
      {
        Effect: "Deny",
        Principal: "*",
        Action: "sts:AssumeRole",
        Condition: { BoolIfExists: { "aws:PrincipalIsAWSService": "false" } },
      },
      { Effect: "Allow", Principal: "*", Action: "sts:AssumeRole" },
    ]),
    request: { principal: { kind: "service", service: "sqs.amazonaws.com" }, ...assumeRole },
    oracle: "allow",
    engine: { expect: "reports" },
  },
  {
    name: "two Deny statements that cover a grant only together",
    issue: "section 1, third point (precision of Deny coverage)",
    case: bucket([
      { Effect: "Deny", Principal: "*", Action: "s3:*", NotResource: `${BUCKET_ARN}/a` },
      { Effect: "Deny", Principal: "*", Action: "s3:GetObject", NotResource: `${BUCKET_ARN}/b` },
      PUBLIC_GET,
    ]),
    request: { principal: anonymous, ...getObject("a"), context: fromInternet },
    oracle: "deny",
    engine: { expect: "silent", rule: "public-access" },
  },
  {
    name: "Allow NotAction is read as every action, though only S3 actions apply to a bucket and s3:* is denied",
    issue: "section 1, second point (the element's own alphabet)",
    case: bucket([
      { Effect: "Allow", Principal: "*", NotAction: "s3:GetObject", Resource: `${BUCKET_ARN}/*` },
      { Effect: "Deny", Principal: "*", Action: "s3:*", Resource: `${BUCKET_ARN}/*` },
    ]),
    request: {
      principal: anonymous,
      action: "s3:PutObject",
      resource: `${BUCKET_ARN}/k`,
      context: fromInternet,
    },
    oracle: "deny",
    engine: { expect: "silent", rule: "public-access" },
  },
  {
    name: "s3:?etObject names no S3 action but s3:GetObject, which a Deny takes away",
    issue: "section 1, second point (the element's own alphabet)",
    case: bucket([
      { Effect: "Deny", Principal: "*", Action: "s3:GetObject", NotResource: BUCKET_ARN },
      { ...PUBLIC_GET, Action: "s3:?etObject" },
    ]),
    request: { principal: anonymous, ...getObject("k"), context: fromInternet },
    oracle: "deny",
    engine: { expect: "silent", rule: "public-access" },
    precisionLimit:
      "trustscan holds no list of every S3 action name, so it cannot know s3:?etObject matches only s3:GetObject",
  },
  // Section 3.
  {
    name: "a Deny on aws:PrincipalArn removes the principals it covers",
    issue: "section 3 item 1 (the issue's own example)",
    case: bucket([
      {
        ...PUBLIC_GET,
        Principal: { AWS: "222244446666" },
        Condition: { StringEquals: { "aws:PrincipalArn": "arn:aws:iam::222244446666:role/reader" } },
      },
      {
        ...PUBLIC_GET,
        Effect: "Deny",
        Condition: { ArnLike: { "aws:PrincipalArn": "arn:aws:iam::222244446666:role/*" } },
      },
    ]),
    request: {
      principal: { kind: "iam", account: "222244446666", arn: "arn:aws:iam::222244446666:role/reader" },
      ...getObject("k"),
      context: fromInternet,
    },
    oracle: "deny",
    engine: { expect: "silent", rule: "external-access" },
  },
  {
    name: "Principal bob with aws:PrincipalArn the account's root admits no one (bob's ARN is not root)",
    issue: "section 3 item 1 (aws:PrincipalArn partitions the account)",
    case: role([
      {
        Effect: "Allow",
        Principal: { AWS: `arn:aws:iam::${OUTSIDE_A}:user/bob` },
        Action: "sts:AssumeRole",
        Condition: { ArnEquals: { "aws:PrincipalArn": `arn:aws:iam::${OUTSIDE_A}:root` } },
      },
    ]),
    request: {
      principal: { kind: "iam", account: OUTSIDE_A, arn: `arn:aws:iam::${OUTSIDE_A}:user/bob` },
      ...assumeRole,
    },
    oracle: "deny",
    engine: { expect: "silent", rule: "external-access" },
  },
  {
    name: "a Deny naming the same role as the Allow takes that role's access away",
    issue: "section 3 item 1 (principals partition an account: a Deny must remove the ones it names)",
    case: role([
      {
        Effect: "Deny",
        Principal: { AWS: "arn:aws:iam::999988887777:role/writer" },
        Action: "sts:AssumeRole",
      },
      {
        Effect: "Allow",
        Principal: { AWS: "arn:aws:iam::999988887777:role/writer" },
        Action: "sts:AssumeRole",
      },
    ]),
    request: {
      principal: { kind: "iam", account: "999988887777", arn: "arn:aws:iam::999988887777:role/writer" },
      ...assumeRole,
    },
    oracle: "deny",
    engine: { expect: "silent", rule: "external-access" },
  },
  {
    name: "StringLike aws:SourceAccount 0123456789? (11 characters) matches no account",
    issue: "section 3 item 2 (the issue's own example)",
    case: role([
      {
        Effect: "Allow",
        Principal: { Service: "sns.amazonaws.com" },
        Action: "sts:AssumeRole",
        Condition: { StringLike: { "aws:SourceAccount": "0123456789?" } },
      },
    ]),
    request: {
      principal: { kind: "service", service: "sns.amazonaws.com", sourceAccount: "012345678901" },
      ...assumeRole,
    },
    oracle: "deny",
    engine: { expect: "silent", rule: "confused-deputy" },
  },
  {
    name: "StringLike aws:PrincipalOrgID x-* matches no organization id",
    issue: "section 3 item 2 (the issue's own example)",
    case: bucket([{ ...PUBLIC_GET, Condition: { StringLike: { "aws:PrincipalOrgID": "x-*" } } }]),
    request: {
      principal: { ...freshRoot, orgId: "o-fr3shfr3sh", orgPath: `o-fr3shfr3sh/${ROOT_ID}/` },
      ...getObject("k"),
    },
    oracle: "deny",
    engine: { expect: "silent", rule: "public-access" },
  },
  {
    name: "StringEquals aws:PrincipalOrgPaths with a literal * matches no path",
    issue: "section 3 item 2 (a value that can match no organization path)",
    case: role([
      {
        Effect: "Allow",
        Principal: "*",
        Action: "sts:AssumeRole",
        Condition: { "ForAnyValue:StringEquals": { "aws:PrincipalOrgPaths": `${ORG_ID}/${ROOT_ID}/*` } },
      },
    ]),
    request: { principal: { ...freshRoot, orgId: ORG_ID, orgPath: `${ORG_ID}/${ROOT_ID}/` }, ...assumeRole },
    oracle: "deny",
    engine: { expect: "silent", rule: "external-access" },
  },
  {
    name: "ArnLike aws:SourceArn arn:aws:iam::* has fewer than six parts and matches no ARN",
    issue: "section 3 item 3 (the issue's own example)",
    case: role([
      {
        Effect: "Allow",
        Principal: { Service: "sns.amazonaws.com" },
        Action: "sts:AssumeRole",
        Condition: { ArnLike: { "aws:SourceArn": "arn:aws:iam::*" } },
      },
    ]),
    request: {
      principal: {
        kind: "service",
        service: "sns.amazonaws.com",
        sourceAccount: FRESH_ACCOUNT,
        sourceArn: `arn:aws:iam::${FRESH_ACCOUNT}:role/x`,
      },
      ...assumeRole,
    },
    oracle: "deny",
    engine: { expect: "silent", rule: "confused-deputy" },
  },
  {
    name: "a Deny on every object ARN cancels an Allow on Resource *",
    issue: "section 3 item 5 (the issue's own example)",
    case: bucket([
      { ...PUBLIC_GET, Resource: "*" },
      { ...PUBLIC_GET, Effect: "Deny" },
    ]),
    request: { principal: anonymous, ...getObject("k"), context: fromInternet },
    oracle: "deny",
    engine: { expect: "silent", rule: "public-access" },
  },
  {
    name: "a Deny on the bucket ARN cancels an AllUsers READ grant (READ acts on the bucket only)",
    issue: "section 3 item 5 (compare with the ARNs the grant reaches)",
    case: bucket([{ Effect: "Deny", Principal: "*", Action: "s3:*", Resource: BUCKET_ARN }], {
      acl: { grants: [{ grantee: { type: "Group", uri: ALL_USERS }, permission: "READ" }] },
    }),
    request: { principal: anonymous, action: "s3:ListBucket", resource: BUCKET_ARN, context: fromInternet },
    oracle: "deny",
    engine: { expect: "silent", rule: "public-access" },
  },
  {
    name: "s3:GetObject granted on the bucket and a key, denied on everything but the bucket: nothing is left",
    issue: "section 3 item 5 (compare with the ARNs the action reaches: s3:GetObject acts on objects only)",
    case: bucket([
      { ...PUBLIC_GET, Principal: { AWS: OUTSIDE_A }, Resource: [BUCKET_ARN, `${BUCKET_ARN}/a`] },
      {
        ...PUBLIC_GET,
        Effect: "Deny",
        Principal: { AWS: OUTSIDE_A },
        Resource: undefined,
        NotResource: BUCKET_ARN,
      },
    ]),
    request: {
      principal: { kind: "iam", account: OUTSIDE_A, arn: `arn:aws:iam::${OUTSIDE_A}:root` },
      ...getObject("a"),
      context: fromInternet,
    },
    oracle: "deny",
    engine: { expect: "silent", rule: "external-access" },
  },
  {
    name: "a grant to an OU path with no other member today is external access in the account zone",
    issue: "section 3 item 6",
    case: bucket(
      [
        {
          ...PUBLIC_GET,
          Condition: {
            "ForAnyValue:StringLike": { "aws:PrincipalOrgPaths": `${ORG_ID}/${ROOT_ID}/ou-a1b2-new00000/*` },
          },
        },
      ],
      { organization: { id: ORG_ID, accounts: [OWNER] } },
    ),
    request: {
      principal: { ...freshRoot, orgId: ORG_ID, orgPath: `${ORG_ID}/${ROOT_ID}/ou-a1b2-new00000/` },
      ...getObject("k"),
      context: fromInternet,
    },
    oracle: "allow",
    engine: { expect: "reports" },
  },
  // Not listed in issue 7.
  {
    name: "Null sts:ExternalId true admits callers that send no external ID",
    issue: "not in issue 7: the engine takes sts:ExternalId to be in every request",
    case: role([
      {
        Effect: "Allow",
        Principal: "*",
        Action: "sts:AssumeRole",
        Condition: { Null: { "sts:ExternalId": "true" } },
      },
    ]),
    request: { principal: freshRoot, ...assumeRole },
    oracle: "allow",
    engine: { expect: "reports" },
  },
  {
    name: "sts:ExternalId is never in an S3 request: a bucket statement that requires it admits no one",
    issue: "not in issue 7: the engine takes sts:ExternalId to be in every request",
    case: bucket([{ ...PUBLIC_GET, Condition: { StringEquals: { "sts:ExternalId": "ext-123" } } }]),
    request: { principal: anonymous, ...getObject("k"), context: fromInternet },
    oracle: "deny",
    engine: { expect: "silent", rule: "public-access" },
  },
  {
    name: "a CanonicalUser principal confined by aws:PrincipalAccount: its account may be that one",
    issue: "not in issue 7: a canonical user of unknown account is taken to be in no named account",
    case: bucket([
      {
        ...PUBLIC_GET,
        Principal: { CanonicalUser: CANONICAL_IDS[OUTSIDE_A] },
        Condition: { StringEquals: { "aws:PrincipalAccount": OUTSIDE_A } },
      },
    ]),
    request: {
      principal: {
        kind: "iam",
        account: OUTSIDE_A,
        arn: `arn:aws:iam::${OUTSIDE_A}:root`,
        canonicalUserId: CANONICAL_IDS[OUTSIDE_A],
      },
      ...getObject("k"),
      context: fromInternet,
    },
    oracle: "allow",
    engine: { expect: "reports" },
  },
  {
    name: "anyone through a VPC endpoint, besides a named account from anywhere: the finding names the account only",
    issue:
      "not in issue 7: a finding's parties drop callers confined to a network when others come from the internet",
    case: bucket([
      PUBLIC_GET,
      {
        ...PUBLIC_GET,
        Effect: "Deny",
        Condition: {
          StringNotEqualsIfExists: { "aws:SourceVpce": "vpce-1a2b3c4d" },
          StringNotEquals: { "aws:PrincipalAccount": OUTSIDE_A },
        },
      },
    ]),
    request: { principal: anonymous, ...getObject("k"), context: { "aws:SourceVpce": "vpce-1a2b3c4d" } },
    oracle: "allow",
    engine: { expect: "reports" },
  },
  {
    name: "a trust policy open only to unsigned callers: STS takes no unsigned AssumeRole",
    issue: "not in issue 7: anonymous callers are counted for role trust policies",
    case: role([
      {
        Effect: "Allow",
        Principal: "*",
        Action: "sts:AssumeRole",
        Condition: { Null: { "aws:PrincipalIsAWSService": "true" } },
      },
    ]),
    request: { principal: freshRoot, ...assumeRole },
    oracle: "deny",
    engine: { expect: "silent", rule: "public-access" },
  },
  {
    name: "an AllUsers READ grant also allows s3:ListBucketVersions, which a Deny of s3:ListBucket leaves",
    issue: "not in issue 7: ACL READ is mapped to s3:ListBucket only",
    case: bucket([{ Effect: "Deny", Principal: "*", Action: "s3:ListBucket", Resource: "*" }], {
      acl: { grants: [{ grantee: { type: "Group", uri: ALL_USERS }, permission: "READ" }] },
    }),
    request: {
      principal: anonymous,
      action: "s3:ListBucketVersions",
      resource: BUCKET_ARN,
      context: fromInternet,
    },
    oracle: "allow",
    engine: { expect: "reports" },
  },
];

/** A counterexample of a metamorphic property: adding `added` to the policy of `case` must add no active finding. */
export interface AddedDenyRow {
  name: string;
  issue: string;
  case: PolicyCase;
  added: unknown;
}

export const ADDED_DENY_COUNTEREXAMPLES: AddedDenyRow[] = [
  {
    name: "a Deny that only names an account makes missing-external-id appear for it",
    issue:
      "not in issue 7: findings depend on which accounts a policy happens to mention (the account already got in as " +
      '"any principal through VPC endpoint"; the rule is for accounts named in Principal or pinned by conditions)',
    case: role([
      {
        Effect: "Allow",
        Principal: "*",
        Action: "sts:AssumeRole",
        Condition: { StringEquals: { "aws:SourceVpce": "vpce-1a2b3c4d" } },
      },
    ]),
    added: {
      Effect: "Deny",
      Principal: { AWS: `arn:aws:iam::${OUTSIDE_A}:role/reader` },
      NotAction: "sts:AssumeRole",
    },
  },
];
