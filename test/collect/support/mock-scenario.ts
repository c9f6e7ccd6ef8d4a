/**
 * A mocked organization for the collector tests, served to the real SDK clients through aws-sdk-client-mock.
 *
 * Management 111122223333 (read with the caller's credentials) and ACTIVE members 444455556666 (prod),
 * 777788889999 (dev) and 555566667777 (sandbox, whose role cannot be assumed); 888899990000 is SUSPENDED.
 * OU tree: Root > Workloads > {Prod, Dev}, Root > Sandbox. SCPs FullAWSAccess and DenyLeaveOrg, RCPs
 * RCPFullAWSAccess and EnforceOrgIdentities (on Prod). 999999999999 is the outside vendor.
 *
 * Exercised on the way: pagination (IAM details in 3 pages, ListBuckets, ListAccountsForParent, ListPolicies,
 * ListTargetsForPolicy in 2), URL-encoded IAM documents (with a space, `+` and `%` in a value), throttling
 * followed by success (ListRoots, an IAM page, a bucket policy), throttling that never ends (dev's SAML list),
 * AccessDenied on one bucket policy and on sandbox's role, buckets in eu-west-1 (one found by
 * GetBucketLocation answering the legacy `EU`), and each bucket call checked to come from a client in the
 * bucket's own region. The regional services (KMS, SQS, SNS, Lambda, Secrets Manager, ECR, EFS, DynamoDB) are in
 * mock-regional.ts and mock-regional-data.ts.
 */
import {
  GetAccountAuthorizationDetailsCommand,
  GetOpenIDConnectProviderCommand,
  IAMClient,
  IAMServiceException,
  ListOpenIDConnectProvidersCommand,
  ListSAMLProvidersCommand,
  type GetAccountAuthorizationDetailsCommandOutput,
  type ManagedPolicyDetail,
  type RoleDetail,
} from "@aws-sdk/client-iam";
import {
  DescribeOrganizationCommand,
  DescribePolicyCommand,
  ListAccountsForParentCommand,
  ListOrganizationalUnitsForParentCommand,
  ListPoliciesCommand,
  ListRootsCommand,
  ListTargetsForPolicyCommand,
  OrganizationsClient,
  OrganizationsServiceException,
  type Account,
  type PolicySummary,
  type PolicyTargetSummary,
} from "@aws-sdk/client-organizations";
import {
  GetBucketAclCommand,
  GetBucketLocationCommand,
  GetBucketPolicyCommand,
  GetPublicAccessBlockCommand,
  ListBucketsCommand,
  S3Client,
  S3ServiceException,
  type Bucket,
  type GetBucketAclCommandOutput,
  type PublicAccessBlockConfiguration,
} from "@aws-sdk/client-s3";
import {
  GetPublicAccessBlockCommand as GetAccountPublicAccessBlockCommand,
  S3ControlClient,
} from "@aws-sdk/client-s3-control";
import {
  AssumeRoleCommand,
  GetCallerIdentityCommand,
  STSClient,
  STSServiceException,
} from "@aws-sdk/client-sts";
import { mockClient } from "aws-sdk-client-mock";
import { createAwsClientFactory, type ClientFactory } from "../../../src/collect/clients.js";
import { DEV, MGMT, ORG_ID, OUTSIDE, PROD, SANDBOX, SUSPENDED } from "./mock-ids.js";
import { mockRegionalServices, type RegionalMocks, type RegionalScenario } from "./mock-regional.js";

export { DEV, MGMT, ORG_ID, OUTSIDE, PROD, SANDBOX, SUSPENDED };
export const COLLECTED_AT = new Date("2026-11-21T06:00:00Z");
export const TEST_RETRY = { rounds: 3, baseDelayMs: 1, maxDelayMs: 2 };

const ROOT = "r-ab12";
const OU_WORKLOADS = "ou-ab12-11111111";
const OU_PROD = "ou-ab12-22222222";
const OU_DEV = "ou-ab12-33333333";
const OU_SANDBOX = "ou-ab12-44444444";
const CALLER_KEY = "AKIDCALLEREXAMPLE";
const CALLER_SECRET = "caller-secret-never-written";
const memberKey = (account: string) => `member-key-${account}`;
const when = (iso: string) => new Date(iso);
/** IAM returns documents URL-encoded (RFC 3986). */
const encoded = (doc: object) => encodeURIComponent(JSON.stringify(doc));

// ---------------------------------------------------------------- errors as the SDK raises them

export function throttling(service: "iam" | "s3" | "organizations" | "sts"): Error {
  const fields = { $fault: "client" as const, message: "Rate exceeded" };
  if (service === "s3")
    return new S3ServiceException({ ...fields, name: "SlowDown", $metadata: { httpStatusCode: 503 } });
  if (service === "organizations") {
    return new OrganizationsServiceException({
      ...fields,
      name: "TooManyRequestsException",
      $metadata: { httpStatusCode: 400 },
    });
  }
  if (service === "sts")
    return new STSServiceException({ ...fields, name: "Throttling", $metadata: { httpStatusCode: 400 } });
  return new IAMServiceException({ ...fields, name: "Throttling", $metadata: { httpStatusCode: 400 } });
}

