/**
 * A synthetic organization in the snapshot format (docs/snapshot-format.md), for the scan benchmark: accounts of
 * 500 roles, 100 buckets and 100 resources of the other types (by default; synthetic-regional.ts) with the mix of trust and bucket policies a large organization has —
 * service roles, same-account and cross-account trust, vendors with and without external ids, GitHub and EKS OIDC
 * with and without `sub`, org-conditioned wildcards, Deny guards, bucket policies with TLS denies, org shares,
 * service writes, a few public grants — under a tree of OUs with SCPs and RCPs. Seeded: the same size gives the
 * same files, byte for byte.
 */
import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { SNAPSHOT_FORMAT, SNAPSHOT_VERSION } from "../../src/snapshot/format.js";
import { policiesIn, regionsSection } from "./synthetic-regional.js";

export interface SyntheticOrgOptions {
  /** Roles and buckets per account: 500 and 100 by default (600 policies). */
  rolesPerAccount?: number;
  bucketsPerAccount?: number;
  /** Resources of the other types (KMS, SQS, SNS, Lambda, ... snapshots) per account: 100 by default. */
  otherResourcesPerAccount?: number;
}

export interface SyntheticOrgSummary {
  accounts: number;
  roles: number;
  buckets: number;
  /** Resources of the other types. */
  others: number;
  /** Trust policies, bucket policies and other resources' policies or shares (resources without either do not count). */
  policies: number;
  bytes: number;
}

const ORG_ID = "o-s7n3x9k2q4";
const ROOT_ID = "r-s7n3";
const VENDORS = ["464622532012", "754135023419", "412643178364", "537513441174", "203569117386"];
const PARTNERS = ["999988887777", "888877776666", "777766665555"];
const TEAMS = ["payments", "search", "identity", "ledger", "mobile", "data", "ml", "web", "growth", "ops"];

/** mulberry32: small, fast and good enough to pick a mix; never Math.random, so runs are comparable. */
function prng(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Random = () => number;

function pick<T>(random: Random, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)] as T;
}

function hex(random: Random, length: number): string {
  let text = "";
  while (text.length < length) text += Math.floor(random() * 16).toString(16);
  return text;
}

function accountIdAt(index: number): string {
  return String(200000000000 + index * 7919);
}

interface OrgLayout {
  ids: string[];
  management: string;
  security: string;
  logArchive: string;
  tooling: string;
  dataLake: string;
  parentOf: Map<string, string>;
  ous: { Id: string; Name: string; ParentId: string }[];
  workloadsOu: string;
}

function layout(accounts: number): OrgLayout {
  const ids = Array.from({ length: accounts }, (_, i) => accountIdAt(i));
  const ou = (name: string, parent: string) => ({
    Id: `ou-s7n3-${name.replace(/[^a-z0-9]/g, "")}`,
    Name: name,
    ParentId: parent,
  });
  const security = ou("security", ROOT_ID);
  const infrastructure = ou("infrastructure", ROOT_ID);
  const workloads = ou("workloads", ROOT_ID);
  const sandbox = ou("sandbox", ROOT_ID);
  const stages = ["prod", "staging", "dev"].map((stage) => ou(stage, workloads.Id));
  const teams = stages.flatMap((stage) => TEAMS.map((team) => ou(`${stage.Name}${team}`, stage.Id)));
  const ous = [security, infrastructure, workloads, sandbox, ...stages, ...teams];
  const parentOf = new Map<string, string>();
  const at = (index: number) => ids[Math.min(index, ids.length - 1)] as string;
  parentOf.set(at(0), ROOT_ID);
  parentOf.set(at(1), security.Id);
  parentOf.set(at(2), security.Id);
  parentOf.set(at(3), infrastructure.Id);
  parentOf.set(at(4), infrastructure.Id);
  ids
    .slice(5)
    .forEach((id, i) =>
      parentOf.set(id, i % 13 === 12 ? sandbox.Id : (teams[i % teams.length]?.Id ?? ROOT_ID)),
    );
  return {
    ids,
    management: at(0),
    security: at(1),
    logArchive: at(2),
    tooling: at(3),
    dataLake: at(4),
    parentOf,
    ous,
    workloadsOu: workloads.Id,
  };
}

type Json = Record<string, unknown>;

