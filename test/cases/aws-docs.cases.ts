/*
 * Labelled trust and bucket policies written from AWS documentation.
 *
 * Sources (policy examples, sample code under MIT-0; the prose around them is not copied):
 *   - awsdocs/iam-user-guide @ e2b8637a825b9f292bb04af61277d067dfcc5676 (MIT-0, "modified MIT" repo LICENSE),
 *     corpus folder awsdocs-iam-user-guide
 *   - awsdocs/amazon-s3-userguide @ cc53dd6a44d3aa1d654e6d3705a0a7550f20fd2a (MIT-0 sample code), corpus folder
 *     awsdocs-s3-userguide
 *   - awsdocs/amazon-eks-user-guide @ 0c236641a46cf1e95f0d6717997b9cf585d94994 (MIT-0 sample code), corpus folder
 *     awsdocs-eks-userguide
 *   - aws-samples/iam-access-analyzer-custom-policy-check-samples @ b36a0219e7469377705bfd5e49e38378ad70fcc6 (MIT-0),
 *     corpus folder aa-custom-policy-check-samples
 *   - a few bucket policies transcribed from the current AWS documentation pages named in `source`
 *     (CloudTrail, AWS Config, CloudFront OAC, VPC Flow Logs; AWS sample code, MIT-0); they are not in the corpora.
 * `source` is "<corpus file>#<heading>" (file relative to /work/shared/corpora). "#variant: …" marks a case derived
 * from that example by one stated change, to pin one rule of docs/semantics.md.
 *
 * Placeholders ("account-id", "ACCOUNT-B-ID", 123456789012, 111111111111, "o-xxxxxxxxxxx", …) are replaced by the
 * concrete accounts below, so each case says who owns the resource and who is in or out of the organization.
 * Expected verdicts are the sorted ids of ACTIVE findings in each zone, decided from docs/semantics.md
 * (sections 2–5), not from other scanners.
 */
import type { RuleId } from "../../src/findings/finding.js";
import type { PolicyCase } from "../helpers/scan-policy.js";

/** Owner of every resource unless a case sets `accountId`. In organization o-a1b2c3d4e5. */
export const OWNER = "111122223333";
/** Another account of the owner's organization (inside the organization zone, outside the account zone). */
export const ORG_MEMBER = "222233334444";
/** Accounts outside the organization. */
export const OUTSIDE = "444455556666";
export const OUTSIDE_2 = "777788889999";
/** Elastic Load Balancing's log-delivery account for us-east-1 (S3 user guide, ELB access logs). Outside. */
export const ELB_US_EAST_1 = "127311923021";
export const ORG_ID = "o-a1b2c3d4e5";
/** An organization that is not the zone's. */
export const OTHER_ORG_ID = "o-zz9yy8xx7w";

/** The organization every case runs with (the helper's default, written out so the table is self-contained). */
export const ORGANIZATION = { id: ORG_ID, accounts: [OWNER, ORG_MEMBER] };

export interface LabelledCase {
  name: string;
  /** "<corpus file>#<heading>", or a documentation page for the few transcribed policies. */
  source: string;
  case: Omit<PolicyCase, "zone">;
  /** Sorted ids of the active findings in each zone. */
  expected: { account: RuleId[]; organization: RuleId[] };
  /** Why, citing docs/semantics.md sections. */
  why: string;
}

const NONE: RuleId[] = [];
const both = (rules: RuleId[]) => ({ account: rules, organization: rules });
const accountOnly = (rules: RuleId[]) => ({ account: rules, organization: NONE });

const role = (policy: unknown, extra: Partial<Omit<PolicyCase, "zone" | "policy" | "resource">> = {}) => ({
  resource: "role" as const,
  policy,
  organization: ORGANIZATION,
  ...extra,
});
const bucket = (policy: unknown, extra: Partial<Omit<PolicyCase, "zone" | "policy" | "resource">> = {}) => ({
  resource: "bucket" as const,
  policy,
  organization: ORGANIZATION,
  ...extra,
});
const policy = (...statements: unknown[]) => ({ Version: "2012-10-17", Statement: statements });

const IAM = "awsdocs-iam-user-guide";
const S3 = "awsdocs-s3-userguide";
const EKS = "awsdocs-eks-userguide";
const AA = "aa-custom-policy-check-samples/resource-policies";

const GITHUB_PROVIDER = `arn:aws:iam::${OWNER}:oidc-provider/token.actions.githubusercontent.com`;
const EKS_ISSUER = "oidc.eks.us-east-1.amazonaws.com/id/EXAMPLED539D4633E53DE1B71EXAMPLE";
const EKS_PROVIDER = `arn:aws:iam::${OWNER}:oidc-provider/${EKS_ISSUER}`;
const SAML_PROVIDER = `arn:aws:iam::${OWNER}:saml-provider/ExampleOrgSSOProvider`;

const githubTrust = (condition?: unknown) => ({
  Version: "2012-10-17",
  Statement: [
    {
      Effect: "Allow",
      Principal: { Federated: GITHUB_PROVIDER },
      Action: "sts:AssumeRoleWithWebIdentity",
      ...(condition === undefined ? {} : { Condition: condition }),
    },
  ],
});

const crossAccountTrust = (principal: unknown, condition?: unknown) => ({
  Version: "2012-10-17",
  Statement: {
    Effect: "Allow",
    Principal: principal,
    Action: "sts:AssumeRole",
    ...(condition === undefined ? {} : { Condition: condition }),
  },
});

const ssmIncidentsTrust = (sourceArn: string) =>
  crossAccountTrust({ Service: "ssm-incidents.amazonaws.com" }, { ArnLike: { "aws:SourceArn": sourceArn } });

const publicRead = (bucketName: string) => ({
  Sid: "PublicReadGetObject",
  Effect: "Allow",
  Principal: "*",
  Action: ["s3:GetObject"],
  Resource: [`arn:aws:s3:::${bucketName}/*`],
});

const orgIdStatement = (operator: string, orgId: string) => ({
  Sid: "AllowPutObject",
  Effect: "Allow",
  Principal: "*",
  Action: "s3:PutObject",
  Resource: "arn:aws:s3:::policy-ninja-dev/*",
  Condition: { [operator]: { "aws:PrincipalOrgID": orgId } },
});

const serverAccessLogs = (condition?: unknown) =>
  policy({
    Sid: "S3ServerAccessLogsPolicy",
    Effect: "Allow",
    Principal: { Service: "logging.s3.amazonaws.com" },
    Action: ["s3:PutObject"],
    Resource: "arn:aws:s3:::amzn-s3-demo-destination-bucket/EXAMPLE-LOGGING-PREFIX*",
    ...(condition === undefined ? {} : { Condition: condition }),
  });

const denyUnlessPrincipalArn = {
  Sid: "UsePrincipalArnInsteadOfNotPrincipalWithDeny",
  Effect: "Deny",
  Action: "s3:*",
  Principal: "*",
  Resource: ["arn:aws:s3:::BUCKETNAME/*", "arn:aws:s3:::BUCKETNAME"],
  Condition: { ArnNotEquals: { "aws:PrincipalArn": `arn:aws:iam::${OUTSIDE}:user/user-name` } },
};

const denyInsecureTransport = {
  Sid: "RestrictToTLSRequestsOnly",
  Action: "s3:*",
  Effect: "Deny",
  Resource: ["arn:aws:s3:::amzn-s3-demo-bucket", "arn:aws:s3:::amzn-s3-demo-bucket/*"],
  Condition: { Bool: { "aws:SecureTransport": "false" } },
  Principal: "*",
};

const denyOutsideVpce = {
  Sid: "Access-to-specific-VPCE-only",
  Principal: "*",
  Action: "s3:*",
  Effect: "Deny",
  Resource: ["arn:aws:s3:::amzn-s3-demo-bucket2", "arn:aws:s3:::amzn-s3-demo-bucket2/*"],
  Condition: { StringNotEquals: { "aws:sourceVpce": "vpce-1a2b3c4d" } },
};

const walkthroughAllow = (account: string) => ({
  Sid: "Example permissions",
  Effect: "Allow",
  Principal: { AWS: `arn:aws:iam::${account}:root` },
  Action: ["s3:GetLifecycleConfiguration", "s3:ListBucket"],
  Resource: ["arn:aws:s3:::amzn-s3-demo-bucket"],
});

const cloudTrailStatements = (trailAccount: string, logPrefixAccount: string) => [
  {
    Sid: "AWSCloudTrailAclCheck20150319",
    Effect: "Allow",
    Principal: { Service: "cloudtrail.amazonaws.com" },
    Action: "s3:GetBucketAcl",
    Resource: "arn:aws:s3:::amzn-s3-demo-bucket",
    Condition: {
      StringEquals: { "aws:SourceArn": `arn:aws:cloudtrail:us-east-1:${trailAccount}:trail/trailName` },
    },
  },
  {
    Sid: "AWSCloudTrailWrite20150319",
    Effect: "Allow",
    Principal: { Service: "cloudtrail.amazonaws.com" },
    Action: "s3:PutObject",
    Resource: `arn:aws:s3:::amzn-s3-demo-bucket/AWSLogs/${logPrefixAccount}/*`,
    Condition: {
      StringEquals: {
        "s3:x-amz-acl": "bucket-owner-full-control",
        "aws:SourceArn": `arn:aws:cloudtrail:us-east-1:${trailAccount}:trail/trailName`,
      },
    },
  },
];

const configDelivery = (sourceAccounts: string[]) =>
  policy(
    {
      Sid: "AWSConfigBucketPermissionsCheck",
      Effect: "Allow",
      Principal: { Service: "config.amazonaws.com" },
      Action: "s3:GetBucketAcl",
      Resource: "arn:aws:s3:::amzn-s3-demo-bucket",
      Condition: { StringEquals: { "AWS:SourceAccount": sourceAccounts } },
    },
    {
      Sid: "AWSConfigBucketExistenceCheck",
      Effect: "Allow",
      Principal: { Service: "config.amazonaws.com" },
      Action: "s3:ListBucket",
      Resource: "arn:aws:s3:::amzn-s3-demo-bucket",
      Condition: { StringEquals: { "AWS:SourceAccount": sourceAccounts } },
    },
    {
      Sid: "AWSConfigBucketDelivery",
      Effect: "Allow",
      Principal: { Service: "config.amazonaws.com" },
      Action: "s3:PutObject",
      Resource: "arn:aws:s3:::amzn-s3-demo-bucket/AWSLogs/*/Config/*",
      Condition: {
        StringEquals: { "s3:x-amz-acl": "bucket-owner-full-control", "AWS:SourceAccount": sourceAccounts },
      },
    },
  );

const cloudFrontOac = (condition?: unknown) => ({
  Version: "2012-10-17",
  Statement: {
    Sid: "AllowCloudFrontServicePrincipalReadOnly",
    Effect: "Allow",
    Principal: { Service: "cloudfront.amazonaws.com" },
    Action: "s3:GetObject",
    Resource: "arn:aws:s3:::amzn-s3-demo-bucket/*",
    ...(condition === undefined ? {} : { Condition: condition }),
  },
});

