/**
 * An in-memory AWS organization behind real SDK clients, with a fixed latency per request and random
 * throttling, for the benchmark and the interrupted-collection test. Requests never leave the process: a
 * middleware at the front of each client's stack answers them (so neither credentials nor the network are used).
 * Not aws-sdk-client-mock: every client instance here knows its own account and region.
 */
import { EC2Client } from "@aws-sdk/client-ec2";
import { IAMClient } from "@aws-sdk/client-iam";
import { OrganizationsClient } from "@aws-sdk/client-organizations";
import { S3Client } from "@aws-sdk/client-s3";
import { S3ControlClient } from "@aws-sdk/client-s3-control";
import { STSClient } from "@aws-sdk/client-sts";
import type { AccountClients, ClientFactory } from "../../../src/collect/clients.js";
import type { RegionalClients } from "../../../src/collect/regional/regional-clients.js";
import { SecretValues } from "../../../src/collect/secret-values.js";

export interface FakeOrgShape {
  /** Member accounts besides the management account. */
  members: number;
  /** OUs under the root; each has two child OUs, and accounts are spread over the children. */
  topLevelOus: number;
  /** Buckets of account number `index`. */
  bucketsOf: (index: number) => number;
  rolesPerAccount: number;
  /** Roles per GetAccountAuthorizationDetails page. */
  rolesPerPage: number;
}

export interface FakeAwsOptions {
  latencyMs: number;
  /** Probability that a request is throttled (it still takes the latency). */
  throttleRate: number;
  seed?: number;
}

export interface FakeAwsCounters {
  /** Every request answered, throttled ones included. */
  requests: number;
  throttled: number;
  /** Sum of the time requests actually took (timers fire a little late under load). */
  busyMs: number;
  /** Most requests in flight at once. */
  peakInFlight: number;
}

export interface FakeAws {
  clients: ClientFactory;
  counters: FakeAwsCounters;
  managementAccountId: string;
  memberIds: string[];
}

const MGMT = "100000000000";
const ORG_ID = "o-fake0000001";
const ROOT = "r-fak0";
const REGIONS = ["us-east-1", "us-east-1", "us-east-1", "eu-west-1", "us-west-2"];
const ACCOUNTS_PAGE = 20;