function document(...statements: Json[]): Json {
  return { Version: "2012-10-17", Statement: statements };
}

function allow(principal: unknown, action: unknown, extra: Json = {}): Json {
  return { Effect: "Allow", Principal: principal, Action: action, ...extra };
}

function service(...names: string[]): Json {
  return { Service: names.length === 1 ? names[0] : names };
}

const TLS_DENY = (bucket: string): Json => ({
  Sid: "DenyInsecureTransport",
  Effect: "Deny",
  Principal: "*",
  Action: "s3:*",
  Resource: [`arn:aws:s3:::${bucket}`, `arn:aws:s3:::${bucket}/*`],
  Condition: { Bool: { "aws:SecureTransport": "false" } },
});

const ORG_GUARD: Json = {
  Sid: "DenyOutsideOrganization",
  Effect: "Deny",
  Principal: { AWS: "*" },
  Action: "sts:AssumeRole",
  Condition: { StringNotEquals: { "aws:PrincipalOrgID": ORG_ID } },
};

interface RoleKind {
  weight: number;
  name: string;
  path?: string;
  trust: (ctx: AccountContext, n: number) => Json;
}

interface AccountContext {
  id: string;
  index: number;
  org: OrgLayout;
  random: Random;
}

const ROLE_KINDS: RoleKind[] = [
  {
    weight: 140,
    name: "lambda-exec",
    trust: () => document(allow(service("lambda.amazonaws.com"), "sts:AssumeRole")),
  },
  {
    weight: 8,
    name: "lambda-edge",
    trust: () =>
      document(allow(service("lambda.amazonaws.com", "edgelambda.amazonaws.com"), "sts:AssumeRole")),
  },
  {
    weight: 50,
    name: "ec2-instance",
    trust: () => document(allow(service("ec2.amazonaws.com"), "sts:AssumeRole")),
  },
  {
    weight: 30,
    name: "ecs-task",
    trust: (ctx) =>
      document(
        allow(service("ecs-tasks.amazonaws.com"), "sts:AssumeRole", {
          Condition: { StringEquals: { "aws:SourceAccount": ctx.id } },
        }),
      ),
  },
  {
    weight: 10,
    name: "ecs-task-arn",
    trust: (ctx) =>
      document(
        allow(service("ecs-tasks.amazonaws.com"), "sts:AssumeRole", {
          Condition: {
            ArnLike: { "aws:SourceArn": `arn:aws:ecs:us-east-1:${ctx.id}:*` },
            StringEquals: { "aws:SourceAccount": ctx.id },
          },
        }),
      ),
  },
  {
    weight: 30,
    name: "pipeline",
    trust: (ctx) =>
      document(
        allow(
          service(
            pick(ctx.random, [
              "glue.amazonaws.com",
              "states.amazonaws.com",
              "codebuild.amazonaws.com",
              "sagemaker.amazonaws.com",
            ]),
          ),
          "sts:AssumeRole",
        ),
      ),
  },
  {
    weight: 10,
    name: "events",
    trust: (ctx) =>
      document(
        allow(service("events.amazonaws.com"), "sts:AssumeRole", {
          Condition: { StringEquals: { "aws:SourceAccount": ctx.id } },
        }),
      ),
  },
  {
    weight: 3,
    name: "scheduler",
    trust: () => document(allow(service("scheduler.amazonaws.com"), "sts:AssumeRole")),
  },
  {
    weight: 25,
    name: "AWSServiceRoleFor",
    path: "/aws-service-role/",
    trust: (ctx) =>
      document(
        allow(
          service(
            pick(ctx.random, [
              "autoscaling.amazonaws.com",
              "elasticloadbalancing.amazonaws.com",
              "rds.amazonaws.com",
              "ecs.amazonaws.com",
              "sso.amazonaws.com",
            ]),
          ),
          "sts:AssumeRole",
        ),
      ),
  },
  {
    weight: 8,
    name: "AWSReservedSSO",
    path: "/aws-reserved/sso.amazonaws.com/",
    trust: (ctx) =>
      document(
        allow(
          { Federated: `arn:aws:iam::${ctx.id}:saml-provider/AWSSSO_${hex(ctx.random, 16)}_DO_NOT_DELETE` },
          ["sts:AssumeRoleWithSAML", "sts:TagSession"],
          {
            Condition: { StringEquals: { "SAML:aud": "https://signin.aws.amazon.com/saml" } },
          },
        ),
      ),
  },
  {
    weight: 25,
    name: "same-account-root",
    trust: (ctx) => document(allow({ AWS: `arn:aws:iam::${ctx.id}:root` }, "sts:AssumeRole")),
  },
  {
    weight: 25,
    name: "same-account-role",
    trust: (ctx, n) =>
      document(
        allow(
          { AWS: `arn:aws:iam::${ctx.id}:role/app-${n % 7}` },
          "sts:AssumeRole",
          n % 3 === 0 ? { Condition: { Bool: { "aws:MultiFactorAuthPresent": "true" } } } : {},
        ),
      ),
  },
  {
    weight: 40,
    name: "org-cross-account",
    trust: (ctx, n) => {
      const from = [ctx.org.tooling, ctx.org.security, ctx.org.management][n % 3] as string;
      const role = ["ci-deployer", "SecurityAudit", "OrganizationAccountAccessRole"][n % 3] as string;
      const grant = allow(
        { AWS: n % 2 === 0 ? `arn:aws:iam::${from}:role/${role}` : `arn:aws:iam::${from}:root` },
        "sts:AssumeRole",
      );
      return n % 3 === 0 ? document(grant, ORG_GUARD) : document(grant);
    },
  },
  {
    weight: 20,
    name: "org-member-peer",
    trust: (ctx) =>
      document(
        allow({ AWS: `arn:aws:iam::${pick(ctx.random, ctx.org.ids)}:role/service-reader` }, "sts:AssumeRole"),
      ),
  },
  {
    weight: 12,
    name: "vendor",
    trust: (ctx) =>
      document(
        allow({ AWS: `arn:aws:iam::${pick(ctx.random, VENDORS)}:root` }, "sts:AssumeRole", {
          Condition: { StringEquals: { "sts:ExternalId": hex(ctx.random, 32) } },
        }),
      ),
  },
  {
    weight: 3,
    name: "vendor-no-external-id",
    trust: (ctx) =>
      document(allow({ AWS: `arn:aws:iam::${pick(ctx.random, VENDORS)}:root` }, "sts:AssumeRole")),
  },
  {
    weight: 15,
    name: "github-actions",
    trust: (ctx, n) =>
      document(
        allow(
          { Federated: `arn:aws:iam::${ctx.id}:oidc-provider/token.actions.githubusercontent.com` },
          "sts:AssumeRoleWithWebIdentity",
          {
            Condition: {
              StringEquals: { "token.actions.githubusercontent.com:aud": "sts.amazonaws.com" },
              StringLike: {
                "token.actions.githubusercontent.com:sub": `repo:acme/${pick(ctx.random, TEAMS)}-svc-${n % 9}:*`,
              },
            },
          },
        ),
      ),
  },
  {
    weight: 2,
    name: "github-actions-no-sub",
    trust: (ctx) =>
      document(
        allow(
          { Federated: `arn:aws:iam::${ctx.id}:oidc-provider/token.actions.githubusercontent.com` },
          "sts:AssumeRoleWithWebIdentity",
          {
            Condition: { StringEquals: { "token.actions.githubusercontent.com:aud": "sts.amazonaws.com" } },
          },
        ),
      ),
  },
  {
    weight: 15,
    name: "eks-irsa",
    trust: (ctx, n) => {
      const issuer = `oidc.eks.us-east-1.amazonaws.com/id/${hex(prng(ctx.index), 32).toUpperCase()}`;
      return document(
        allow(
          { Federated: `arn:aws:iam::${ctx.id}:oidc-provider/${issuer}` },
          "sts:AssumeRoleWithWebIdentity",
          {
            Condition: {
              StringEquals: {
                [`${issuer}:sub`]: `system:serviceaccount:${pick(ctx.random, TEAMS)}:svc-${n % 11}`,
                [`${issuer}:aud`]: "sts.amazonaws.com",
              },
            },
          },
        ),
      );
    },
  },
  {
    weight: 2,
    name: "eks-irsa-no-sub",
    trust: (ctx) => {
      const issuer = `oidc.eks.us-east-1.amazonaws.com/id/${hex(prng(ctx.index), 32).toUpperCase()}`;
      return document(
        allow(
          { Federated: `arn:aws:iam::${ctx.id}:oidc-provider/${issuer}` },
          "sts:AssumeRoleWithWebIdentity",
          {
            Condition: { StringEquals: { [`${issuer}:aud`]: "sts.amazonaws.com" } },
          },
        ),
      );
    },
  },
  {
    weight: 10,
    name: "org-wildcard",
    trust: () =>
      document(
        allow({ AWS: "*" }, "sts:AssumeRole", {
          Condition: { StringEquals: { "aws:PrincipalOrgID": ORG_ID } },
        }),
      ),
  },
  {
    weight: 4,
    name: "org-path-wildcard",
    trust: (ctx) =>
      document(
        allow({ AWS: "*" }, "sts:AssumeRole", {
          Condition: {
            "ForAnyValue:StringLike": {
              "aws:PrincipalOrgPaths": `${ORG_ID}/${ROOT_ID}/${ctx.org.workloadsOu}/*`,
            },
          },
        }),
      ),
  },
  {
    weight: 5,
    name: "partner-mfa",
    trust: (ctx) =>
      document(
        allow({ AWS: `arn:aws:iam::${pick(ctx.random, PARTNERS)}:root` }, "sts:AssumeRole", {
          Condition: {
            Bool: { "aws:MultiFactorAuthPresent": "true" },
            NumericLessThan: { "aws:MultiFactorAuthAge": 3600 },
          },
        }),
      ),
  },
];