function s3Error(name: string, status: number, message: string): S3ServiceException {
  return new S3ServiceException({ name, $fault: "client", $metadata: { httpStatusCode: status }, message });
}

// ---------------------------------------------------------------- IAM data

function role(account: string, name: string, trust: object, extra: Partial<RoleDetail> = {}): RoleDetail {
  const path = extra.Path ?? "/";
  return {
    Path: path,
    RoleName: name,
    RoleId: `AROA${account.slice(0, 6)}${name
      .replace(/[^A-Za-z]/g, "")
      .toUpperCase()
      .slice(0, 10)}`,
    Arn: `arn:aws:iam::${account}:role${path}${name}`,
    CreateDate: when("2024-03-01T09:30:00Z"),
    AssumeRolePolicyDocument: encoded(trust),
    InstanceProfileList: [],
    RolePolicyList: [],
    AttachedManagedPolicies: [],
    Tags: [],
    RoleLastUsed: {},
    ...extra,
  };
}

const trustAccount = (principal: string, condition?: object) => ({
  Version: "2012-10-17",
  Statement: [
    {
      Effect: "Allow",
      Principal: { AWS: principal },
      Action: "sts:AssumeRole",
      ...(condition ? { Condition: condition } : {}),
    },
  ],
});
const trustService = (service: string) => ({
  Version: "2012-10-17",
  Statement: [{ Effect: "Allow", Principal: { Service: service }, Action: "sts:AssumeRole" }],
});
const trustGithub = (account: string, condition: object) => ({
  Version: "2012-10-17",
  Statement: [
    {
      Effect: "Allow",
      Principal: { Federated: `arn:aws:iam::${account}:oidc-provider/token.actions.githubusercontent.com` },
      Action: "sts:AssumeRoleWithWebIdentity",
      Condition: condition,
    },
  ],
});
const orgAccessRole = (account: string) =>
  role(account, "OrganizationAccountAccessRole", trustAccount(`arn:aws:iam::${MGMT}:root`));

const ec2Trust = trustService("ec2.amazonaws.com");
const mgmtRoles = {
  vendorDeploy: role(
    MGMT,
    "vendor-deploy",
    // No sts:ExternalId; the UserAgent value checks URL-decoding of a space, `+` and `%`.
    trustAccount(`arn:aws:iam::${OUTSIDE}:role/deployer`, {
      StringLike: { "aws:UserAgent": "deploy tool+1 100%" },
    }),
  ),
  serviceLinked: role(MGMT, "AWSServiceRoleForOrganizations", trustService("organizations.amazonaws.com"), {
    Path: "/aws-service-role/organizations.amazonaws.com/",
  }),
  ec2: role(MGMT, "ec2-instance", ec2Trust, {
    RolePolicyList: [
      {
        PolicyName: "read-trail",
        PolicyDocument: encoded({
          Version: "2012-10-17",
          Statement: [
            { Effect: "Allow", Action: "s3:GetObject", Resource: "arn:aws:s3:::mgmt-cloudtrail-logs/*" },
          ],
        }),
      },
    ],
    InstanceProfileList: [
      {
        Path: "/",
        InstanceProfileName: "ec2-instance",
        InstanceProfileId: "AIPAEXAMPLEEC2INSTANCE",
        Arn: `arn:aws:iam::${MGMT}:instance-profile/ec2-instance`,
        CreateDate: when("2024-03-01T09:31:00Z"),
        Roles: [
          {
            Path: "/",
            RoleName: "ec2-instance",
            RoleId: "AROA111122EC2INSTANC",
            Arn: `arn:aws:iam::${MGMT}:role/ec2-instance`,
            CreateDate: when("2024-03-01T09:30:00Z"),
            AssumeRolePolicyDocument: encoded(ec2Trust),
          },
        ],
      },
    ],
  }),
  github: role(
    MGMT,
    "github-deploy",
    // Only the audience is pinned: any repository can come in.
    trustGithub(MGMT, { StringEquals: { "token.actions.githubusercontent.com:aud": "sts.amazonaws.com" } }),
  ),
  vendorAudit: role(
    MGMT,
    "vendor-audit",
    trustAccount(`arn:aws:iam::${OUTSIDE}:root`, { StringEquals: { "sts:ExternalId": "vendor-7f3a9c" } }),
    {
      AttachedManagedPolicies: [
        { PolicyName: "SecurityAudit", PolicyArn: "arn:aws:iam::aws:policy/SecurityAudit" },
      ],
    },
  ),
};