/** Deterministic pseudo-random numbers (mulberry32), so that runs are comparable. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function awsError(name: string, status: number, message: string): Error {
  return Object.assign(new Error(message), { name, $fault: "client", $metadata: { httpStatusCode: status } });
}

type Handler = (command: string, input: Record<string, unknown>) => unknown;

interface FakeStack {
  add(
    middleware: (
      next: unknown,
      context: { commandName?: string },
    ) => (args: { input: Record<string, unknown> }) => Promise<unknown>,
    options: { step: "initialize"; name: string; priority: "high" },
  ): void;
}

export function createFakeAws(shape: FakeOrgShape, options: FakeAwsOptions): FakeAws {
  const rand = random(options.seed ?? 42);
  const counters: FakeAwsCounters = { requests: 0, throttled: 0, busyMs: 0, peakInFlight: 0 };
  let inFlight = 0;
  const memberIds = Array.from({ length: shape.members }, (_, i) => String(200000000000 + i));
  const accountIndex = new Map([MGMT, ...memberIds].map((id, i) => [id, i]));
  const topOus = Array.from(
    { length: shape.topLevelOus },
    (_, i) => `ou-fak0-top${String(i).padStart(5, "0")}`,
  );
  const leafOus = topOus.flatMap((ou) => [`${ou}a`, `${ou}b`]);
  const parentOf = (account: string) =>
    account === MGMT ? ROOT : (leafOus[Number(account) % leafOus.length] as string);

  /** Answers each request after the latency, or throttles it. */
  const serve = <T extends object>(client: T, handler: Handler): T => {
    (client as unknown as { middlewareStack: FakeStack }).middlewareStack.add(
      (_next, context) => async (args) => {
        const started = performance.now();
        inFlight += 1;
        counters.peakInFlight = Math.max(counters.peakInFlight, inFlight);
        await new Promise((resolve) => setTimeout(resolve, options.latencyMs));
        inFlight -= 1;
        counters.busyMs += performance.now() - started;
        counters.requests += 1;
        if (rand() < options.throttleRate) {
          counters.throttled += 1;
          throw awsError("Throttling", 400, "Rate exceeded");
        }
        const output = handler(context.commandName ?? "", args.input);
        return {
          output: { $metadata: { httpStatusCode: 200, attempts: 1 }, ...(output as object) },
          response: {},
        };
      },
      { step: "initialize", name: "fakeAws", priority: "high" },
    );
    return client;
  };
  const config = (region: string) => ({
    region,
    credentials: { accessKeyId: "fake", secretAccessKey: "fake" },
    maxAttempts: 1,
  });

  const trust = (principal: string) =>
    encodeURIComponent(
      JSON.stringify({
        Version: "2012-10-17",
        Statement: [{ Effect: "Allow", Principal: { AWS: principal }, Action: "sts:AssumeRole" }],
      }),
    );
  const roles = (account: string) =>
    Array.from({ length: shape.rolesPerAccount }, (_, i) => ({
      RoleName: `role-${i}`,
      Arn: `arn:aws:iam::${account}:role/role-${i}`,
      Path: "/",
      CreateDate: new Date("2024-01-01T00:00:00Z"),
      AssumeRolePolicyDocument: trust(
        i === 0 ? "arn:aws:iam::999999999999:root" : `arn:aws:iam::${MGMT}:root`,
      ),
    }));
  const buckets = (account: string) =>
    Array.from({ length: shape.bucketsOf(accountIndex.get(account) ?? 0) }, (_, i) => ({
      name: `fake-${account}-${i}`,
      region: REGIONS[i % REGIONS.length] as string,
      // Every fourth bucket's region comes from GetBucketLocation.
      listedRegion: i % 4 !== 3,
    }));

  const iamHandler =
    (account: string): Handler =>
    (command, input) => {
      switch (command) {
        case "GetAccountAuthorizationDetailsCommand": {
          const all = roles(account);
          const start = input.Marker ? Number(input.Marker) : 0;
          const end = start + shape.rolesPerPage;
          return {
            RoleDetailList: all.slice(start, end),
            IsTruncated: end < all.length,
            ...(end < all.length ? { Marker: String(end) } : {}),
          };
        }
        case "ListOpenIDConnectProvidersCommand":
          return {
            OpenIDConnectProviderList: [
              { Arn: `arn:aws:iam::${account}:oidc-provider/token.actions.githubusercontent.com` },
            ],
          };
        case "GetOpenIDConnectProviderCommand":
          return {
            Url: "token.actions.githubusercontent.com",
            ClientIDList: ["sts.amazonaws.com"],
            ThumbprintList: [],
          };
        case "ListSAMLProvidersCommand":
          return { SAMLProviderList: [] };
      }
      throw new Error(`fake IAM: ${command}`);
    };

  const s3Handler =
    (account: string, region: string): Handler =>
    (command, input) => {
      if (command === "ListBucketsCommand") {
        return {
          Buckets: buckets(account).map((b) => ({
            Name: b.name,
            ...(b.listedRegion ? { BucketRegion: b.region } : {}),
          })),
        };
      }
      const bucket = buckets(account).find((b) => b.name === input.Bucket);
      if (!bucket) throw awsError("NoSuchBucket", 404, "no such bucket");
      if (command === "GetBucketLocationCommand")
        return { LocationConstraint: bucket.region === "us-east-1" ? undefined : bucket.region };
      if (bucket.region !== region) throw awsError("PermanentRedirect", 301, "wrong region");
      const index = Number(bucket.name.split("-").at(-1));
      switch (command) {
        case "GetBucketPolicyCommand":
          if (index % 2 === 1) throw awsError("NoSuchBucketPolicy", 404, "no policy");
          return {
            Policy: JSON.stringify({
              Version: "2012-10-17",
              Statement: [
                {
                  Effect: "Allow",
                  Principal: "*",
                  Action: "s3:GetObject",
                  Resource: `arn:aws:s3:::${bucket.name}/*`,
                },
              ],
            }),
          };
        case "GetPublicAccessBlockCommand":
          return {
            PublicAccessBlockConfiguration: {
              BlockPublicAcls: true,
              IgnorePublicAcls: true,
              BlockPublicPolicy: true,
              RestrictPublicBuckets: index % 3 === 0,
            },
          };
        case "GetBucketAclCommand":
          return {
            Owner: { ID: `owner-${account}` },
            Grants: [
              { Grantee: { Type: "CanonicalUser", ID: `owner-${account}` }, Permission: "FULL_CONTROL" },
            ],
          };
      }
      throw new Error(`fake S3: ${command}`);
    };

  const organizationsHandler: Handler = (command, input) => {
    const page = <T>(items: T[]) => {
      const start = input.NextToken ? Number(input.NextToken) : 0;
      const end = start + ACCOUNTS_PAGE;
      return { items: items.slice(start, end), ...(end < items.length ? { NextToken: String(end) } : {}) };
    };
    switch (command) {
      case "DescribeOrganizationCommand":
        return {
          Organization: {
            Id: ORG_ID,
            Arn: `arn:aws:organizations::${MGMT}:organization/${ORG_ID}`,
            FeatureSet: "ALL",
            MasterAccountId: MGMT,
          },
        };
      case "ListRootsCommand":
        return {
          Roots: [{ Id: ROOT, Arn: `arn:aws:organizations::${MGMT}:root/${ORG_ID}/${ROOT}`, Name: "Root" }],
        };
      case "ListOrganizationalUnitsForParentCommand": {
        const parent = String(input.ParentId);
        const children =
          parent === ROOT ? topOus : topOus.includes(parent) ? [`${parent}a`, `${parent}b`] : [];
        return { OrganizationalUnits: children.map((id) => ({ Id: id, Name: id })) };
      }
      case "ListAccountsForParentCommand": {
        const { items, NextToken } = page(
          [MGMT, ...memberIds].filter((id) => parentOf(id) === input.ParentId),
        );
        return {
          Accounts: items.map((id) => ({ Id: id, Name: id, Status: "ACTIVE", State: "ACTIVE" })),
          ...(NextToken ? { NextToken } : {}),
        };
      }
      case "ListPoliciesCommand":
        return {
          Policies: [
            {
              Id: `p-${String(input.Filter).slice(0, 3).toLowerCase()}full`,
              Name: "Full",
              Type: input.Filter,
              AwsManaged: true,
            },
          ],
        };
      case "DescribePolicyCommand":
        return {
          Policy: {
            Content: JSON.stringify({
              Version: "2012-10-17",
              Statement: [{ Effect: "Allow", Action: "*", Resource: "*" }],
            }),
          },
        };
      case "ListTargetsForPolicyCommand":
        return { Targets: [{ TargetId: ROOT, Type: "ROOT" }] };
    }
    throw new Error(`fake Organizations: ${command}`);
  };

  const stsHandler: Handler = (command, input) => {
    if (command === "GetCallerIdentityCommand")
      return { Account: MGMT, Arn: `arn:aws:iam::${MGMT}:user/bench` };
    if (command === "AssumeRoleCommand") {
      const account = String(input.RoleArn).split(":")[4];
      return {
        Credentials: {
          AccessKeyId: `key-${account}`,
          SecretAccessKey: "fake",
          SessionToken: "fake",
          Expiration: new Date(Date.now() + 3_600_000),
        },
      };
    }
    throw new Error(`fake STS: ${command}`);
  };

  // No regional resources (yet): every account answers that it has no region enabled, so none is read, and that
  // it has no multi-region access points (asked for in us-west-2 whatever the regions).
  const regionalClients = (region: string): RegionalClients => {
    const ec2 = serve(new EC2Client(config(region)), (command) => {
      if (command === "DescribeRegionsCommand") return { Regions: [] };
      throw new Error(`fake EC2: ${command}`);
    });
    const s3Control = serve(new S3ControlClient(config(region)), (command) => {
      if (command === "ListMultiRegionAccessPointsCommand" && region === "us-west-2")
        return { AccessPoints: [] };
      throw new Error(`fake S3 Control in ${region}: ${command}`);
    });
    const none = (): never => {
      throw new Error("fake AWS: no regional service");
    };
    return {
      region,
      ec2: () => ec2,
      kms: none,
      sqs: none,
      sns: none,
      lambda: none,
      secretsManager: none,
      ecr: none,
      efs: none,
      dynamodb: none,
      rds: none,
      s3Control: () => s3Control,
      s3: none,
    };
  };

  const sts = serve(new STSClient(config("us-east-1")), stsHandler);
  const organizations = serve(new OrganizationsClient(config("us-east-1")), organizationsHandler);
  const clients: ClientFactory = {
    region: "us-east-1",
    sts: () => sts,
    organizations: () => organizations,
    forAccount(accountId): AccountClients {
      const s3ByRegion = new Map<string, S3Client>();
      return {
        iam: serve(new IAMClient(config("us-east-1")), iamHandler(accountId)),
        s3Control: serve(new S3ControlClient(config("us-east-1")), () => ({
          PublicAccessBlockConfiguration: {
            BlockPublicAcls: true,
            IgnorePublicAcls: true,
            BlockPublicPolicy: true,
            RestrictPublicBuckets: true,
          },
        })),
        s3(region) {
          let client = s3ByRegion.get(region);
          if (!client) {
            client = serve(new S3Client(config(region)), s3Handler(accountId, region));
            s3ByRegion.set(region, client);
          }
          return client;
        },
        regional: regionalClients,
        destroy() {},
      };
    },
    destroy() {},
    secrets: new SecretValues(),
  };
  return { clients, counters, managementAccountId: MGMT, memberIds };
}