/** One public role in every seventh account: the rare mistake the scan is for. */
const PUBLIC_ROLE: RoleKind = {
  weight: 0,
  name: "public-debug",
  trust: () => document(allow("*", "sts:AssumeRole")),
};

function counts(weights: number[], total: number): number[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  const result = weights.map((w) => Math.floor((w * total) / sum));
  let left = total - result.reduce((a, b) => a + b, 0);
  for (let i = 0; left > 0; i = (i + 1) % result.length, left -= 1) result[i] = (result[i] ?? 0) + 1;
  return result;
}

function role(ctx: AccountContext, kind: RoleKind, n: number): Json {
  const name = `${kind.name}-${n}`;
  const path = kind.path ?? "/";
  return {
    Arn: `arn:aws:iam::${ctx.id}:role${path}${name}`,
    AssumeRolePolicyDocument: kind.trust(ctx, n),
    AttachedManagedPolicies: [
      { PolicyArn: `arn:aws:iam::${ctx.id}:policy/${name}-policy`, PolicyName: `${name}-policy` },
      { PolicyArn: "arn:aws:iam::aws:policy/ReadOnlyAccess", PolicyName: "ReadOnlyAccess" },
    ],
    CreateDate: "2025-03-01T09:30:00Z",
    InstanceProfileList: [],
    Path: path,
    RoleId: `AROA${hex(ctx.random, 17).toUpperCase()}`,
    RoleLastUsed: { LastUsedDate: "2026-11-20T05:59:41Z", Region: "us-east-1" },
    RoleName: name,
    RolePolicyList:
      n % 4 === 0
        ? [
            {
              PolicyDocument: document({
                Effect: "Allow",
                Action: ["logs:CreateLogStream", "logs:PutLogEvents"],
                Resource: "*",
              }),
              PolicyName: "logs",
            },
          ]
        : [],
    Tags: [
      { Key: "team", Value: pick(ctx.random, TEAMS) },
      { Key: "cost-center", Value: `cc-${n % 40}` },
    ],
  };
}