const collectPolicy: ManagedPolicyDetail = {
  PolicyName: "trustscan-collect",
  PolicyId: "ANPAEXAMPLECOLLECT01",
  Arn: `arn:aws:iam::${MGMT}:policy/trustscan-collect`,
  Path: "/",
  DefaultVersionId: "v2",
  AttachmentCount: 1,
  PermissionsBoundaryUsageCount: 0,
  IsAttachable: true,
  CreateDate: when("2025-01-10T12:00:00Z"),
  UpdateDate: when("2025-02-10T12:00:00Z"),
  PolicyVersionList: [
    {
      VersionId: "v2",
      IsDefaultVersion: true,
      CreateDate: when("2025-02-10T12:00:00Z"),
      Document: encoded({
        Version: "2012-10-17",
        Statement: [
          {
            Sid: "Read",
            Effect: "Allow",
            Action: ["iam:GetAccountAuthorizationDetails", "s3:GetBucketPolicy"],
            Resource: "*",
          },
        ],
      }),
    },
    {
      VersionId: "v1",
      IsDefaultVersion: false,
      CreateDate: when("2025-01-10T12:00:00Z"),
      Document: encoded({
        Version: "2012-10-17",
        Statement: [{ Effect: "Allow", Action: "iam:GetAccountAuthorizationDetails", Resource: "*" }],
      }),
    },
  ],
};

const securityAudit: ManagedPolicyDetail = {
  PolicyName: "SecurityAudit",
  PolicyId: "ANPAEXAMPLESECAUDIT1",
  Arn: "arn:aws:iam::aws:policy/SecurityAudit",
  Path: "/",
  DefaultVersionId: "v1",
  AttachmentCount: 2,
  IsAttachable: true,
  CreateDate: when("2015-02-06T18:41:01Z"),
  UpdateDate: when("2015-02-06T18:41:01Z"),
  PolicyVersionList: [
    {
      VersionId: "v1",
      IsDefaultVersion: true,
      CreateDate: when("2015-02-06T18:41:01Z"),
      Document: encoded({
        Version: "2012-10-17",
        Statement: [{ Effect: "Allow", Action: ["iam:Get*", "iam:List*"], Resource: "*" }],
      }),
    },
  ],
};

type IamPage = Omit<GetAccountAuthorizationDetailsCommandOutput, "$metadata">;

const mgmtIamPages: IamPage[] = [
  {
    UserDetailList: [
      {
        Path: "/",
        UserName: "collector",
        UserId: "AIDAEXAMPLECOLLECTOR",
        Arn: `arn:aws:iam::${MGMT}:user/collector`,
        CreateDate: when("2024-05-05T05:05:05Z"),
        UserPolicyList: [
          {
            PolicyName: "assume-members",
            PolicyDocument: encoded({
              Version: "2012-10-17",
              Statement: [
                {
                  Effect: "Allow",
                  Action: "sts:AssumeRole",
                  Resource: "arn:aws:iam::*:role/OrganizationAccountAccessRole",
                },
              ],
            }),
          },
        ],
        GroupList: ["auditors"],
        AttachedManagedPolicies: [{ PolicyName: "trustscan-collect", PolicyArn: collectPolicy.Arn }],
        Tags: [
          { Key: "team", Value: "security" },
          { Key: "owner", Value: "alice" },
        ],
      },
    ],
    GroupDetailList: [
      {
        Path: "/",
        GroupName: "auditors",
        GroupId: "AGPAEXAMPLEAUDITORS1",
        Arn: `arn:aws:iam::${MGMT}:group/auditors`,
        CreateDate: when("2024-05-05T05:00:00Z"),
        GroupPolicyList: [],
        AttachedManagedPolicies: [{ PolicyName: "SecurityAudit", PolicyArn: securityAudit.Arn }],
      },
    ],
    RoleDetailList: [mgmtRoles.vendorDeploy, mgmtRoles.serviceLinked],
    Policies: [],
    IsTruncated: true,
    Marker: "mgmt-page-2",
  },
  {
    UserDetailList: [],
    GroupDetailList: [],
    RoleDetailList: [mgmtRoles.github, mgmtRoles.vendorAudit],
    Policies: [],
    IsTruncated: true,
    Marker: "mgmt-page-3",
  },
  {
    UserDetailList: [],
    GroupDetailList: [],
    RoleDetailList: [mgmtRoles.ec2],
    Policies: [securityAudit, collectPolicy],
    IsTruncated: false,
  },
];

// ---------------------------------------------------------------- S3 data

const ALL_BLOCKED: PublicAccessBlockConfiguration = {
  BlockPublicAcls: true,
  IgnorePublicAcls: true,
  BlockPublicPolicy: true,
  RestrictPublicBuckets: true,
};

const ownerAcl = (account: string): Omit<GetBucketAclCommandOutput, "$metadata"> => ({
  Owner: { ID: `canonical-${account}` },
  Grants: [{ Grantee: { Type: "CanonicalUser", ID: `canonical-${account}` }, Permission: "FULL_CONTROL" }],
});