const s3ReadByPrincipalArn = (principalArn: string) =>
  policy({
    Effect: "Allow",
    Principal: { AWS: "*" },
    Action: "s3:GetObject",
    Resource: "arn:aws:s3:::my-sensitive-bucket/*",
    Condition: { ArnLike: { "aws:PrincipalArn": principalArn } },
  });

export const AWS_DOCS_CASES: LabelledCase[] = [
  // ───────────────────────────── IAM User Guide: cross-account trust, external ID, MFA ─────────────────────────────
  {
    name: "iam: cross-account trust with sts:ExternalId",
    source: `${IAM}/confused-deputy/example-01-L37.json#Cross-account confused deputy prevention`,
    case: role(crossAccountTrust({ AWS: OUTSIDE }, { StringEquals: { "sts:ExternalId": "12345" } })),
    expected: both(["external-access"]),
    why: "§2 account principal 444455556666 = every principal of an account outside both zones → §5 external-access. sts:ExternalId does not confine (§3) but is an effective StringEquals fixed value, so no missing-external-id.",
  },
  {
    name: "iam: cross-account trust, external ID removed",
    source: `${IAM}/confused-deputy/example-01-L37.json#variant: Condition removed`,
    case: role(crossAccountTrust({ AWS: OUTSIDE })),
    expected: both(["external-access", "missing-external-id"]),
    why: "§5: an account outside both zones can call sts:AssumeRole with no sts:ExternalId condition → external-access and missing-external-id beside it.",
  },
  {
    name: "iam: cross-account trust, external ID matched with StringLike '*'",
    source: `${IAM}/confused-deputy/example-01-L37.json#variant: StringLike sts:ExternalId "*"`,
    case: role(crossAccountTrust({ AWS: OUTSIDE }, { StringLike: { "sts:ExternalId": "*" } })),
    expected: both(["external-access", "missing-external-id"]),
    why: "§5 missing-external-id: only StringEquals/StringLike with fixed, non-wildcard values is effective; '*' under StringLike matches any external ID.",
  },
  {
    name: "iam: cross-account trust, external ID under StringEqualsIfExists",
    source: `${IAM}/confused-deputy/example-01-L37.json#variant: StringEqualsIfExists sts:ExternalId`,
    case: role(crossAccountTrust({ AWS: OUTSIDE }, { StringEqualsIfExists: { "sts:ExternalId": "12345" } })),
    expected: both(["external-access", "missing-external-id"]),
    why: "§3 …IfExists makes an absent key true, so a caller that sends no external ID is let in; §5 says …IfExists is not an effective external-ID condition.",
  },
  {
    name: "iam: trust to '*' guarded only by an external ID",
    source: `${IAM}/confused-deputy/example-01-L37.json#variant: Principal "*"`,
    case: role(crossAccountTrust("*", { StringEquals: { "sts:ExternalId": "12345" } })),
    expected: both(["public-access"]),
    why: "§3 sts:ExternalId is a caller-chosen value and confines nothing, so '*' stays anyone → §5 public-access; missing-external-id is not raised for public trust.",
  },
  {
    name: "iam: trust to an account of the same organization, no external ID",
    source: `${IAM}/confused-deputy/example-01-L37.json#variant: principal is an organization member, no Condition`,
    case: role(crossAccountTrust({ AWS: ORG_MEMBER })),
    expected: accountOnly(["external-access", "missing-external-id"]),
    why: "§1: 222233334444 is outside the account zone but inside the organization zone; §5 missing-external-id is not raised for accounts inside the zone.",
  },
  {
    name: "iam: cross-account trust requiring MFA only",
    source: `${IAM}/id_credentials_mfa_configure-api-require/example-02-L91.json#Scenario: MFA protection for cross-account delegation`,
    case: role(crossAccountTrust({ AWS: OUTSIDE }, { Bool: { "aws:MultiFactorAuthPresent": "true" } })),
    expected: both(["external-access", "missing-external-id"]),
    why: "§3 aws:MultiFactorAuthPresent does not confine the principal, and it is not an external ID (§5).",
  },
  {
    name: "iam: create-role CLI example, account root ARN with MFA (organization member)",
    source: `${IAM}/id_roles_create_for-user/example-01-L81.json#Creating an IAM role (AWS CLI)`,
    case: role(
      policy({
        Effect: "Allow",
        Principal: { AWS: `arn:aws:iam::${ORG_MEMBER}:root` },
        Action: "sts:AssumeRole",
        Condition: { Bool: { "aws:MultiFactorAuthPresent": "true" } },
      }),
    ),
    expected: accountOnly(["external-access", "missing-external-id"]),
    why: "§2 arn:…:root ≡ every principal of 222233334444: outside the account zone, inside the organization zone (§1). MFA is not an external ID (§5).",
  },
  {
    name: "iam: trust to a user of an organization account with a source-identity condition",
    source: `${IAM}/id_credentials_temp_control-access_monitor/example-02-L102.json#Permissions required to set source identity`,
    case: role(
      policy({
        Sid: "AllowDevUserAssumeRole",
        Effect: "Allow",
        Principal: { AWS: `arn:aws:iam::${ORG_MEMBER}:user/DevUser` },
        Action: ["sts:AssumeRole", "sts:SetSourceIdentity"],
        Condition: { StringEquals: { "sts:SourceIdentity": "DevUser" } },
      }),
    ),
    expected: accountOnly(["external-access", "missing-external-id"]),
    why: "§2 user ARN → its account 222233334444; sts:SourceIdentity is caller-set and confines nothing (§3); no external ID (§5). Inside the organization zone: nothing.",
  },
  {
    name: "iam: role chaining from a role in another account (aws:SourceIdentity)",
    source: `${IAM}/id_credentials_temp_control-access_monitor/example-06-L318.json#Role chaining and cross-account requirements`,
    case: role(
      policy({
        Effect: "Allow",
        Principal: { AWS: `arn:aws:iam::${OUTSIDE}:role/CriticalRole` },
        Action: ["sts:AssumeRole", "sts:SetSourceIdentity"],
        Condition: { StringLike: { "aws:SourceIdentity": ["Saanvi", "Diego"] } },
      }),
    ),
    expected: both(["external-access", "missing-external-id"]),
    why: "§2 role ARN of 444455556666 (outside both zones); aws:SourceIdentity is not a confining key (§3) nor an external ID (§5).",
  },
  {
    name: "iam: trust to a user of the owner account (principal written with a leading space)",
    source: `${IAM}/reference_policies_iam-condition-keys/example-06-L470.json#Available keys for AWS STS`,
    case: role(
      policy({
        Sid: "AllowAdminUserAssumeRole",
        Effect: "Allow",
        Principal: { AWS: ` arn:aws:iam::${OWNER}:user/AdminUser` },
        Action: ["sts:AssumeRole", "sts:SetSourceIdentity"],
        Condition: { StringEquals: { "sts:SourceIdentity": "DiegoRamirez" } },
      }),
    ),
    expected: both(NONE),
    why: "§2 a user of the owner account 111122223333 is inside every zone (the AWS doc writes the ARN with a leading space; IAM trims it).",
  },
  {
    name: "iam: trust policy edited to add a second account",
    source: `${IAM}/roles-managingrole-editing-cli/example-01-L32.json#Modifying a role trust policy (AWS CLI)`,
    case: role(crossAccountTrust({ AWS: [`arn:aws:iam::${OWNER}:root`, `arn:aws:iam::${OUTSIDE}:root`] })),
    expected: both(["external-access", "missing-external-id"]),
    why: "§2 the owner's root is inside the zone; 444455556666's root is every principal of an outside account → §5 external-access + missing-external-id.",
  },
  {
    name: "iam: session-tags trust (external ID on AssumeRole, TagSession in a second statement)",
    source: `${IAM}/id_session-tags/example-01-L87.json#Permissions required to add session tags`,
    case: role(
      policy(
        {
          Sid: "AllowIamUserAssumeRole",
          Effect: "Allow",
          Action: "sts:AssumeRole",
          Principal: { AWS: `arn:aws:iam::${OUTSIDE}:user/test-session-tags` },
          Condition: {
            StringLike: {
              "aws:RequestTag/Project": "*",
              "aws:RequestTag/CostCenter": "*",
              "aws:RequestTag/Department": "*",
            },
            StringEquals: { "sts:ExternalId": "Example987" },
          },
        },
        {
          Sid: "AllowPassSessionTagsAndTransitive",
          Effect: "Allow",
          Action: "sts:TagSession",
          Principal: { AWS: `arn:aws:iam::${OUTSIDE}:user/test-session-tags` },
          Condition: {
            StringLike: { "aws:RequestTag/Project": "*", "aws:RequestTag/CostCenter": "*" },
            StringEquals: { "aws:RequestTag/Department": ["Engineering", "Marketing"] },
            "ForAllValues:StringEquals": { "sts:TransitiveTagKeys": ["Project", "Department"] },
          },
        },
      ),
    ),
    expected: both(["external-access"]),
    why: "§5: the outside user is granted access (external-access), but sts:AssumeRole itself requires a fixed StringEquals sts:ExternalId; the second statement grants only sts:TagSession, which cannot assume the role without the first → no missing-external-id.",
  },
  {
    name: "aa-samples: trust to an account outside the allowlist",
    source: `${AA}/role-trust-policies/allowlist-account-principals.labeled.json#candidate 5`,
    case: role(policy({ Effect: "Allow", Principal: { AWS: OUTSIDE_2 }, Action: "sts:AssumeRole" })),
    expected: both(["external-access", "missing-external-id"]),
    why: "§2 bare account id ≡ its root ≡ every principal of 777788889999, outside both zones (§5).",
  },
  {
    name: "aa-samples: trust to a role in an account outside the allowlist",
    source: `${AA}/role-trust-policies/allowlist-account-principals.labeled.json#candidate 6`,
    case: role(
      policy({
        Effect: "Allow",
        Principal: { AWS: `arn:aws:iam::${OUTSIDE_2}:role/NotMyRole` },
        Action: "sts:AssumeRole",
      }),
    ),
    expected: both(["external-access", "missing-external-id"]),
    why: "§2 role ARN → account 777788889999, outside both zones (§5).",
  },
  {
    name: "aa-samples: trust to a role of an allowlisted organization account",
    source: `${AA}/role-trust-policies/allowlist-account-principals.labeled.json#candidate 2`,
    case: role(
      policy({
        Effect: "Allow",
        Principal: { AWS: `arn:aws:iam::${ORG_MEMBER}:role/MyRole` },
        Action: "sts:AssumeRole",
      }),
    ),
    expected: accountOnly(["external-access", "missing-external-id"]),
    why: "§1 the organization zone holds 222233334444; the account zone does not.",
  },
  {
    name: "aa-samples: trust to '*' pinned by aws:PrincipalArn to an outside role",
    source: `${AA}/check-who-is-granted-access/s3-all-actions.labeled.json#variant: AllowPrincipalArnKey as a trust statement, role in an outside account`,
    case: role(
      policy({
        Effect: "Allow",
        Principal: { AWS: "*" },
        Action: "sts:AssumeRole",
        Condition: { ArnLike: { "aws:PrincipalArn": `arn:aws:iam::${OUTSIDE}:role/MyPrivilegedRole` } },
      }),
    ),
    expected: both(["external-access", "missing-external-id"]),
    why: "§3 aws:PrincipalArn with a fixed account part confines '*' to 444455556666 (not public); §5 missing-external-id covers principals pinned by aws:PrincipalArn.",
  },
  {
    name: "aa-samples: trust to '*' pinned by aws:PrincipalAccount to an organization account",
    source: `${AA}/check-who-is-granted-access/s3-all-actions.labeled.json#variant: trust statement with StringEquals aws:PrincipalAccount`,
    case: role(
      policy({
        Effect: "Allow",
        Principal: "*",
        Action: "sts:AssumeRole",
        Condition: { StringEquals: { "aws:PrincipalAccount": ORG_MEMBER } },
      }),
    ),
    expected: accountOnly(["external-access", "missing-external-id"]),
    why: "§3 aws:PrincipalAccount confines '*' to 222233334444; §5 missing-external-id covers principals pinned by aws:PrincipalAccount, outside the account zone only.",
  },

  // ───────────────────────────── IAM User Guide: service principals (confused deputy) ─────────────────────────────
  {
    name: "iam: EC2 instance role",
    source: `${IAM}/id_roles_create_for-service/example-03-L181.json#Creating a role for a service (AWS CLI)`,
    case: role(crossAccountTrust({ Service: "ec2.amazonaws.com" })),
    expected: both(NONE),
    why: "§5 confused-deputy exempts ec2.amazonaws.com: EC2 acts only for the role's own account (instance profiles) and does not support source keys for role assumption.",
  },
  {
    name: "iam: Incident Manager trust pinned by aws:SourceArn",
    source: `${IAM}/confused-deputy/example-02-L87.json#Cross-service confused deputy prevention for AWS Security Token Service`,
    case: role(ssmIncidentsTrust(`arn:aws:ssm-incidents:*:${OWNER}:incident-record/myresponseplan/*`)),
    expected: both(NONE),
    why: "§5 confused-deputy: aws:SourceArn with a fixed account part (the owner's) confines the service; the region wildcard is irrelevant.",
  },
  {
    name: "iam: Incident Manager trust, wildcard account in aws:SourceArn",
    source: `${IAM}/confused-deputy/example-02-L87.json#variant: account part of aws:SourceArn is "*"`,
    case: role(ssmIncidentsTrust("arn:aws:ssm-incidents:*:*:incident-record/myresponseplan/*")),
    expected: both(["confused-deputy"]),
    why: "§5 confused-deputy: source confinement with a wildcard account does not count.",
  },
  {
    name: "iam: Incident Manager trust, aws:SourceArn in an outside account",
    source: `${IAM}/confused-deputy/example-02-L87.json#variant: account part of aws:SourceArn is another customer's`,
    case: role(ssmIncidentsTrust(`arn:aws:ssm-incidents:*:${OUTSIDE}:incident-record/myresponseplan/*`)),
    expected: both(["external-access"]),
    why: "§5 [beyond] external-access: a service principal whose source is pinned to an account outside the zone. The source is pinned, so no confused-deputy; no AWS principal, so no missing-external-id.",
  },
  {
    name: "iam: Access Analyzer policy-generation service role",
    source: `${IAM}/access-analyzer-policy-generation/example-02-L94.json#Permissions required for service role`,
    case: role(
      policy({
        Effect: "Allow",
        Principal: { Service: "access-analyzer.amazonaws.com" },
        Action: "sts:AssumeRole",
      }),
    ),
    expected: both(["confused-deputy"]),
    why: "§5 confused-deputy: a service principal with no aws:SourceArn/SourceAccount/SourceOrgID/SourceOrgPaths, and not on the exempt list.",
  },
  {
    name: "iam: EMR and Data Pipeline sharing one service role",
    source: `${IAM}/id_roles_create_policy-examples/example-01-L23.json#Using a policy to delegate access to services`,
    case: role(
      policy({
        Effect: "Allow",
        Principal: { Service: ["elasticmapreduce.amazonaws.com", "datapipeline.amazonaws.com"] },
        Action: "sts:AssumeRole",
      }),
    ),
    expected: both(["confused-deputy"]),
    why: "§5 confused-deputy: two service principals with no source confinement; neither is on the exempt list.",
  },
  {
    name: "aa-samples: AWS Glue service role",
    source: `${AA}/role-trust-policies/allowlist-aws-service-principal.labeled.json#candidate 3`,
    case: role(
      policy({ Effect: "Allow", Principal: { Service: "glue.amazonaws.com" }, Action: "sts:AssumeRole" }),
    ),
    expected: both(["confused-deputy"]),
    why: "§5 confused-deputy: service principal without source keys, not exempt.",
  },

  // ───────────────────────────── IAM User Guide: federation ─────────────────────────────
  {
    name: "iam: GitHub Actions OIDC trust with aud and sub",
    source: `${IAM}/id_roles_create_for-idp_oidc/example-06-L189.json#Configuring a role for GitHub OIDC identity provider`,
    case: role(
      githubTrust({
        StringEquals: {
          "token.actions.githubusercontent.com:aud": "sts.amazonaws.com",
          "token.actions.githubusercontent.com:sub": "repo:GitHubOrg/GitHubRepo:ref:refs/heads/GitHubBranch",
        },
      }),
    ),
    expected: both(NONE),
    why: "§5 unscoped-federation: GitHub's sub is pinned to one repository and branch.",
  },
  {
    name: "iam: GitHub Actions OIDC trust, sub pinned to a repository with StringLike",
    source: `${IAM}/id_roles_create_for-idp_oidc/example-06-L189.json#variant: StringLike sub "repo:GitHubOrg/GitHubRepo:*" (the form the same page recommends for any branch)`,
    case: role(
      githubTrust({
        StringEquals: { "token.actions.githubusercontent.com:aud": "sts.amazonaws.com" },
        StringLike: { "token.actions.githubusercontent.com:sub": "repo:GitHubOrg/GitHubRepo:*" },
      }),
    ),
    expected: both(NONE),
    why: "§5: only a sub value matching every repository ('*', 'repo:*') is unscoped; this one names the repository.",
  },
  {
    name: "iam: GitHub Actions OIDC trust with aud only",
    source: `${IAM}/id_roles_create_for-idp_oidc/example-06-L189.json#variant: sub condition removed`,
    case: role(
      githubTrust({ StringEquals: { "token.actions.githubusercontent.com:aud": "sts.amazonaws.com" } }),
    ),
    expected: both(["unscoped-federation"]),
    why: "§5: GitHub's aud is always sts.amazonaws.com; sub must be pinned. Federated principals are judged only by unscoped-federation.",
  },
  {
    name: "iam: GitHub Actions OIDC trust, sub = repo:*",
    source: `${IAM}/id_roles_create_for-idp_oidc/example-06-L189.json#variant: StringLike sub "repo:*"`,
    case: role(
      githubTrust({
        StringEquals: { "token.actions.githubusercontent.com:aud": "sts.amazonaws.com" },
        StringLike: { "token.actions.githubusercontent.com:sub": "repo:*" },
      }),
    ),
    expected: both(["unscoped-federation"]),
    why: "§5: 'repo:*' under StringLike matches every repository → unscoped.",
  },
  {
    name: "iam: Cognito identity pool trust with aud",
    source: `${IAM}/id_roles_create_for-idp/example-01-L41.json#Creating a role for federated access (AWS CLI)`,
    case: role({
      Version: "2012-10-17",
      Statement: {
        Sid: "RoleForCognito",
        Effect: "Allow",
        Principal: { Federated: "cognito-identity.amazonaws.com" },
        Action: "sts:AssumeRoleWithWebIdentity",
        Condition: {
          StringEquals: { "cognito-identity.amazonaws.com:aud": "us-east-1:12345678-ffff-ffff-ffff-123456" },
        },
      },
    }),
    expected: both(NONE),
    why: "§5: Cognito identity pools need cognito-identity.amazonaws.com:aud pinned; it is.",
  },
  {
    name: "iam: Cognito unauthenticated identities with aud and amr",
    source: `${IAM}/id_roles_create_for-idp_oidc/example-01-L24.json#Prerequisites for creating a role for web identity or OIDC`,
    case: role({
      Version: "2012-10-17",
      Statement: {
        Effect: "Allow",
        Principal: { Federated: "cognito-identity.amazonaws.com" },
        Action: "sts:AssumeRoleWithWebIdentity",
        Condition: {
          StringEquals: { "cognito-identity.amazonaws.com:aud": "us-east-2:12345678-abcd-abcd-abcd-123456" },
          "ForAnyValue:StringLike": { "cognito-identity.amazonaws.com:amr": "unauthenticated" },
        },
      },
    }),
    expected: both(NONE),
    why: "§5: the identity pool (aud) is pinned; amr narrows further.",
  },
  {
    name: "iam: Cognito trust without aud",
    source: `${IAM}/id_roles_create_for-idp_oidc/example-01-L24.json#variant: aud condition removed`,
    case: role({
      Version: "2012-10-17",
      Statement: {
        Effect: "Allow",
        Principal: { Federated: "cognito-identity.amazonaws.com" },
        Action: "sts:AssumeRoleWithWebIdentity",
        Condition: { "ForAnyValue:StringLike": { "cognito-identity.amazonaws.com:amr": "unauthenticated" } },
      },
    }),
    expected: both(["unscoped-federation"]),
    why: "§5: without cognito-identity.amazonaws.com:aud any identity pool in any account can present tokens.",
  },
  {
    name: "iam: Login with Amazon trust with app_id",
    source: `${IAM}/id_roles_create_for-idp_oidc/example-02-L74.json#Prerequisites for creating a role for web identity or OIDC`,
    case: role(
      policy({
        Sid: "RoleForLoginWithAmazon",
        Effect: "Allow",
        Principal: { Federated: "www.amazon.com" },
        Action: "sts:AssumeRoleWithWebIdentity",
        Condition: { StringEquals: { "www.amazon.com:app_id": "amzn1.application-oa2-123456" } },
      }),
    ),
    expected: both(NONE),
    why: "§5: Amazon's app_id is pinned.",
  },
  {
    name: "iam: Facebook trust with app_id",
    source: `${IAM}/id_roles_create_for-idp_oidc/example-03-L89.json#Prerequisites for creating a role for web identity or OIDC`,
    case: role(
      policy({
        Sid: "RoleForFacebook",
        Effect: "Allow",
        Principal: { Federated: "graph.facebook.com" },
        Action: "sts:AssumeRoleWithWebIdentity",
        Condition: { StringEquals: { "graph.facebook.com:app_id": "111222333444555" } },
      }),
    ),
    expected: both(NONE),
    why: "§5: Facebook's app_id is pinned.",
  },
  {
    name: "aa-samples: Facebook trust without app_id",
    source: `${AA}/role-trust-policies/allowlist-federated-access-oidc.labeled.json#candidate 4`,
    case: role(
      policy({
        Effect: "Allow",
        Principal: { Federated: "graph.facebook.com" },
        Action: "sts:AssumeRoleWithWebIdentity",
      }),
    ),
    expected: both(["unscoped-federation"]),
    why: "§5: any Facebook app's users could assume the role.",
  },
  {
    name: "iam: Google trust with aud",
    source: `${IAM}/id_roles_create_for-idp_oidc/example-04-L104.json#Prerequisites for creating a role for web identity or OIDC`,
    case: role(
      policy({
        Sid: "RoleForGoogle",
        Effect: "Allow",
        Principal: { Federated: "accounts.google.com" },
        Action: "sts:AssumeRoleWithWebIdentity",
        Condition: { StringEquals: { "accounts.google.com:aud": "666777888999000" } },
      }),
    ),
    expected: both(NONE),
    why: "§5: Google's aud is pinned.",
  },
  {
    name: "iam: generic OIDC provider with aud, setting a source identity",
    source: `${IAM}/id_credentials_temp_control-access_monitor/example-04-L262.json#Control access using source identity information`,
    case: role(
      policy({
        Effect: "Allow",
        Principal: { Federated: `arn:aws:iam::${OWNER}:oidc-provider/server.example.com` },
        Action: ["sts:AssumeRoleWithWebIdentity", "sts:SetSourceIdentity"],
        Condition: {
          StringEquals: { "server.example.com:aud": "oidc-audience-id" },
          StringLike: { "sts:SourceIdentity": ["Saanvi", "Diego"] },
        },
      }),
    ),
    expected: both(NONE),
    why: "§5: other OIDC providers need at least one condition on the issuer's aud or sub; aud is pinned.",
  },
  {
    name: "aa-samples: generic OIDC provider with no condition",
    source: `${AA}/role-trust-policies/allowlist-federated-access-oidc.labeled.json#candidate 1`,
    case: role(
      policy({
        Effect: "Allow",
        Principal: { Federated: `arn:aws:iam::${OWNER}:oidc-provider/MyProvider` },
        Action: "sts:AssumeRoleWithWebIdentity",
      }),
    ),
    expected: both(["unscoped-federation"]),
    why: "§5: no condition on the issuer's aud or sub.",
  },
  {
    name: "aa-samples: any federated provider, one provider denied",
    source: `${AA}/role-trust-policies/allowlist-federated-access-oidc.labeled.json#candidate 5`,
    case: role(
      policy(
        { Effect: "Allow", Principal: { Federated: "*" }, Action: "sts:AssumeRoleWithWebIdentity" },
        {
          Effect: "Deny",
          Principal: { Federated: `arn:aws:iam::${OWNER}:oidc-provider/NotMyProvider` },
          Action: "sts:AssumeRoleWithWebIdentity",
        },
      ),
    ),
    expected: both(["unscoped-federation"]),
    why: "§5: every other provider is accepted with no claim pinned; the Deny removes one provider only (§4). Federated principals are judged only by unscoped-federation, not public-access.",
  },
  {
    name: "iam: SAML trust with SAML:aud",
    source: `${IAM}/id_roles_create_for-idp_saml/example-01-L25.json#Prerequisites for creating a role for SAML`,
    case: role({
      Version: "2012-10-17",
      Statement: {
        Effect: "Allow",
        Action: "sts:AssumeRoleWithSAML",
        Principal: { Federated: `arn:aws:iam::${OWNER}:saml-provider/PROVIDER-NAME` },
        Condition: { StringEquals: { "SAML:aud": "https://signin.aws.amazon.com/saml" } },
      },
    }),
    expected: both(NONE),
    why: "§5: SAML providers need SAML:aud pinned; it is.",
  },
  {
    name: "iam: SAML console federation, lower-case saml:aud",
    source: `${IAM}/id_roles_providers_enable-console-saml/example-01-L49.json#Configure permissions in AWS for your federated users`,
    case: role(
      policy({
        Effect: "Allow",
        Principal: { Federated: SAML_PROVIDER },
        Action: "sts:AssumeRoleWithSAML",
        Condition: {
          StringEquals: {
            "saml:edupersonorgdn": "ExampleOrg",
            "saml:aud": "https://signin.aws.amazon.com/saml",
          },
        },
      }),
    ),
    expected: both(NONE),
    why: "§3 condition keys are case-insensitive: saml:aud is SAML:aud, pinned (§5).",
  },
  {
    name: "iam: SAML trust with aud plus a SetSourceIdentity statement without aud",
    source: `${IAM}/id_credentials_temp_control-access_monitor/example-03-L215.json#Control access using source identity information`,
    case: role(
      policy(
        {
          Sid: "SAMLProviderAssumeRoleWithSAML",
          Effect: "Allow",
          Principal: { Federated: `arn:aws:iam::${OWNER}:saml-provider/name-of-identity-provider` },
          Action: ["sts:AssumeRoleWithSAML"],
          Condition: { StringEquals: { "SAML:aud": "https://signin.aws.amazon.com/saml" } },
        },
        {
          Sid: "SetSourceIdentitySrEngs",
          Effect: "Allow",
          Principal: { Federated: `arn:aws:iam::${OWNER}:saml-provider/name-of-identity-provider` },
          Action: ["sts:SetSourceIdentity"],
          Condition: { StringLike: { "sts:SourceIdentity": ["Saanvi", "Diego"] } },
        },
      ),
    ),
    expected: both(NONE),
    why: "§5: coming in needs sts:AssumeRoleWithSAML, granted only with SAML:aud pinned; the second statement grants sts:SetSourceIdentity alone, which lets no one assume the role.",
  },
  {
    name: "aa-samples: SAML provider with no condition",
    source: `${AA}/role-trust-policies/allowlist-federated-access-saml.labeled.json#candidate 1`,
    case: role(
      policy({
        Effect: "Allow",
        Principal: { Federated: `arn:aws:iam::${OWNER}:saml-provider/MyProvider` },
        Action: "sts:AssumeRoleWithSAML",
      }),
    ),
    expected: both(["unscoped-federation"]),
    why: "§5: SAML providers need SAML:aud pinned.",
  },

  // ───────────────────────────── IAM User Guide: resource (bucket) policies ─────────────────────────────
  {
    name: "iam: bucket shared with an outside account (s3:*)",
    source: `${IAM}/id_roles_create_policy-examples/example-02-L47.json#Using a resource-based policy to delegate access to an Amazon S3 bucket in another account`,
    case: bucket({
      Version: "2012-10-17",
      Statement: {
        Sid: "AccountBAccess1",
        Effect: "Allow",
        Principal: { AWS: OUTSIDE },
        Action: "s3:*",
        Resource: ["arn:aws:s3:::mybucket", "arn:aws:s3:::mybucket/*"],
      },
    }),
    expected: both(["external-access"]),
    why: "§2 account 444455556666 is outside both zones → §5 external-access (missing-external-id is for role trust only).",
  },
  {
    name: "iam: bucket denying one account",
    source: `${IAM}/id_roles_create_policy-examples/example-06-L131.json#Cannot delegate access when the account is denied access`,
    case: bucket({
      Version: "2012-10-17",
      Statement: {
        Sid: "AccountBDeny",
        Effect: "Deny",
        Principal: { AWS: OUTSIDE },
        Action: "s3:*",
        Resource: "arn:aws:s3:::mybucket/*",
      },
    }),
    expected: both(NONE),
    why: "§4: Deny statements only remove access; nothing is granted.",
  },
  {
    name: "iam: bucket writable by three accounts with MFA",
    source: `${IAM}/id_credentials_mfa_configure-api-require/example-06-L201.json#Scenario: MFA protection for resources that have resource-based policies`,
    case: bucket(
      policy({
        Effect: "Allow",
        Principal: { AWS: [OWNER, ORG_MEMBER, OUTSIDE] },
        Action: ["s3:PutObject", "s3:DeleteObject"],
        Resource: ["arn:aws:s3:::amzn-s3-demo-bucket/*"],
        Condition: { Bool: { "aws:MultiFactorAuthPresent": "true" } },
      }),
    ),
    expected: both(["external-access"]),
    why: "§2: account A is the owner, B is in the organization, C (444455556666) is outside both zones; MFA confines nothing (§3).",
  },
  {
    name: "iam: bucket readable by anyone under a ${aws:FederatedProvider} prefix",
    source: `${IAM}/reference_policies_condition-keys/example-05-L252.json#aws:FederatedProvider`,
    case: bucket({
      Version: "2012-10-17",
      Statement: {
        Effect: "Allow",
        Principal: "*",
        Action: "s3:GetObject",
        Resource: "arn:aws:s3:::amzn-s3-demo-bucket/${aws:FederatedProvider}/*",
      },
    }),
    expected: both(["public-access"]),
    why: "§2 '*' with no condition → §5 public-access; a policy variable in Resource narrows objects, not callers (an anonymous caller reads the prefix the variable resolves to for it).",
  },
  {
    name: "iam: bucket readable by anyone under a ${aws:PrincipalTag/team} name",
    source: `${IAM}/reference_policies_condition-keys/example-11-L618.json#aws:PrincipalTag/*tag-key*`,
    case: bucket({
      Version: "2012-10-17",
      Statement: {
        Effect: "Allow",
        Principal: "*",
        Action: "s3:GetObject",
        Resource: "arn:aws:s3:::amzn-s3-demo-bucket-${aws:PrincipalTag/team}/",
      },
    }),
    expected: both(["public-access"]),
    why: "§3/§5: no condition on '*'; principal tags are set by whoever owns the principal, in any account.",
  },
  {
    name: "iam: bucket writable by the organization (aws:PrincipalOrgID)",
    source: `${IAM}/reference_policies_condition-keys/example-08-L458.json#aws:PrincipalOrgID`,
    case: bucket({ Version: "2012-10-17", Statement: orgIdStatement("StringEquals", ORG_ID) }),
    expected: accountOnly(["external-access"]),
    why: "§3 aws:PrincipalOrgID = the zone's organization confines '*' (not public). Account zone: the other accounts of the organization are outside → external-access; organization zone: inside.",
  },
  {
    name: "iam: bucket writable by another organization",
    source: `${IAM}/reference_policies_condition-keys/example-08-L458.json#variant: organization id of another organization`,
    case: bucket({ Version: "2012-10-17", Statement: orgIdStatement("StringEquals", OTHER_ORG_ID) }),
    expected: both(["external-access"]),
    why: "§3 aws:PrincipalOrgID is inside the zone only for the zone's own organization.",
  },
  {
    name: "iam: bucket writable by any organization (StringLike o-*)",
    source: `${IAM}/reference_policies_condition-keys/example-08-L458.json#variant: StringLike aws:PrincipalOrgID "o-*"`,
    case: bucket({ Version: "2012-10-17", Statement: orgIdStatement("StringLike", "o-*") }),
    expected: both(["public-access"]),
    why: "§3/§5: a wildcard in the organization part of a confining key confines nothing → public-access.",
  },
  {
    name: "iam: bucket Deny with NotPrincipal",
    source: `${IAM}/reference_policies_elements_notprincipal/example-01-L32.json#NotPrincipal With Deny`,
    case: bucket(
      policy({
        Effect: "Deny",
        NotPrincipal: { AWS: [`arn:aws:iam::${OUTSIDE}:user/Bob`, `arn:aws:iam::${OUTSIDE}:root`] },
        Action: "s3:*",
        Resource: ["arn:aws:s3:::BUCKETNAME", "arn:aws:s3:::BUCKETNAME/*"],
      }),
    ),
    expected: both(NONE),
    why: "§4: NotPrincipal with Deny denies; it grants nothing.",
  },
  {
    name: "iam: bucket Allow with NotPrincipal",
    source: `${IAM}/reference_policies_elements_notprincipal/example-01-L32.json#variant: Effect Allow`,
    case: bucket(
      policy({
        Effect: "Allow",
        NotPrincipal: { AWS: [`arn:aws:iam::${OUTSIDE}:user/Bob`, `arn:aws:iam::${OUTSIDE}:root`] },
        Action: "s3:*",
        Resource: ["arn:aws:s3:::BUCKETNAME", "arn:aws:s3:::BUCKETNAME/*"],
      }),
    ),
    expected: both(["public-access"]),
    why: "§2/§5: NotPrincipal with Allow is everyone except the listed ones → public-access.",
  },
  {
    name: "iam: outside account granted s3:*, Deny narrows it to one of its users",
    source: `${IAM}/reference_policies_elements_principal/example-01-L258.json#variant: plus an Allow for the user's account`,
    case: bucket(
      policy(
        {
          Sid: "AllowAccount",
          Effect: "Allow",
          Principal: { AWS: `arn:aws:iam::${OUTSIDE}:root` },
          Action: "s3:*",
          Resource: ["arn:aws:s3:::BUCKETNAME/*", "arn:aws:s3:::BUCKETNAME"],
        },
        denyUnlessPrincipalArn,
      ),
    ),
    expected: both(["external-access"]),
    why: "§4: access = Allow AND NOT Deny: user-name of 444455556666 keeps access, so the grant is narrowed, not cancelled → external-access.",
  },
  {
    name: "iam: public bucket fenced by a Deny outside the organization",
    source: `${IAM}/reference_policies_elements_principal/example-01-L258.json#variant: Allow "*" + Deny StringNotEquals aws:PrincipalOrgID (docs/semantics.md#allow-minus-deny example)`,
    case: bucket(
      policy(publicRead("amzn-s3-demo-bucket"), {
        Sid: "DenyOutsideOrg",
        Effect: "Deny",
        Principal: "*",
        Action: "s3:*",
        Resource: ["arn:aws:s3:::amzn-s3-demo-bucket", "arn:aws:s3:::amzn-s3-demo-bucket/*"],
        Condition: { StringNotEquals: { "aws:PrincipalOrgID": ORG_ID } },
      }),
    ),
    expected: accountOnly(["external-access"]),
    why: "§4: the Deny removes every principal outside o-a1b2c3d4e5, so nothing public is left. Account zone: the organization's other accounts still read → external-access; organization zone: the grant is fully cancelled.",
  },
  {
    name: "iam: bucket shared with a user of an outside account",
    source: `${IAM}/reference_policies_evaluation-logic-cross-account/example-02-L71.json#Example cross-account policy evaluation`,
    case: bucket(
      policy({
        Effect: "Allow",
        Action: ["s3:GetObject*", "s3:PutObject*", "s3:ReplicateObject", "s3:RestoreObject"],
        Principal: { AWS: `arn:aws:iam::${OUTSIDE}:user/carlossalazar` },
        Resource: "arn:aws:s3:::Production/*",
      }),
    ),
    expected: both(["external-access"]),
    why: "§2 user ARN → account 444455556666, outside both zones.",
  },
  {
    name: "iam: bucket shared with a user of the owner account",
    source: `${IAM}/reference_policies_evaluation-logic/example-02-L178.json#Example identity-based and resource-based policy evaluation`,
    case: bucket(
      policy({
        Effect: "Allow",
        Principal: { AWS: `arn:aws:iam::${OWNER}:user/carlossalazar` },
        Action: "s3:*",
        Resource: ["arn:aws:s3:::carlossalazar/*", "arn:aws:s3:::carlossalazar"],
      }),
    ),
    expected: both(NONE),
    why: "§2 principal of the owner account: inside every zone.",
  },
  {
    name: "iam: policy-generation trail bucket for the organization",
    source: `${IAM}/access-analyzer-policy-generation/example-04-L269.json#Generate a policy using AWS CloudTrail data in another account`,
    case: bucket(
      policy({
        Sid: "PolicyGenerationBucketPolicy",
        Effect: "Allow",
        Principal: { AWS: "*" },
        Action: ["s3:GetObject", "s3:ListBucket"],
        Resource: [
          "arn:aws:s3:::amzn-s3-demo-bucket",
          `arn:aws:s3:::amzn-s3-demo-bucket/AWSLogs/${ORG_ID}/\${aws:PrincipalAccount}/*`,
        ],
        Condition: {
          StringEquals: { "aws:PrincipalOrgID": ORG_ID },
          StringLike: {
            "aws:PrincipalArn":
              "arn:aws:iam::${aws:PrincipalAccount}:role/service-role/AccessAnalyzerMonitorServiceRole*",
          },
        },
      }),
    ),
    expected: accountOnly(["external-access"]),
    why: "§3: the aws:PrincipalArn value has a policy variable in its account part and confines nothing, but aws:PrincipalOrgID (the zone's organization) does, and one confining key is enough (§5). Outside the account zone, inside the organization zone.",
  },

  // ───────────────────────────── S3 User Guide ─────────────────────────────
  {
    name: "s3: static website bucket readable by everyone",
    source: `${S3}/HostingWebsiteOnS3Setup/example-01-L114.json#Step 4: Add a bucket policy that makes your bucket content publicly available`,
    case: bucket(policy(publicRead("Bucket-Name"))),
    expected: both(["public-access"]),
    why: "§2 '*' with no condition → §5 public-access (Block Public Access is not configured in this case).",
  },
  {
    name: "s3: public read plus a Deny of non-TLS requests",
    source: `${S3}/example-bucket-policies/example-10-L421.json#variant: Restrict access to only HTTPS requests, plus a public-read statement`,
    case: bucket(policy(publicRead("amzn-s3-demo-bucket"), denyInsecureTransport)),
    expected: both(["public-access"]),
    why: "§3 aws:SecureTransport does not confine the principal: anyone using HTTPS still reads → public-access (the Deny narrows transport only, §4).",
  },
  {
    name: "s3: Deny non-TLS requests only",
    source: `${S3}/example-bucket-policies/example-10-L421.json#Restrict access to only HTTPS requests`,
    case: bucket(policy(denyInsecureTransport)),
    expected: both(NONE),
    why: "§4: Deny only.",
  },
  {
    name: "s3: public PutObject allowed on TLS > 1.1",
    source: `${S3}/amazon-s3-policy-keys/example-07-L318.json#Example 8: Requiring a minimum TLS version`,
    case: bucket(
      policy({
        Effect: "Allow",
        Principal: "*",
        Action: "s3:PutObject",
        Resource: ["arn:aws:s3:::amzn-s3-demo-bucket1", "arn:aws:s3:::amzn-s3-demo-bucket1/*"],
        Condition: { NumericGreaterThan: { "s3:TlsVersion": 1.1 } },
      }),
    ),
    expected: both(["public-access"]),
    why: "§3 s3:TlsVersion is chosen by the caller's client and confines nothing → '*' stays public.",
  },
  {
    name: "s3: public GetObject from one IP range, one address excluded",
    source: `${S3}/amazon-s3-condition-keys/example-02-L42.json#AWS‐wide condition keys`,
    case: bucket(
      policy({
        Sid: "statement1",
        Effect: "Allow",
        Principal: "*",
        Action: "s3:GetObject",
        Resource: "arn:aws:s3:::amzn-s3-demo-bucket1/*",
        Condition: {
          IpAddress: { "aws:SourceIp": "192.0.2.0/24" },
          NotIpAddress: { "aws:SourceIp": "192.0.2.188/32" },
        },
      }),
    ),
    expected: both(["external-access"]),
    why: "§3 aws:SourceIp 192.0.2.0/24 (AND across operators) confines '*' to a network: external but not public (§5 external-access includes network-only confinement).",
  },
  {
    name: "s3: public GetObject from 0.0.0.0/0",
    source: `${S3}/amazon-s3-condition-keys/example-02-L42.json#variant: IpAddress aws:SourceIp 0.0.0.0/0`,
    case: bucket(
      policy({
        Effect: "Allow",
        Principal: "*",
        Action: "s3:GetObject",
        Resource: "arn:aws:s3:::amzn-s3-demo-bucket1/*",
        Condition: { IpAddress: { "aws:SourceIp": "0.0.0.0/0" } },
      }),
    ),
    expected: both(["public-access"]),
    why: "§3: an IPv4 range wider than /8 confines nothing.",
  },
  {
    name: "s3: public GetObject from a /7 range",
    source: `${S3}/amazon-s3-condition-keys/example-02-L42.json#variant: IpAddress aws:SourceIp 10.0.0.0/7`,
    case: bucket(
      policy({
        Effect: "Allow",
        Principal: "*",
        Action: "s3:GetObject",
        Resource: "arn:aws:s3:::amzn-s3-demo-bucket1/*",
        Condition: { IpAddress: { "aws:SourceIp": "10.0.0.0/7" } },
      }),
    ),
    expected: both(["public-access"]),
    why: "§3: /7 is wider than /8 and confines nothing.",
  },
  {
    name: "s3: organization bucket (aws:PrincipalOrgID)",
    source: `${S3}/example-bucket-policies/example-09-L310.json#Allow access to only your organization`,
    case: bucket(
      policy({
        Sid: "AllowGetObject",
        Principal: { AWS: "*" },
        Effect: "Allow",
        Action: "s3:GetObject",
        Resource: "arn:aws:s3:::amzn-s3-demo-bucket/*",
        Condition: { StringEquals: { "aws:PrincipalOrgID": [ORG_ID] } },
      }),
    ),
    expected: accountOnly(["external-access"]),
    why: "§3 confined to the zone's organization: outside the account zone, inside the organization zone.",
  },
  {
    name: "s3: organization bucket with an aws:SourceIp of 0.0.0.0/0",
    source: `${S3}/example-bucket-policies/example-09-L310.json#variant: plus IpAddress aws:SourceIp 0.0.0.0/0 (docs/semantics.md#rules example)`,
    case: bucket(
      policy({
        Sid: "AllowGetObject",
        Principal: { AWS: "*" },
        Effect: "Allow",
        Action: "s3:GetObject",
        Resource: "arn:aws:s3:::amzn-s3-demo-bucket/*",
        Condition: {
          StringEquals: { "aws:PrincipalOrgID": [ORG_ID] },
          IpAddress: { "aws:SourceIp": "0.0.0.0/0" },
        },
      }),
    ),
    expected: accountOnly(["external-access"]),
    why: "§5: one confining condition is enough — aws:PrincipalOrgID confines to the organization even though 0.0.0.0/0 confines nothing.",
  },
  {
    name: "s3: bucket delegating access control to access points of the owner account",
    source: `${S3}/access-points-policies/example-07-L210.json#Delegating access control to access points`,
    case: bucket(
      policy({
        Effect: "Allow",
        Principal: { AWS: "*" },
        Action: "*",
        Resource: ["arn:aws:s3:::amzn-s3-demo-bucket", "arn:aws:s3:::amzn-s3-demo-bucket/*"],
        Condition: { StringEquals: { "s3:DataAccessPointAccount": OWNER } },
      }),
    ),
    expected: both(["public-access"]),
    why: "§3: s3:DataAccessPointAccount is not in the table of confining keys, so '*' is unconfined on the bucket policy alone → public-access (who really gets in is decided by the access point policies, which this case does not model).",
  },
  {
    name: "s3: bucket delegating to access points of another account",
    source: `${S3}/access-points-policies/example-08-L232.json#Granting permissions for cross-account access points`,
    case: bucket(
      policy({
        Effect: "Allow",
        Principal: { AWS: "*" },
        Action: ["s3:GetObject", "s3:ListBucket"],
        Resource: ["arn:aws:s3:::amzn-s3-demo-bucket", "arn:aws:s3:::amzn-s3-demo-bucket/*"],
        Condition: { StringEquals: { "s3:DataAccessPointAccount": OUTSIDE } },
      }),
    ),
    expected: both(["public-access"]),
    why: "§3: s3:DataAccessPointAccount does not confine the principal; '*' is public on the bucket policy alone.",
  },
  {
    name: "s3: Deny access except from one VPC endpoint",
    source: `${S3}/privatelink-interface-endpoints/example-03-L432.json#Example: Restricting access to a specific VPC endpoint in the S3 bucket policy`,
    case: bucket({ Version: "2012-10-17", Id: "Policy1415115909152", Statement: [denyOutsideVpce] }),
    expected: both(NONE),
    why: "§4: Deny only.",
  },
  {
    name: "s3: public read fenced by a Deny outside one VPC endpoint",
    source: `${S3}/privatelink-interface-endpoints/example-03-L432.json#variant: plus a public-read statement`,
    case: bucket(policy(publicRead("amzn-s3-demo-bucket2"), denyOutsideVpce)),
    expected: both(["external-access"]),
    why: "§4: Allow AND NOT Deny leaves '*' from vpce-1a2b3c4d: network-only confinement, not public (§3) → external-access in both zones.",
  },
  {
    name: "s3: public read allowed only from one VPC endpoint",
    source: `${S3}/privatelink-interface-endpoints/example-03-L432.json#variant: Allow with StringEquals aws:SourceVpce`,
    case: bucket(
      policy({
        Sid: "Access-from-specific-VPCE-only",
        Principal: "*",
        Action: "s3:GetObject",
        Effect: "Allow",
        Resource: ["arn:aws:s3:::amzn-s3-demo-bucket2/*"],
        Condition: { StringEquals: { "aws:SourceVpce": "vpce-1a2b3c4d" } },
      }),
    ),
    expected: both(["external-access"]),
    why: "§3 aws:SourceVpce with a fixed value: external (any account's principal inside that endpoint) but not public.",
  },
  {
    name: "s3: two accounts may upload with a public-read ACL",
    source: `${S3}/example-bucket-policies/example-03-L85.json#Granting permissions to multiple accounts to upload objects or set object ACLs for public access`,
    case: bucket(
      policy({
        Sid: "AddPublicReadCannedAcl",
        Effect: "Allow",
        Principal: { AWS: [`arn:aws:iam::${OWNER}:root`, `arn:aws:iam::${OUTSIDE}:root`] },
        Action: ["s3:PutObject", "s3:PutObjectAcl"],
        Resource: "arn:aws:s3:::amzn-s3-demo-bucket/*",
        Condition: { StringEquals: { "s3:x-amz-acl": ["public-read"] } },
      }),
    ),
    expected: both(["external-access"]),
    why: "§2: the owner's root is inside; 444455556666 is outside both zones. s3:x-amz-acl confines no one (§3). The policy grants to named accounts, not to anyone.",
  },
  {
    name: "s3: owner and an organization account may upload with a canned ACL",
    source: `${S3}/amazon-s3-condition-keys/example-03-L79.json#Amazon S3‐specific condition keys`,
    case: bucket(
      policy({
        Sid: "AddCannedAcl",
        Effect: "Allow",
        Principal: { AWS: [`arn:aws:iam::${OWNER}:root`, `arn:aws:iam::${ORG_MEMBER}:root`] },
        Action: "s3:PutObject",
        Resource: ["arn:aws:s3:::amzn-s3-demo-bucket1/*"],
        Condition: { StringEquals: { "s3:x-amz-acl": ["public-read"] } },
      }),
    ),
    expected: accountOnly(["external-access"]),
    why: "§1: 222233334444 is inside the organization zone only.",
  },
  {
    name: "s3: outside admin may upload only granting full control to the owner",
    source: `${S3}/amazon-s3-policy-keys/example-02-L61.json#Require the x-amz-full-control header`,
    case: bucket(
      policy(
        {
          Sid: "statement1",
          Effect: "Allow",
          Principal: { AWS: `arn:aws:iam::${OUTSIDE}:user/AccountBadmin` },
          Action: "s3:PutObject",
          Resource: "arn:aws:s3:::amzn-s3-demo-bucket1/*",
          Condition: { StringEquals: { "s3:x-amz-grant-full-control": "id=AccountA-CanonicalUserID" } },
        },
        {
          Sid: "statement2",
          Effect: "Deny",
          Principal: { AWS: `arn:aws:iam::${OUTSIDE}:user/AccountBadmin` },
          Action: "s3:PutObject",
          Resource: "arn:aws:s3:::amzn-s3-demo-bucket1/*",
          Condition: { StringNotEquals: { "s3:x-amz-grant-full-control": "id=AccountA-CanonicalUserID" } },
        },
      ),
    ),
    expected: both(["external-access"]),
    why: "§4: the Deny removes only uploads without the header; uploads with it stay allowed to the outside user → external-access.",
  },
  {
    name: "s3: owner-account user writes only with bucket-owner-full-control",
    source: `${S3}/about-object-ownership/example-01-L105.json#Review and update bucket policies that use ACL-related condition keys`,
    case: bucket(
      policy({
        Sid: "Only allow writes to my bucket with bucket owner full control",
        Effect: "Allow",
        Principal: { AWS: [`arn:aws:iam::${OWNER}:user/ExampleUser`] },
        Action: ["s3:PutObject"],
        Resource: "arn:aws:s3:::amzn-s3-demo-bucket/*",
        Condition: { StringEquals: { "s3:x-amz-acl": "bucket-owner-full-control" } },
      }),
    ),
    expected: both(NONE),
    why: "§2 principal of the owner account.",
  },
  {
    name: "s3: owner-account user writes only with a public-read ACL",
    source: `${S3}/about-object-ownership/example-02-L133.json#Review and update bucket policies that use ACL-related condition keys`,
    case: bucket(
      policy({
        Sid: "Only allow writes to my bucket with public read access",
        Effect: "Allow",
        Principal: { AWS: [`arn:aws:iam::${OWNER}:user/ExampleUser`] },
        Action: ["s3:PutObject"],
        Resource: "arn:aws:s3:::amzn-s3-demo-bucket/*",
        Condition: { StringEquals: { "s3:x-amz-acl": "public-read" } },
      }),
    ),
    expected: both(NONE),
    why: "§2: the policy grants to the owner's user only; the ACLs it lets that user write are outside this policy analysis.",
  },
  {
    name: "s3: cross-account walkthrough, organization account root",
    source: `${S3}/example-walkthroughs-managing-access-example2/example-01-L111.json#Step 1.3: Attach a bucket policy to grant cross-account permissions to Account B`,
    case: bucket(policy(walkthroughAllow(ORG_MEMBER))),
    expected: accountOnly(["external-access"]),
    why: "§1/§2: account B is 222233334444, inside the organization zone only.",
  },
  {
    name: "s3: cross-account walkthrough with an explicit Deny of ListBucket",
    source: `${S3}/example-walkthroughs-managing-access-example2/example-03-L240.json#Step 3: (Optional) Try explicit deny`,
    case: bucket(
      policy(walkthroughAllow(OUTSIDE), {
        Sid: "Deny permission",
        Effect: "Deny",
        Principal: { AWS: `arn:aws:iam::${OUTSIDE}:root` },
        Action: ["s3:ListBucket"],
        Resource: ["arn:aws:s3:::amzn-s3-demo-bucket"],
      }),
    ),
    expected: both(["external-access"]),
    why: "§4: the Deny covers s3:ListBucket only; s3:GetLifecycleConfiguration stays granted to 444455556666.",
  },
  {
    name: "s3: cross-account walkthrough, Deny of every action",
    source: `${S3}/example-walkthroughs-managing-access-example2/example-03-L240.json#variant: Deny s3:* on the bucket`,
    case: bucket(
      policy(walkthroughAllow(OUTSIDE), {
        Sid: "Deny permission",
        Effect: "Deny",
        Principal: { AWS: `arn:aws:iam::${OUTSIDE}:root` },
        Action: ["s3:*"],
        Resource: ["arn:aws:s3:::amzn-s3-demo-bucket"],
      }),
    ),
    expected: both(NONE),
    why: "§4/§5: the Allow is fully cancelled by the Deny, so none of its findings are active.",
  },
  {
    name: "s3: walkthrough trust letting account C assume a role",
    source: `${S3}/example-walkthroughs-managing-access-example4/example-03-L219.json#Step 1.3: Create an IAM role to allow account C cross-account access in account A`,
    case: role(
      policy({
        Sid: "",
        Effect: "Allow",
        Principal: { AWS: `arn:aws:iam::${OUTSIDE}:root` },
        Action: "sts:AssumeRole",
      }),
    ),
    expected: both(["external-access", "missing-external-id"]),
    why: "§5: account C (444455556666) outside both zones, no external ID.",
  },
  {
    name: "s3: replication destination bucket for a role of another account",
    source: `${S3}/replication-walkthrough-2/example-01-L19.json#Configuring replication when source and destination buckets are owned by different accounts`,
    case: bucket(
      policy(
        {
          Sid: "Set permissions for objects",
          Effect: "Allow",
          Principal: { AWS: `arn:aws:iam::${OUTSIDE}:role/service-role/source-acct-IAM-role` },
          Action: ["s3:ReplicateObject", "s3:ReplicateDelete"],
          Resource: "arn:aws:s3:::amzn-s3-demo-bucket/*",
        },
        {
          Sid: "Set permissions on bucket",
          Effect: "Allow",
          Principal: { AWS: `arn:aws:iam::${OUTSIDE}:role/service-role/source-acct-IAM-role` },
          Action: ["s3:List*", "s3:GetBucketVersioning", "s3:PutBucketVersioning"],
          Resource: "arn:aws:s3:::amzn-s3-demo-bucket",
        },
      ),
    ),
    expected: both(["external-access"]),
    why: "§2 role ARN of 444455556666.",
  },
  {
    name: "s3: ELB access logs to the regional ELB account",
    source: `${S3}/example-bucket-policies/example-12-L546.json#Grant access to Application Load Balancer for enabling access logs`,
    case: bucket(
      policy({
        Principal: { AWS: `arn:aws:iam::${ELB_US_EAST_1}:root` },
        Effect: "Allow",
        Action: "s3:PutObject",
        Resource: `arn:aws:s3:::amzn-s3-demo-bucket/prefix/AWSLogs/${OWNER}/*`,
      }),
    ),
    expected: both(["external-access"]),
    why: "§2: 127311923021 (Elastic Load Balancing, us-east-1) is an AWS account outside both zones; nothing exempts it unless trusted (§1).",
  },
  {
    name: "s3: ELB access logs, ELB account configured as trusted",
    source: `${S3}/example-bucket-policies/example-12-L546.json#variant: --trusted-account 127311923021`,
    case: bucket(
      policy({
        Principal: { AWS: `arn:aws:iam::${ELB_US_EAST_1}:root` },
        Effect: "Allow",
        Action: "s3:PutObject",
        Resource: `arn:aws:s3:::amzn-s3-demo-bucket/prefix/AWSLogs/${OWNER}/*`,
      }),
      { trustedAccounts: [ELB_US_EAST_1] },
    ),
    expected: both(NONE),
    why: "§1: extra trusted accounts extend the zone.",
  },
  {
    name: "s3: ELB access logs to the log-delivery service principal",
    source: `${S3}/example-bucket-policies/example-13-L567.json#Grant access to Application Load Balancer for enabling access logs`,
    case: bucket(
      policy({
        Principal: { Service: "logdelivery.elasticloadbalancing.amazonaws.com" },
        Effect: "Allow",
        Action: "s3:PutObject",
        Resource: `arn:aws:s3:::amzn-s3-demo-bucket/prefix/AWSLogs/${OWNER}/*`,
      }),
    ),
    expected: both(["confused-deputy"]),
    why: "§5 confused-deputy covers resource policies too: a service principal with no aws:SourceArn/SourceAccount; the exemption list is for role assumption only.",
  },
  {
    name: "s3: server access logging pinned to the owner's source bucket",
    source: `${S3}/enable-server-access-logging/example-01-L37.json#Grant permissions to the logging service principal by using a bucket policy`,
    case: bucket(
      serverAccessLogs({
        ArnLike: { "aws:SourceArn": "arn:aws:s3:::amzn-s3-demo-source-bucket" },
        StringEquals: { "aws:SourceAccount": OWNER },
      }),
    ),
    expected: both(NONE),
    why: "§5: aws:SourceAccount fixed to the owner confines the service (the bucket ARN carries no account).",
  },
  {
    name: "s3: server access logging from a source bucket in an organization account",
    source: `${S3}/enable-server-access-logging/example-01-L37.json#variant: SOURCE-ACCOUNT-ID is an organization member`,
    case: bucket(
      serverAccessLogs({
        ArnLike: { "aws:SourceArn": "arn:aws:s3:::amzn-s3-demo-source-bucket" },
        StringEquals: { "aws:SourceAccount": ORG_MEMBER },
      }),
    ),
    expected: accountOnly(["external-access"]),
    why: "§5 [beyond]: a service principal whose source is pinned to an account outside the zone → external-access; 222233334444 is inside the organization zone.",
  },
  {
    name: "s3: server access logging with no source condition",
    source: `${S3}/enable-server-access-logging/example-01-L37.json#variant: Condition removed`,
    case: bucket(serverAccessLogs()),
    expected: both(["confused-deputy"]),
    why: "§5 confused-deputy: logging.s3.amazonaws.com could be made to write here for any customer's bucket.",
  },
  {
    name: "s3: log bucket restricted to S3 server access log deliveries",
    source: `${S3}/example-bucket-policies/example-08-L265.json#Restrict access to only Amazon S3 server access log deliveries`,
    case: bucket(
      policy(
        {
          Sid: "AllowPutObjectS3ServerAccessLogsPolicy",
          Principal: { Service: "logging.s3.amazonaws.com" },
          Effect: "Allow",
          Action: "s3:PutObject",
          Resource: "arn:aws:s3:::amzn-s3-demo-bucket-logs/*",
          Condition: {
            StringEquals: { "aws:SourceAccount": OWNER },
            ArnLike: { "aws:SourceArn": "arn:aws:s3:::amzn-s3-demo-source-bucket" },
          },
        },
        {
          Sid: "RestrictToS3ServerAccessLogs",
          Effect: "Deny",
          Principal: "*",
          Action: "s3:PutObject",
          Resource: "arn:aws:s3:::amzn-s3-demo-bucket-logs/*",
          Condition: {
            "ForAllValues:StringNotEquals": { "aws:PrincipalServiceNamesList": "logging.s3.amazonaws.com" },
          },
        },
      ),
    ),
    expected: both(NONE),
    why: "§5: the logging service is pinned to the owner's account; the Deny only removes other writers (§4).",
  },
  {
    name: "s3: inventory destination for the owner's source bucket",
    source: `${S3}/tutorial-s3-batchops-lambda-mediaconvert-video/example-02-L998.json#Create and configure a bucket for S3 Inventory reports for input videos`,
    case: bucket(
      policy({
        Sid: "InventoryAndAnalyticsExamplePolicy",
        Effect: "Allow",
        Principal: { Service: "s3.amazonaws.com" },
        Action: "s3:PutObject",
        Resource: ["arn:aws:s3:::tutorial-bucket-3/*"],
        Condition: {
          ArnLike: { "aws:SourceArn": "arn:aws:s3:::tutorial-bucket-1" },
          StringEquals: { "aws:SourceAccount": OWNER, "s3:x-amz-acl": "bucket-owner-full-control" },
        },
      }),
    ),
    expected: both(NONE),
    why: "§5: s3.amazonaws.com pinned to the owner by aws:SourceAccount.",
  },
  {
    name: "s3: CloudFront origin access identity (legacy OAI principal)",
    source: `${S3}/tutorial-s3-cloudfront-route53-video-streaming/example-01-L181.json#Review the bucket policy`,
    case: bucket({
      Version: "2008-10-17",
      Id: "PolicyForCloudFrontPrivateContent",
      Statement: [
        {
          Sid: "1",
          Effect: "Allow",
          Principal: { AWS: "arn:aws:iam::cloudfront:user/CloudFront Origin Access Identity EH1HDMB1FH2TC" },
          Action: "s3:GetObject",
          Resource: "arn:aws:s3:::tutorial-bucket/*",
        },
      ],
    }),
    expected: both(["external-access"]),
    why: "§2: an IAM-style principal whose account part is 'cloudfront', not a zone account → outside; named, not '*' → external-access, not public.",
  },
  {
    name: "s3: Batch Operations role trust",
    source: `${S3}/batch-ops-iam-role-policies/example-01-L25.json#Trust policy`,
    case: role(
      policy({
        Effect: "Allow",
        Principal: { Service: "batchoperations.s3.amazonaws.com" },
        Action: "sts:AssumeRole",
      }),
    ),
    expected: both(["confused-deputy"]),
    why: "§5 confused-deputy: service principal without source keys, not on the exempt list.",
  },
  {
    name: "s3: live and batch replication sharing one role",
    source: `${S3}/setting-repl-config-perm-overview/example-02-L40.json#Creating an IAM role`,
    case: role(
      policy({
        Effect: "Allow",
        Principal: { Service: ["s3.amazonaws.com", "batchoperations.s3.amazonaws.com"] },
        Action: "sts:AssumeRole",
      }),
    ),
    expected: both(["confused-deputy"]),
    why: "§5 confused-deputy: two service principals without source keys.",
  },

  // ───────────────────────────── Log-delivery and CDN bucket policies (AWS docs, transcribed) ─────────────────────────────
  {
    name: "cloudtrail: trail bucket pinned to the owner's trail",
    source:
      "docs.aws.amazon.com/awscloudtrail/latest/userguide/create-s3-bucket-policy-for-cloudtrail.html#Amazon S3 bucket policy for CloudTrail (transcribed)",
    case: bucket(policy(...cloudTrailStatements(OWNER, OWNER))),
    expected: both(NONE),
    why: "§5: cloudtrail.amazonaws.com with aws:SourceArn whose account part is the owner's.",
  },
  {
    name: "cloudtrail: trail bucket without aws:SourceArn (pre-2022 policy)",
    source:
      "docs.aws.amazon.com/awscloudtrail/latest/userguide/create-s3-bucket-policy-for-cloudtrail.html#variant: the older policy without aws:SourceArn",
    case: bucket(
      policy(
        {
          Sid: "AWSCloudTrailAclCheck20150319",
          Effect: "Allow",
          Principal: { Service: "cloudtrail.amazonaws.com" },
          Action: "s3:GetBucketAcl",
          Resource: "arn:aws:s3:::amzn-s3-demo-bucket",
        },
        {
          Sid: "AWSCloudTrailWrite20150319",
          Effect: "Allow",
          Principal: { Service: "cloudtrail.amazonaws.com" },
          Action: "s3:PutObject",
          Resource: `arn:aws:s3:::amzn-s3-demo-bucket/AWSLogs/${OWNER}/*`,
          Condition: { StringEquals: { "s3:x-amz-acl": "bucket-owner-full-control" } },
        },
      ),
    ),
    expected: both(["confused-deputy"]),
    why: "§5 confused-deputy: no source confinement; any account's trail could be pointed at this bucket.",
  },
  {
    name: "cloudtrail: organization trail bucket in the log-archive account",
    source:
      "docs.aws.amazon.com/awscloudtrail/latest/userguide/create-s3-bucket-policy-for-cloudtrail.html#Example: organization trail (transcribed; bucket in another member account)",
    case: bucket(
      policy(...cloudTrailStatements(OWNER, OWNER), {
        Sid: "AWSCloudTrailOrganizationWrite20150319",
        Effect: "Allow",
        Principal: { Service: "cloudtrail.amazonaws.com" },
        Action: "s3:PutObject",
        Resource: `arn:aws:s3:::amzn-s3-demo-bucket/AWSLogs/${ORG_ID}/*`,
        Condition: {
          StringEquals: {
            "s3:x-amz-acl": "bucket-owner-full-control",
            "aws:SourceArn": `arn:aws:cloudtrail:us-east-1:${OWNER}:trail/trailName`,
          },
        },
      }),
      { accountId: ORG_MEMBER },
    ),
    expected: accountOnly(["external-access"]),
    why: "§5 [beyond]: the bucket is owned by 222233334444 and the service's source is pinned to the management account 111122223333 — outside the account zone, inside the organization zone.",
  },
  {
    name: "cloudtrail: organization bucket pinned by aws:SourceOrgID",
    source:
      "docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html#aws:SourceOrgID (transcribed as a CloudTrail bucket statement)",
    case: bucket(
      policy({
        Sid: "AllowOrgTrails",
        Effect: "Allow",
        Principal: { Service: "cloudtrail.amazonaws.com" },
        Action: "s3:PutObject",
        Resource: "arn:aws:s3:::amzn-s3-demo-bucket/AWSLogs/*",
        Condition: {
          StringEquals: { "aws:SourceOrgID": ORG_ID, "s3:x-amz-acl": "bucket-owner-full-control" },
        },
      }),
    ),
    expected: accountOnly(["external-access"]),
    why: "§3/§5: aws:SourceOrgID confines the service to the zone's organization: no confused-deputy; the other organization accounts are outside the account zone only.",
  },
  {
    name: "config: delivery bucket for the owner account",
    source:
      "docs.aws.amazon.com/config/latest/developerguide/s3-bucket-policy.html#Granting AWS Config access to the Amazon S3 bucket (transcribed)",
    case: bucket(configDelivery([OWNER])),
    expected: both(NONE),
    why: "§5: config.amazonaws.com pinned by AWS:SourceAccount (keys are case-insensitive, §3) to the owner.",
  },
  {
    name: "config: central delivery bucket for an organization account",
    source:
      "docs.aws.amazon.com/config/latest/developerguide/s3-bucket-policy.html#variant: sourceAccountID is another organization account",
    case: bucket(configDelivery([ORG_MEMBER])),
    expected: accountOnly(["external-access"]),
    why: "§5 [beyond]: service source pinned to 222233334444, outside the account zone only.",
  },
  {
    name: "cloudfront: origin access control pinned to the owner's distribution",
    source:
      "docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/private-content-restricting-access-to-s3.html#Grant CloudFront permission to access the S3 bucket (transcribed)",
    case: bucket(
      cloudFrontOac({
        StringEquals: { "AWS:SourceArn": `arn:aws:cloudfront::${OWNER}:distribution/EDFDVBD6EXAMPLE` },
      }),
    ),
    expected: both(NONE),
    why: "§5: cloudfront.amazonaws.com with aws:SourceArn in the owner's account.",
  },
  {
    name: "cloudfront: origin access control without aws:SourceArn",
    source:
      "docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/private-content-restricting-access-to-s3.html#variant: Condition removed",
    case: bucket(cloudFrontOac()),
    expected: both(["confused-deputy"]),
    why: "§5 confused-deputy: any CloudFront distribution of any account could read the bucket.",
  },
  {
    name: "cloudfront: origin access control for a distribution of another account",
    source:
      "docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/private-content-restricting-access-to-s3.html#variant: distribution in an outside account",
    case: bucket(
      cloudFrontOac({
        StringEquals: { "AWS:SourceArn": `arn:aws:cloudfront::${OUTSIDE}:distribution/EDFDVBD6EXAMPLE` },
      }),
    ),
    expected: both(["external-access"]),
    why: "§5 [beyond]: service source pinned to 444455556666, outside both zones.",
  },
  {
    name: "vpc: flow logs delivery bucket",
    source:
      "docs.aws.amazon.com/vpc/latest/userguide/flow-logs-s3-permissions.html#Amazon S3 bucket permissions for flow logs (transcribed)",
    case: bucket(
      policy(
        {
          Sid: "AWSLogDeliveryWrite",
          Effect: "Allow",
          Principal: { Service: "delivery.logs.amazonaws.com" },
          Action: "s3:PutObject",
          Resource: `arn:aws:s3:::my-flow-log-bucket/AWSLogs/${OWNER}/*`,
          Condition: {
            StringEquals: { "aws:SourceAccount": OWNER, "s3:x-amz-acl": "bucket-owner-full-control" },
            ArnLike: { "aws:SourceArn": `arn:aws:logs:us-east-1:${OWNER}:*` },
          },
        },
        {
          Sid: "AWSLogDeliveryAclCheck",
          Effect: "Allow",
          Principal: { Service: "delivery.logs.amazonaws.com" },
          Action: ["s3:GetBucketAcl", "s3:ListBucket"],
          Resource: "arn:aws:s3:::my-flow-log-bucket",
          Condition: {
            StringEquals: { "aws:SourceAccount": OWNER },
            ArnLike: { "aws:SourceArn": `arn:aws:logs:us-east-1:${OWNER}:*` },
          },
        },
      ),
    ),
    expected: both(NONE),
    why: "§5: delivery.logs.amazonaws.com pinned to the owner by aws:SourceAccount and aws:SourceArn.",
  },

  // ───────────────────────────── aa-custom-policy-check-samples: who is granted S3 access ─────────────────────────────
  {
    name: "aa-samples: bucket readable by '*' pinned by aws:PrincipalArn to an owner role",
    source: `${AA}/check-who-is-granted-access/s3-all-actions.labeled.json#candidate 1`,
    case: bucket(s3ReadByPrincipalArn(`arn:aws:iam::${OWNER}:role/MyPrivilegedRole`)),
    expected: both(NONE),
    why: "§3 aws:PrincipalArn with a fixed account part (the owner) confines '*' to the owner account.",
  },
  {
    name: "aa-samples: bucket readable by '*' pinned by aws:PrincipalArn to an outside role",
    source: `${AA}/check-who-is-granted-access/s3-all-actions.labeled.json#variant: role in an outside account`,
    case: bucket(s3ReadByPrincipalArn(`arn:aws:iam::${OUTSIDE}:role/MyPrivilegedRole`)),
    expected: both(["external-access"]),
    why: "§3: confined to 444455556666 by aws:PrincipalArn → external, not public.",
  },
  {
    name: "aa-samples: bucket readable by '*' with aws:PrincipalArn in any account",
    source: `${AA}/check-who-is-granted-access/s3-all-actions.labeled.json#variant: account part of aws:PrincipalArn is "*"`,
    case: bucket(s3ReadByPrincipalArn("arn:aws:iam::*:role/MyPrivilegedRole")),
    expected: both(["public-access"]),
    why: "§5: a wildcard in the account part of a confining key confines nothing → public-access.",
  },

  // ───────────────────────────── EKS User Guide ─────────────────────────────
  {
    name: "eks: IRSA trust pinned to one service account",
    source: `${EKS}/associate-service-account-role/example-03-L159.json#Confirm configuration`,
    case: role(
      policy({
        Effect: "Allow",
        Principal: { Federated: EKS_PROVIDER },
        Action: "sts:AssumeRoleWithWebIdentity",
        Condition: {
          StringEquals: {
            [`${EKS_ISSUER}:sub`]: "system:serviceaccount:default:my-service-account",
            [`${EKS_ISSUER}:aud`]: "sts.amazonaws.com",
          },
        },
      }),
    ),
    expected: both(NONE),
    why: "§5: EKS issuers need sub pinned; it is.",
  },
  {
    name: "eks: IRSA trust for the EFS CSI driver (sub with a trailing wildcard)",
    source: `${EKS}/efs-csi/example-01-L127.json#[ AWS CLI ]`,
    case: role(
      policy({
        Effect: "Allow",
        Principal: { Federated: EKS_PROVIDER },
        Action: "sts:AssumeRoleWithWebIdentity",
        Condition: {
          StringLike: {
            [`${EKS_ISSUER}:sub`]: "system:serviceaccount:kube-system:efs-csi-*",
            [`${EKS_ISSUER}:aud`]: "sts.amazonaws.com",
          },
        },
      }),
    ),
    expected: both(NONE),
    why: "§5: sub pins the namespace and the service-account prefix of one cluster's issuer; only a value matching every identity ('*', 'system:serviceaccount:*') leaves it unscoped.",
  },
  {
    name: "eks: IRSA trust with aud only",
    source: `${EKS}/cni-iam-role/example-01-L86.json#variant: sub condition removed`,
    case: role(
      policy({
        Effect: "Allow",
        Principal: { Federated: EKS_PROVIDER },
        Action: "sts:AssumeRoleWithWebIdentity",
        Condition: { StringEquals: { [`${EKS_ISSUER}:aud`]: "sts.amazonaws.com" } },
      }),
    ),
    expected: both(["unscoped-federation"]),
    why: "§5: for EKS, sub must be pinned; every pod of the cluster could assume the role.",
  },
  {
    name: "eks: cross-account IRSA, OIDC trust with no condition",
    source: `${EKS}/cross-account-access/example-02-L40.json#Authenticate to another account with IRSA`,
    case: role(
      policy({
        Effect: "Allow",
        Principal: { Federated: EKS_PROVIDER },
        Action: "sts:AssumeRoleWithWebIdentity",
      }),
    ),
    expected: both(["unscoped-federation"]),
    why: "§5: no sub condition.",
  },
  {
    name: "eks: cross-account IRSA, target role trusting the cluster account (empty Condition)",
    source: `${EKS}/cross-account-access/example-01-L23.json#Authenticate to another account with IRSA`,
    case: role(
      policy({
        Effect: "Allow",
        Principal: { AWS: `arn:aws:iam::${OUTSIDE}:root` },
        Action: "sts:AssumeRole",
        Condition: {},
      }),
    ),
    expected: both(["external-access", "missing-external-id"]),
    why: "§2: the cluster account 444455556666 is outside both zones; an empty Condition block adds nothing (§3).",
  },
  {
    name: "eks: cluster role",
    source: `${EKS}/cluster-iam-role/example-02-L65.json#Check for an existing cluster role`,
    case: role(
      policy({ Effect: "Allow", Principal: { Service: "eks.amazonaws.com" }, Action: "sts:AssumeRole" }),
    ),
    expected: both(["confused-deputy"]),
    why: "§5 confused-deputy: service principal without source keys, not on the exempt list.",
  },
  {
    name: "eks: service-linked role AWSServiceRoleForAmazonEKS",
    source: `${EKS}/cluster-iam-role/example-02-L65.json#variant: same trust on the service-linked role path`,
    case: role(
      policy({ Effect: "Allow", Principal: { Service: "eks.amazonaws.com" }, Action: "sts:AssumeRole" }),
      {
        rolePath: "/aws-service-role/eks.amazonaws.com/",
        roleName: "AWSServiceRoleForAmazonEKS",
      },
    ),
    expected: both(NONE),
    why: "§5: service-linked roles (path /aws-service-role/) are exempt from confused-deputy.",
  },
  {
    name: "eks: Fargate pod execution role pinned by aws:SourceArn",
    source: `${EKS}/pod-execution-role/example-01-L41.json#Check for a correctly configured existing Pod execution role`,
    case: role(
      policy({
        Effect: "Allow",
        Condition: {
          ArnLike: { "aws:SourceArn": `arn:aws:eks:us-east-1:${OWNER}:fargateprofile/my-cluster/*` },
        },
        Principal: { Service: "eks-fargate-pods.amazonaws.com" },
        Action: "sts:AssumeRole",
      }),
    ),
    expected: both(NONE),
    why: "§5: aws:SourceArn with the owner's account part.",
  },
  {
    name: "eks: Pod Identity role",
    source: `${EKS}/pod-id-association/example-01-L31.json#[ AWS Management Console ]`,
    case: role(
      policy({
        Sid: "AllowEksAuthToAssumeRoleForPodIdentity",
        Effect: "Allow",
        Principal: { Service: "pods.eks.amazonaws.com" },
        Action: ["sts:AssumeRole", "sts:TagSession"],
      }),
    ),
    expected: both(["confused-deputy"]),
    why: "§5 confused-deputy: pods.eks.amazonaws.com without aws:SourceArn/SourceAccount.",
  },
  {
    name: "eks: EKS Connector role (Systems Manager)",
    source: `${EKS}/connector-iam-role/example-01-L25.json#Check for an existing EKS connector role`,
    case: role(
      policy({ Effect: "Allow", Principal: { Service: ["ssm.amazonaws.com"] }, Action: "sts:AssumeRole" }),
    ),
    expected: both(["confused-deputy"]),
    why: "§5 confused-deputy: ssm.amazonaws.com without source keys.",
  },
];