interface BucketKind {
  weight: number;
  name: string;
  policy: (ctx: AccountContext, bucket: string) => Json | null;
  logTarget?: boolean;
}

const BUCKET_KINDS: BucketKind[] = [
  { weight: 35, name: "data", policy: (_ctx, b) => document(TLS_DENY(b)) },
  { weight: 20, name: "scratch", policy: () => null },
  {
    weight: 12,
    name: "org-share",
    policy: (_ctx, b) =>
      document(
        {
          Sid: "OrgRead",
          Effect: "Allow",
          Principal: "*",
          Action: ["s3:GetObject", "s3:ListBucket"],
          Resource: [`arn:aws:s3:::${b}`, `arn:aws:s3:::${b}/*`],
          Condition: { StringEquals: { "aws:PrincipalOrgID": ORG_ID } },
        },
        TLS_DENY(b),
      ),
  },
  {
    weight: 5,
    name: "trail",
    policy: (ctx, b) =>
      document(
        {
          Sid: "AWSCloudTrailWrite",
          Effect: "Allow",
          Principal: { Service: "cloudtrail.amazonaws.com" },
          Action: "s3:PutObject",
          Resource: `arn:aws:s3:::${b}/AWSLogs/${ctx.id}/*`,
          Condition: {
            StringEquals: {
              "s3:x-amz-acl": "bucket-owner-full-control",
              "aws:SourceArn": `arn:aws:cloudtrail:us-east-1:${ctx.id}:trail/main`,
            },
          },
        },
        TLS_DENY(b),
      ),
  },
  {
    weight: 5,
    name: "access-logs",
    logTarget: true,
    policy: (ctx, b) =>
      document({
        Sid: "S3ServerAccessLogs",
        Effect: "Allow",
        Principal: { Service: "logging.s3.amazonaws.com" },
        Action: "s3:PutObject",
        Resource: `arn:aws:s3:::${b}/*`,
        Condition: { StringEquals: { "aws:SourceAccount": ctx.id } },
      }),
  },
  {
    weight: 2,
    name: "flow-logs",
    policy: (_ctx, b) =>
      document({
        Effect: "Allow",
        Principal: { Service: "delivery.logs.amazonaws.com" },
        Action: "s3:PutObject",
        Resource: `arn:aws:s3:::${b}/*`,
      }),
  },
  {
    weight: 10,
    name: "lake-read",
    policy: (ctx, b) =>
      document(
        {
          Sid: "DataLakeRead",
          Effect: "Allow",
          Principal: { AWS: `arn:aws:iam::${ctx.org.dataLake}:role/lake-reader` },
          Action: ["s3:GetObject", "s3:ListBucket"],
          Resource: [`arn:aws:s3:::${b}`, `arn:aws:s3:::${b}/*`],
        },
        TLS_DENY(b),
      ),
  },
  {
    weight: 3,
    name: "partner-drop",
    policy: (ctx, b) =>
      document({
        Sid: "PartnerDrop",
        Effect: "Allow",
        Principal: { AWS: `arn:aws:iam::${pick(ctx.random, PARTNERS)}:root` },
        Action: "s3:PutObject",
        Resource: `arn:aws:s3:::${b}/incoming/*`,
      }),
  },
  {
    weight: 5,
    name: "cdn-origin",
    policy: (ctx, b) =>
      document({
        Sid: "AllowCloudFrontServicePrincipal",
        Effect: "Allow",
        Principal: { Service: "cloudfront.amazonaws.com" },
        Action: "s3:GetObject",
        Resource: `arn:aws:s3:::${b}/*`,
        Condition: {
          StringEquals: {
            "AWS:SourceArn": `arn:aws:cloudfront::${ctx.id}:distribution/E${hex(ctx.random, 13).toUpperCase()}`,
          },
        },
      }),
  },
  {
    weight: 2,
    name: "vpce-only",
    policy: (ctx, b) =>
      document({
        Effect: "Allow",
        Principal: "*",
        Action: "s3:GetObject",
        Resource: `arn:aws:s3:::${b}/*`,
        Condition: { StringEquals: { "aws:SourceVpce": `vpce-${hex(ctx.random, 17)}` } },
      }),
  },
];