interface MockBucket {
  region: string;
  /** GetBucketLocation's answer, when ListBuckets does not give the region. */
  locationConstraint?: string;
  policy: object | null | Error;
  publicAccessBlock: PublicAccessBlockConfiguration | null;
  acl: Omit<GetBucketAclCommandOutput, "$metadata">;
  /** The first GetBucketPolicy is throttled. */
  throttlePolicyOnce?: boolean;
}

interface MockAccount {
  iamPages: IamPage[];
  oidcProviders: {
    Arn: string;
    Url: string;
    ClientIDList: string[];
    ThumbprintList: string[];
    CreateDate: Date;
  }[];
  samlProviders: { Arn: string; ValidUntil: Date; CreateDate: Date }[] | "always-throttled";
  accountPublicAccessBlock: PublicAccessBlockConfiguration | null;
  bucketPages: Bucket[][];
  buckets: Record<string, MockBucket>;
}

const githubProvider = (account: string) => ({
  Arn: `arn:aws:iam::${account}:oidc-provider/token.actions.githubusercontent.com`,
  Url: "token.actions.githubusercontent.com",
  ClientIDList: ["sts.amazonaws.com"],
  ThumbprintList: ["6938fd4d98bab03faadb97b34396831e3780aea1"],
  CreateDate: when("2024-06-01T00:00:00Z"),
});

const publicRead = (bucket: string) => ({
  Version: "2012-10-17",
  Statement: [
    {
      Sid: "PublicRead",
      Effect: "Allow",
      Principal: "*",
      Action: "s3:GetObject",
      Resource: `arn:aws:s3:::${bucket}/*`,
    },
  ],
});

export const ACCOUNTS: Record<string, MockAccount> = {
  [MGMT]: {
    iamPages: mgmtIamPages,
    oidcProviders: [githubProvider(MGMT)],
    samlProviders: [
      {
        Arn: `arn:aws:iam::${MGMT}:saml-provider/okta`,
        ValidUntil: when("2030-01-01T00:00:00Z"),
        CreateDate: when("2024-01-01T00:00:00Z"),
      },
    ],
    accountPublicAccessBlock: ALL_BLOCKED,
    bucketPages: [[{ Name: "mgmt-cloudtrail-logs", CreationDate: when("2024-02-02T02:02:02Z") }]],
    buckets: {
      "mgmt-cloudtrail-logs": {
        region: "us-east-1",
        locationConstraint: "",
        // CloudTrail may write with no aws:SourceArn / aws:SourceAccount pinning it to this trail.
        policy: {
          Version: "2012-10-17",
          Statement: [
            {
              Sid: "AWSCloudTrailWrite",
              Effect: "Allow",
              Principal: { Service: "cloudtrail.amazonaws.com" },
              Action: "s3:PutObject",
              Resource: "arn:aws:s3:::mgmt-cloudtrail-logs/AWSLogs/*",
              Condition: { StringEquals: { "s3:x-amz-acl": "bucket-owner-full-control" } },
            },
          ],
        },
        publicAccessBlock: ALL_BLOCKED,
        acl: ownerAcl(MGMT),
      },
    },
  },
  [PROD]: {
    iamPages: [
      {
        UserDetailList: [],
        GroupDetailList: [],
        RoleDetailList: [
          role(
            PROD,
            "partner-readonly",
            trustAccount(`arn:aws:iam::${OUTSIDE}:root`, {
              StringEquals: { "sts:ExternalId": "partner-51c2" },
            }),
          ),
          orgAccessRole(PROD),
        ],
        Policies: [],
        IsTruncated: false,
      },
    ],
    oidcProviders: [],
    samlProviders: [],
    accountPublicAccessBlock: null,
    bucketPages: [
      [
        { Name: "prod-private", CreationDate: when("2024-04-04T04:04:04Z"), BucketRegion: "us-east-1" },
        { Name: "prod-data-eu", CreationDate: when("2024-04-05T04:04:04Z"), BucketRegion: "eu-west-1" },
      ],
      [{ Name: "prod-restricted", CreationDate: when("2024-04-06T04:04:04Z"), BucketRegion: "us-east-1" }],
    ],
    buckets: {
      "prod-private": {
        region: "us-east-1",
        policy: {
          Version: "2012-10-17",
          Statement: [
            {
              Sid: "DenyInsecureTransport",
              Effect: "Deny",
              Principal: "*",
              Action: "s3:*",
              Resource: ["arn:aws:s3:::prod-private", "arn:aws:s3:::prod-private/*"],
              Condition: { Bool: { "aws:SecureTransport": "false" } },
            },
          ],
        },
        publicAccessBlock: ALL_BLOCKED,
        acl: ownerAcl(PROD),
      },
      "prod-data-eu": {
        region: "eu-west-1",
        policy: {
          Version: "2012-10-17",
          Statement: [
            {
              Sid: "VendorRead",
              Effect: "Allow",
              Principal: { AWS: `arn:aws:iam::${OUTSIDE}:root` },
              Action: ["s3:GetObject", "s3:ListBucket"],
              Resource: ["arn:aws:s3:::prod-data-eu", "arn:aws:s3:::prod-data-eu/*"],
            },
          ],
        },
        publicAccessBlock: null,
        acl: ownerAcl(PROD),
        throttlePolicyOnce: true,
      },
      "prod-restricted": {
        region: "us-east-1",
        policy: s3Error("AccessDenied", 403, "Access Denied"),
        publicAccessBlock: ALL_BLOCKED,
        acl: ownerAcl(PROD),
      },
    },
  },
  [DEV]: {
    iamPages: [
      {
        UserDetailList: [],
        GroupDetailList: [],
        RoleDetailList: [
          orgAccessRole(DEV),
          role(
            DEV,
            "ci-deployer",
            trustGithub(DEV, {
              StringEquals: {
                "token.actions.githubusercontent.com:aud": "sts.amazonaws.com",
                "token.actions.githubusercontent.com:sub": "repo:example-org/app:ref:refs/heads/main",
              },
            }),
          ),
        ],
        Policies: [],
        IsTruncated: false,
      },
    ],
    oidcProviders: [githubProvider(DEV)],
    samlProviders: "always-throttled",
    accountPublicAccessBlock: {
      BlockPublicAcls: false,
      IgnorePublicAcls: false,
      BlockPublicPolicy: false,
      RestrictPublicBuckets: false,
    },
    bucketPages: [[{ Name: "dev-public-assets", CreationDate: when("2024-07-07T07:07:07Z") }]],
    buckets: {
      "dev-public-assets": {
        region: "eu-west-1",
        locationConstraint: "EU",
        policy: publicRead("dev-public-assets"),
        publicAccessBlock: null,
        acl: {
          Owner: { ID: `canonical-${DEV}` },
          Grants: [
            { Grantee: { Type: "CanonicalUser", ID: `canonical-${DEV}` }, Permission: "FULL_CONTROL" },
            {
              Grantee: { Type: "Group", URI: "http://acs.amazonaws.com/groups/global/AllUsers" },
              Permission: "READ",
            },
          ],
        },
      },
    },
  },
};