/** One public website bucket per account: Block Public Access cancels it in some accounts. */
const WEBSITE: BucketKind = {
  weight: 0,
  name: "website",
  policy: (_ctx, b) =>
    document({
      Sid: "PublicRead",
      Effect: "Allow",
      Principal: "*",
      Action: "s3:GetObject",
      Resource: `arn:aws:s3:::${b}/*`,
    }),
};

const BLOCK_ALL = {
  BlockPublicAcls: true,
  BlockPublicPolicy: true,
  IgnorePublicAcls: true,
  RestrictPublicBuckets: true,
};

function bucket(ctx: AccountContext, kind: BucketKind, n: number): Json {
  const name = `acme-${ctx.id}-${kind.name}-${n}`;
  const canonical = `${hex(prng(ctx.index + 1), 64)}`;
  const grants: Json[] = [{ Grantee: { ID: canonical, Type: "CanonicalUser" }, Permission: "FULL_CONTROL" }];
  if (kind.logTarget) {
    grants.push({
      Grantee: { Type: "Group", URI: "http://acs.amazonaws.com/groups/s3/LogDelivery" },
      Permission: "WRITE",
    });
  }
  if (kind === WEBSITE && ctx.index % 5 === 2) {
    grants.push({
      Grantee: { Type: "Group", URI: "http://acs.amazonaws.com/groups/global/AllUsers" },
      Permission: "READ",
    });
  }
  return {
    Name: name,
    Region: "us-east-1",
    Policy: kind.policy(ctx, name),
    PublicAccessBlock: kind === WEBSITE || n % 5 === 0 ? null : BLOCK_ALL,
    Acl: { Owner: { ID: canonical }, Grants: grants },
  };
}

function accountFile(ctx: AccountContext, roles: number, buckets: number, others: number): Json {
  const roleList: Json[] = [];
  counts(
    ROLE_KINDS.map((k) => k.weight),
    roles,
  ).forEach((count, k) => {
    for (let n = 0; n < count; n += 1) roleList.push(role(ctx, ROLE_KINDS[k] as RoleKind, n));
  });
  if (ctx.index % 7 === 3 && roleList.length > 0) roleList[roleList.length - 1] = role(ctx, PUBLIC_ROLE, 0);
  const bucketList: Json[] = [];
  counts(
    BUCKET_KINDS.map((k) => k.weight),
    buckets,
  ).forEach((count, k) => {
    for (let n = 0; n < count; n += 1) bucketList.push(bucket(ctx, BUCKET_KINDS[k] as BucketKind, n));
  });
  if (bucketList.length > 0) bucketList[bucketList.length - 1] = bucket(ctx, WEBSITE, 0);
  roleList.sort((a, b) => String(a.Arn).localeCompare(String(b.Arn)));
  bucketList.sort((a, b) => String(a.Name).localeCompare(String(b.Name)));
  const issuer = `oidc.eks.us-east-1.amazonaws.com/id/${hex(prng(ctx.index), 32).toUpperCase()}`;
  return {
    accountId: ctx.id,
    iam: {
      UserDetailList: [],
      GroupDetailList: [],
      RoleDetailList: roleList,
      Policies: [],
      OpenIDConnectProviders: [
        {
          Arn: `arn:aws:iam::${ctx.id}:oidc-provider/token.actions.githubusercontent.com`,
          ClientIDList: ["sts.amazonaws.com"],
          Url: "token.actions.githubusercontent.com",
        },
        {
          Arn: `arn:aws:iam::${ctx.id}:oidc-provider/${issuer}`,
          ClientIDList: ["sts.amazonaws.com"],
          Url: issuer,
        },
      ],
      SAMLProviders: [],
    },
    s3: {
      AccountPublicAccessBlock: ctx.index % 2 === 0 ? BLOCK_ALL : null,
      Buckets: bucketList,
    },
    ...(others > 0
      ? {
          regions: regionsSection(
            {
              id: ctx.id,
              index: ctx.index,
              orgId: ORG_ID,
              managementAccount: ctx.org.management,
              vendors: VENDORS,
              partners: PARTNERS,
            },
            others,
          ),
        }
      : {}),
    errors: [],
  };
}