// ---------------------------------------------------------------- organization data

const orgArn = (kind: string, id: string) => `arn:aws:organizations::${MGMT}:${kind}/${ORG_ID}/${id}`;
const ou = (id: string, name: string) => ({ Id: id, Arn: orgArn("ou", id), Name: name });
const member = (id: string, name: string, state: "ACTIVE" | "SUSPENDED", withStatus = true): Account => ({
  Id: id,
  Arn: orgArn("account", id),
  Email: `aws+${name}@example.com`,
  Name: name,
  ...(withStatus ? { Status: state } : {}),
  State: state,
  JoinedMethod: "CREATED",
  JoinedTimestamp: when("2023-01-01T00:00:00Z"),
});

const OUS_BY_PARENT: Record<string, ReturnType<typeof ou>[]> = {
  [ROOT]: [ou(OU_SANDBOX, "Sandbox"), ou(OU_WORKLOADS, "Workloads")],
  [OU_WORKLOADS]: [ou(OU_PROD, "Prod"), ou(OU_DEV, "Dev")],
};
/** Pages of accounts per parent: the root's come in two. */
const ACCOUNT_PAGES_BY_PARENT: Record<string, Account[][]> = {
  [ROOT]: [[member(MGMT, "management", "ACTIVE")], [member(SUSPENDED, "closed", "SUSPENDED")]],
  [OU_PROD]: [[member(PROD, "prod", "ACTIVE")]],
  // AWS retires `Status` in 2026: this account comes with `State` only.
  [OU_DEV]: [[member(DEV, "dev", "ACTIVE", false)]],
  [OU_SANDBOX]: [[member(SANDBOX, "sandbox", "ACTIVE")]],
};

interface MockPolicy {
  summary: PolicySummary;
  content: object;
  targetPages: PolicyTargetSummary[][];
}
const target = (
  id: string,
  type: "ROOT" | "ORGANIZATIONAL_UNIT" | "ACCOUNT",
  name: string,
): PolicyTargetSummary => ({
  TargetId: id,
  Arn: type === "ROOT" ? orgArn("root", id) : type === "ACCOUNT" ? orgArn("account", id) : orgArn("ou", id),
  Name: name,
  Type: type,
});
const policy = (
  id: string,
  name: string,
  type: PolicySummary["Type"],
  awsManaged: boolean,
  content: object,
  targetPages: PolicyTargetSummary[][],
): MockPolicy => ({
  summary: {
    Id: id,
    Arn: awsManaged
      ? `arn:aws:organizations::aws:policy/${type === "SERVICE_CONTROL_POLICY" ? "service_control_policy" : "resource_control_policy"}/${id}`
      : `arn:aws:organizations::${MGMT}:policy/${ORG_ID}/${type === "SERVICE_CONTROL_POLICY" ? "service_control_policy" : "resource_control_policy"}/${id}`,
    Name: name,
    Description: `${name} (test)`,
    Type: type,
    AwsManaged: awsManaged,
  },
  content,
  targetPages,
});

const POLICIES: MockPolicy[] = [
  policy(
    "p-FullAWSAccess",
    "FullAWSAccess",
    "SERVICE_CONTROL_POLICY",
    true,
    { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "*", Resource: "*" }] },
    [
      [target(ROOT, "ROOT", "Root")],
      [target(OU_WORKLOADS, "ORGANIZATIONAL_UNIT", "Workloads"), target(MGMT, "ACCOUNT", "management")],
    ],
  ),
  policy(
    "p-denyleave1",
    "DenyLeaveOrg",
    "SERVICE_CONTROL_POLICY",
    false,
    {
      Version: "2012-10-17",
      Statement: [
        { Sid: "DenyLeave", Effect: "Deny", Action: "organizations:LeaveOrganization", Resource: "*" },
      ],
    },
    [[target(OU_WORKLOADS, "ORGANIZATIONAL_UNIT", "Workloads")]],
  ),
  policy(
    "p-RCPFullAWSAccess",
    "RCPFullAWSAccess",
    "RESOURCE_CONTROL_POLICY",
    true,
    { Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: "*", Action: "*", Resource: "*" }] },
    [[target(ROOT, "ROOT", "Root")]],
  ),
  policy(
    "p-orgident1",
    "EnforceOrgIdentities",
    "RESOURCE_CONTROL_POLICY",
    false,
    {
      Version: "2012-10-17",
      Statement: [
        {
          Sid: "EnforceOrgIdentities",
          Effect: "Deny",
          Principal: "*",
          Action: "s3:*",
          Resource: "*",
          Condition: {
            StringNotEqualsIfExists: { "aws:PrincipalOrgID": ORG_ID },
            BoolIfExists: { "aws:PrincipalIsAWSService": "false" },
          },
        },
      ],
    },
    [[target(OU_PROD, "ORGANIZATIONAL_UNIT", "Prod")]],
  ),
];

// ---------------------------------------------------------------- wiring

interface ClientLike {
  config: { credentials: unknown; region: unknown };
}

/** Which account a mocked request is for, from the credentials of the client that sent it. */
async function accountOf(getClient: () => unknown): Promise<string> {
  const config = (getClient() as ClientLike).config;
  const identity = (await (config.credentials as () => Promise<{ accessKeyId: string }>)()) as {
    accessKeyId: string;
  };
  if (identity.accessKeyId === CALLER_KEY) return MGMT;
  const account = identity.accessKeyId.replace("member-key-", "");
  if (!ACCOUNTS[account]) throw new Error(`unexpected credentials ${identity.accessKeyId}`);
  return account;
}

async function regionOf(getClient: () => unknown): Promise<string> {
  return (await ((getClient() as ClientLike).config.region as () => Promise<string>)()) as string;
}

function accountData(account: string): MockAccount {
  const data = ACCOUNTS[account];
  if (!data) throw new Error(`no mock data for ${account}`);
  return data;
}

function pageOf<T>(pages: T[][], token: string | undefined, prefix: string): { items: T[]; next?: string } {
  const index = token ? Number(token.replace(`${prefix}-`, "")) : 0;
  return {
    items: pages[index] ?? [],
    ...(index + 1 < pages.length ? { next: `${prefix}-${index + 1}` } : {}),
  };
}

export interface MockedAws {
  clients: ClientFactory;
  mocks: {
    sts: ReturnType<typeof mockClient>;
    organizations: ReturnType<typeof mockClient>;
    iam: ReturnType<typeof mockClient>;
    s3: ReturnType<typeof mockClient>;
    s3Control: ReturnType<typeof mockClient>;
  } & RegionalMocks;
  restore(): void;
}

/**
 * Mocks every client class (all instances) and returns the real client factory, built with fixed fake
 * credentials so that the SDK never looks for real ones.
 */