function organizationFile(org: OrgLayout): Json {
  const policy = (id: string, name: string, type: string, content: Json, targets: string[]) => ({
    PolicySummary: {
      Id: id,
      Arn: `arn:aws:organizations::${org.management}:policy/${ORG_ID}/${id}`,
      Name: name,
      Type: type,
      AwsManaged: false,
    },
    Content: content,
    Targets: targets.map((TargetId) => ({
      TargetId,
      Type: TargetId.startsWith("r-") ? "ROOT" : "ORGANIZATIONAL_UNIT",
    })),
  });
  return {
    Organization: {
      Id: ORG_ID,
      Arn: `arn:aws:organizations::${org.management}:organization/${ORG_ID}`,
      MasterAccountId: org.management,
      FeatureSet: "ALL",
    },
    Roots: [
      {
        Id: ROOT_ID,
        Arn: `arn:aws:organizations::${org.management}:root/${ORG_ID}/${ROOT_ID}`,
        Name: "Root",
      },
    ],
    OrganizationalUnits: org.ous.map((ou) => ({
      ...ou,
      Arn: `arn:aws:organizations::${org.management}:ou/${ORG_ID}/${ou.Id}`,
    })),
    Accounts: org.ids.map((id, i) => ({
      Id: id,
      Arn: `arn:aws:organizations::${org.management}:account/${ORG_ID}/${id}`,
      Name: `account-${i}`,
      Status: "ACTIVE",
      ParentId: org.parentOf.get(id),
    })),
    Policies: [
      policy(
        "p-FullAWSAccess",
        "FullAWSAccess",
        "SERVICE_CONTROL_POLICY",
        document({ Effect: "Allow", Action: "*", Resource: "*" }),
        [ROOT_ID],
      ),
      policy(
        "p-rcp0tls00001",
        "DenyInsecureTransport",
        "RESOURCE_CONTROL_POLICY",
        document({
          Effect: "Deny",
          Principal: "*",
          Action: "s3:*",
          Resource: "*",
          Condition: { BoolIfExists: { "aws:SecureTransport": "false" } },
        }),
        [ROOT_ID],
      ),
      policy(
        "p-rcp0perim001",
        "DataPerimeter",
        "RESOURCE_CONTROL_POLICY",
        document({
          Effect: "Deny",
          Principal: "*",
          Action: ["s3:*", "sts:AssumeRole"],
          Resource: "*",
          Condition: {
            StringNotEqualsIfExists: { "aws:PrincipalOrgID": ORG_ID },
            BoolIfExists: { "aws:PrincipalIsAWSService": "false" },
          },
        }),
        [org.ous.find((ou) => ou.Name === "prod")?.Id ?? ROOT_ID],
      ),
    ],
  };
}

/** Accounts needed for about `policies` policies at the default mix. */
export function accountsFor(policies: number, options: SyntheticOrgOptions = {}): number {
  const perAccount =
    (options.rolesPerAccount ?? 500) +
    (options.bucketsPerAccount ?? 100) +
    (options.otherResourcesPerAccount ?? 100);
  return Math.max(1, Math.round(policies / perAccount));
}

/** Writes the snapshot directory `dir` (which must not exist yet or be empty). */
export async function writeSyntheticOrg(
  dir: string,
  accounts: number,
  options: SyntheticOrgOptions = {},
): Promise<SyntheticOrgSummary> {
  const rolesPerAccount = options.rolesPerAccount ?? 500;
  const bucketsPerAccount = options.bucketsPerAccount ?? 100;
  const othersPerAccount = options.otherResourcesPerAccount ?? 100;
  const org = layout(accounts);
  await mkdir(join(dir, "accounts"), { recursive: true });
  const summary: SyntheticOrgSummary = { accounts, roles: 0, buckets: 0, others: 0, policies: 0, bytes: 0 };
  const write = async (file: string, json: unknown) => {
    const text = `${JSON.stringify(json, null, 2)}\n`;
    summary.bytes += Buffer.byteLength(text);
    await writeFile(join(dir, file), text);
  };
  await write("organization.json", organizationFile(org));
  for (const [index, id] of org.ids.entries()) {
    const ctx: AccountContext = { id, index, org, random: prng(index * 2654435761) };
    const file = accountFile(ctx, rolesPerAccount, bucketsPerAccount, othersPerAccount);
    const roles = (file.iam as { RoleDetailList: unknown[] }).RoleDetailList.length;
    const buckets = (file.s3 as { Buckets: { Policy: unknown }[] }).Buckets;
    summary.roles += roles;
    summary.buckets += buckets.length;
    const others = file.regions ? policiesIn(file.regions as Json) : 0;
    summary.others += others;
    summary.policies += roles + buckets.filter((b) => b.Policy !== null).length + others;
    await write(join("accounts", `${id}.json`), file);
  }
  await write("snapshot.json", {
    format: SNAPSHOT_FORMAT,
    version: SNAPSHOT_VERSION,
    collectedAt: "2026-11-21T06:00:00Z",
    accounts: org.ids,
    collector: { name: "bench", version: "0", regions: ["us-east-1"] },
    errors: [],
  });
  return summary;
}