export function mockScenario(options: { externalId?: string; regional?: RegionalScenario } = {}): MockedAws {
  const throttledOnce = new Set<string>();
  const throttleOnce = (key: string, service: Parameters<typeof throttling>[0]) => {
    if (throttledOnce.has(key)) return;
    throttledOnce.add(key);
    throw throttling(service);
  };

  const sts = mockClient(STSClient);
  sts.on(GetCallerIdentityCommand).resolves({
    Account: MGMT,
    Arn: `arn:aws:sts::${MGMT}:assumed-role/SecurityAuditor/alice`,
    UserId: "AROAEXAMPLEAUDITOR:alice",
  });
  sts
    .on(AssumeRoleCommand)
    .callsFake((input: { RoleArn: string; RoleSessionName: string; ExternalId?: string }) => {
      const account = input.RoleArn.split(":")[4] ?? "";
      if (input.RoleSessionName !== "trustscan-collect" || input.ExternalId !== options.externalId) {
        throw new STSServiceException({
          name: "AccessDenied",
          $fault: "client",
          $metadata: { httpStatusCode: 403 },
          message: "bad request",
        });
      }
      if (
        account === SANDBOX ||
        input.RoleArn !== `arn:aws:iam::${account}:role/OrganizationAccountAccessRole`
      ) {
        throw new STSServiceException({
          name: "AccessDenied",
          $fault: "client",
          $metadata: { httpStatusCode: 403 },
          message: `User: arn:aws:sts::${MGMT}:assumed-role/SecurityAuditor/alice is not authorized to perform: sts:AssumeRole on resource: ${input.RoleArn}`,
        });
      }
      return {
        Credentials: {
          AccessKeyId: memberKey(account),
          SecretAccessKey: `member-secret-${account}`,
          SessionToken: `member-token-${account}`,
          Expiration: when("2099-01-01T00:00:00Z"),
        },
        AssumedRoleUser: {
          Arn: `arn:aws:sts::${account}:assumed-role/OrganizationAccountAccessRole/trustscan-collect`,
          AssumedRoleId: "AROAX:trustscan-collect",
        },
      };
    });

  const organizations = mockClient(OrganizationsClient);
  organizations.on(DescribeOrganizationCommand).resolves({
    Organization: {
      Id: ORG_ID,
      Arn: `arn:aws:organizations::${MGMT}:organization/${ORG_ID}`,
      FeatureSet: "ALL",
      MasterAccountArn: orgArn("account", MGMT),
      MasterAccountId: MGMT,
      MasterAccountEmail: "aws+management@example.com",
    },
  });
  organizations
    .on(ListRootsCommand)
    .rejectsOnce(throttling("organizations"))
    .resolves({
      Roots: [
        {
          Id: ROOT,
          Arn: orgArn("root", ROOT),
          Name: "Root",
          PolicyTypes: [
            { Type: "SERVICE_CONTROL_POLICY", Status: "ENABLED" },
            { Type: "RESOURCE_CONTROL_POLICY", Status: "ENABLED" },
          ],
        },
      ],
    });
  organizations.on(ListOrganizationalUnitsForParentCommand).callsFake((input: { ParentId: string }) => ({
    OrganizationalUnits: OUS_BY_PARENT[input.ParentId] ?? [],
  }));
  organizations
    .on(ListAccountsForParentCommand)
    .callsFake((input: { ParentId: string; NextToken?: string }) => {
      const { items, next } = pageOf(
        ACCOUNT_PAGES_BY_PARENT[input.ParentId] ?? [],
        input.NextToken,
        "accounts",
      );
      return { Accounts: items, ...(next ? { NextToken: next } : {}) };
    });
  organizations.on(ListPoliciesCommand).callsFake((input: { Filter: string; NextToken?: string }) => {
    // One policy per page: two pages per type.
    const pages = POLICIES.filter((p) => p.summary.Type === input.Filter).map((p) => [p.summary]);
    const { items, next } = pageOf(pages, input.NextToken, "policies");
    return { Policies: items, ...(next ? { NextToken: next } : {}) };
  });
  organizations.on(DescribePolicyCommand).callsFake((input: { PolicyId: string }) => {
    const found = POLICIES.find((p) => p.summary.Id === input.PolicyId);
    if (!found) throw new Error(`no policy ${input.PolicyId}`);
    return { Policy: { PolicySummary: found.summary, Content: JSON.stringify(found.content) } };
  });
  organizations
    .on(ListTargetsForPolicyCommand)
    .callsFake((input: { PolicyId: string; NextToken?: string }) => {
      const found = POLICIES.find((p) => p.summary.Id === input.PolicyId);
      const { items, next } = pageOf(found?.targetPages ?? [], input.NextToken, "targets");
      return { Targets: items, ...(next ? { NextToken: next } : {}) };
    });

  const iam = mockClient(IAMClient);
  iam
    .on(GetAccountAuthorizationDetailsCommand)
    .callsFake(async (input: { Marker?: string; Filter?: string[] }, getClient) => {
      const account = await accountOf(getClient);
      if ((input.Filter ?? []).length !== 5) throw new Error("every entity type must be asked for");
      const pages = accountData(account).iamPages;
      const index = input.Marker ? pages.findIndex((_p, i) => pages[i - 1]?.Marker === input.Marker) : 0;
      if (index < 0) throw new Error(`bad marker ${input.Marker}`);
      if (input.Marker === "mgmt-page-2") throttleOnce("iam-page-2", "iam");
      return pages[index];
    });
  iam.on(ListOpenIDConnectProvidersCommand).callsFake(async (_input, getClient) => ({
    OpenIDConnectProviderList: accountData(await accountOf(getClient)).oidcProviders.map((p) => ({
      Arn: p.Arn,
    })),
  }));
  iam
    .on(GetOpenIDConnectProviderCommand)
    .callsFake(async (input: { OpenIDConnectProviderArn: string }, getClient) => {
      const found = accountData(await accountOf(getClient)).oidcProviders.find(
        (p) => p.Arn === input.OpenIDConnectProviderArn,
      );
      if (!found)
        throw new IAMServiceException({
          name: "NoSuchEntity",
          $fault: "client",
          $metadata: {},
          message: "no provider",
        });
      const { Arn: _arn, ...rest } = found;
      return { ...rest, Tags: [] };
    });
  iam.on(ListSAMLProvidersCommand).callsFake(async (_input, getClient) => {
    const saml = accountData(await accountOf(getClient)).samlProviders;
    if (saml === "always-throttled") throw throttling("iam");
    return { SAMLProviderList: saml };
  });

  const s3Control = mockClient(S3ControlClient);
  s3Control
    .on(GetAccountPublicAccessBlockCommand)
    .callsFake(async (input: { AccountId: string }, getClient) => {
      // The account's own credentials must be used for its own settings.
      if ((await accountOf(getClient)) !== input.AccountId)
        throw s3Error("AccessDenied", 403, "Access Denied");
      const config = accountData(input.AccountId).accountPublicAccessBlock;
      if (!config)
        throw s3Error(
          "NoSuchPublicAccessBlockConfiguration",
          404,
          "The public access block configuration was not found",
        );
      return { PublicAccessBlockConfiguration: config };
    });

  const s3 = mockClient(S3Client);
  s3.on(ListBucketsCommand).callsFake(
    async (input: { ContinuationToken?: string; MaxBuckets?: number }, getClient) => {
      const { items, next } = pageOf(
        accountData(await accountOf(getClient)).bucketPages,
        input.ContinuationToken,
        "buckets",
      );
      return { Buckets: items, Owner: { ID: "owner" }, ...(next ? { ContinuationToken: next } : {}) };
    },
  );
  const bucketOf = async (name: string, getClient: () => unknown, checkRegion: boolean) => {
    // getClient answers the client of the latest request: it must be asked before any await.
    const client = getClient();
    const found = accountData(await accountOf(() => client)).buckets[name];
    if (!found) throw s3Error("NoSuchBucket", 404, "The specified bucket does not exist");
    if (checkRegion && (await regionOf(() => client)) !== found.region) {
      throw s3Error(
        "PermanentRedirect",
        301,
        "The bucket you are attempting to access must be addressed using the specified endpoint.",
      );
    }
    return found;
  };
  s3.on(GetBucketLocationCommand).callsFake(async (input: { Bucket: string }, getClient) => {
    const found = await bucketOf(input.Bucket, getClient, false);
    return found.locationConstraint ? { LocationConstraint: found.locationConstraint } : {};
  });
  s3.on(GetBucketPolicyCommand).callsFake(async (input: { Bucket: string }, getClient) => {
    const found = await bucketOf(input.Bucket, getClient, true);
    if (found.throttlePolicyOnce) throttleOnce(`policy-${input.Bucket}`, "s3");
    if (found.policy instanceof Error) throw found.policy;
    if (!found.policy) throw s3Error("NoSuchBucketPolicy", 404, "The bucket policy does not exist");
    return { Policy: JSON.stringify(found.policy) };
  });
  s3.on(GetPublicAccessBlockCommand).callsFake(async (input: { Bucket: string }, getClient) => {
    const found = await bucketOf(input.Bucket, getClient, true);
    if (!found.publicAccessBlock)
      throw s3Error(
        "NoSuchPublicAccessBlockConfiguration",
        404,
        "The public access block configuration was not found",
      );
    return { PublicAccessBlockConfiguration: found.publicAccessBlock };
  });
  s3.on(GetBucketAclCommand).callsFake(
    async (input: { Bucket: string }, getClient) => (await bucketOf(input.Bucket, getClient, true)).acl,
  );

  const clients = createAwsClientFactory({
    region: "us-east-1",
    maxAttempts: 1,
    connectTimeoutMs: 1_000,
    requestTimeoutMs: 1_000,
    credentials: async () => ({
      accessKeyId: CALLER_KEY,
      secretAccessKey: CALLER_SECRET,
      sessionToken: "caller-token-never-written",
    }),
  });
  const regional = mockRegionalServices({ accountOf, regionOf }, { s3, s3Control }, options.regional);
  const mocks = { sts, organizations, iam, s3, s3Control, ...regional };
  return {
    clients,
    mocks,
    restore() {
      for (const mock of Object.values(mocks)) mock.restore();
    },
  };
}

/** Strings that must never appear in a snapshot or in output. */
export const SECRETS = [CALLER_SECRET, "caller-token-never-written", "member-secret-", "member-token-"];
