/**
 * The regional services of the mocked organization (mock-scenario.ts), served to the real SDK clients through
 * aws-sdk-client-mock. Each request is answered for the account of the client's credentials and the client's
 * region, so that a call made with the wrong account's client or in the wrong region finds nothing.
 *
 * Every readable account has us-east-1 and eu-west-1 enabled. Exercised on the way: pagination (prod's KMS keys
 * in 2 pages), a key deleted between ListKeys and DescribeKey (prod), a key policy that denies the collector
 * (prod), a key policy throttled once (prod), an AWS managed key (no ListGrants), grants naming an outside role.
 * `RegionalScenario` changes it for one test: regions enabled, regions whose every call fails.
 */
import { DescribeRegionsCommand, EC2Client, EC2ServiceException } from "@aws-sdk/client-ec2";
import {
  DescribeKeyCommand,
  GetKeyPolicyCommand,
  KMSClient,
  KMSServiceException,
  ListGrantsCommand,
  ListKeysCommand,
  type GrantListEntry,
  type KeyMetadata,
} from "@aws-sdk/client-kms";
import { mockClient } from "aws-sdk-client-mock";
import { DEV, MGMT, OUTSIDE, PROD } from "./mock-ids.js";

type ServiceName = "ec2" | "kms";

/** An error as the SDK of `service` raises it. */
export function regionalError(service: ServiceName, name: string, status: number, message: string): Error {
  const fields = { name, $fault: "client" as const, $metadata: { httpStatusCode: status }, message };
  if (service === "ec2") return new EC2ServiceException(fields);
  return new KMSServiceException(fields);
}

const when = (iso: string) => new Date(iso);

// ---------------------------------------------------------------- data

interface MockKey {
  id: string;
  manager: "CUSTOMER" | "AWS";
  description?: string;
  /** The key policy, or the error GetKeyPolicy raises. */
  policy: object | Error;
  grants?: GrantListEntry[];
  /** Deleted after ListKeys: every later call answers NotFoundException. */
  deletedAfterListing?: boolean;
  /** The first GetKeyPolicy is throttled. */
  throttlePolicyOnce?: boolean;
}

interface MockRegion {
  /** ListKeys pages (each a list of key ids); a page size of its own, whatever Limit asks. */
  keyPages: string[][];
  keys: Record<string, MockKey>;
}

const EMPTY_REGION: MockRegion = { keyPages: [[]], keys: {} };

const keyArn = (account: string, region: string, id: string) => `arn:aws:kms:${region}:${account}:key/${id}`;

/** A key policy that gives the account (and through it IAM) full control, plus `extra` statements. */
const keyPolicy = (account: string, ...extra: object[]) => ({
  Version: "2012-10-17",
  Id: "key-default-1",
  Statement: [
    {
      Sid: "Enable IAM User Permissions",
      Effect: "Allow",
      Principal: { AWS: `arn:aws:iam::${account}:root` },
      Action: "kms:*",
      Resource: "*",
    },
    ...extra,
  ],
});

const MGMT_APP_KEY = "1234abcd-12ab-34cd-56ef-1234567890ab";
const MGMT_S3_KEY = "0987dcba-09fe-87dc-65ba-ab0987654321";
const PROD_KEYS = {
  shared: "2222aaaa-0000-4000-8000-000000000001",
  locked: "2222aaaa-0000-4000-8000-000000000002",
  deleted: "2222aaaa-0000-4000-8000-000000000003",
};
const DEV_KEY = "7777bbbb-0000-4000-8000-000000000001";

export const REGIONAL_DATA: Record<string, Record<string, MockRegion>> = {
  [MGMT]: {
    "us-east-1": {
      keyPages: [[MGMT_APP_KEY, MGMT_S3_KEY]],
      keys: {
        [MGMT_APP_KEY]: {
          id: MGMT_APP_KEY,
          manager: "CUSTOMER",
          description: "application data",
          policy: keyPolicy(MGMT, {
            Sid: "AllowVendorDecryptThroughS3",
            Effect: "Allow",
            Principal: { AWS: `arn:aws:iam::${OUTSIDE}:role/vendor-processor` },
            Action: ["kms:Decrypt", "kms:DescribeKey"],
            Resource: "*",
            Condition: { StringEquals: { "kms:ViaService": "s3.us-east-1.amazonaws.com" } },
          }),
          grants: [
            {
              KeyId: keyArn(MGMT, "us-east-1", MGMT_APP_KEY),
              GrantId: "0c237476b39f8bc44e45212e08498fbe3151305030726c0590dd8d3e9f3d6a60",
              Name: "vendor-batch",
              CreationDate: when("2025-03-03T03:03:03Z"),
              GranteePrincipal: `arn:aws:iam::${OUTSIDE}:role/vendor-batch`,
              IssuingAccount: `arn:aws:iam::${MGMT}:root`,
              Operations: ["Encrypt", "Decrypt", "GenerateDataKey"],
            },
            {
              KeyId: keyArn(MGMT, "us-east-1", MGMT_APP_KEY),
              GrantId: "0a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f9",
              CreationDate: when("2025-02-02T02:02:02Z"),
              GranteePrincipal: "dynamodb.us-east-1.amazonaws.com",
              RetiringPrincipal: "dynamodb.us-east-1.amazonaws.com",
              IssuingAccount: `arn:aws:iam::${MGMT}:root`,
              Operations: ["Decrypt", "DescribeKey"],
              Constraints: { EncryptionContextSubset: { "aws:dynamodb:tableName": "mgmt-orders" } },
            },
          ],
        },
        [MGMT_S3_KEY]: {
          id: MGMT_S3_KEY,
          manager: "AWS",
          description: "Default key that protects my S3 objects when no other key is defined",
          policy: {
            Version: "2012-10-17",
            Id: "auto-s3-2",
            Statement: [
              {
                Sid: "Allow access through S3 for all principals in the account that are authorized to use S3",
                Effect: "Allow",
                Principal: { AWS: "*" },
                Action: [
                  "kms:Encrypt",
                  "kms:Decrypt",
                  "kms:ReEncrypt*",
                  "kms:GenerateDataKey*",
                  "kms:DescribeKey",
                ],
                Resource: "*",
                Condition: {
                  StringEquals: { "kms:CallerAccount": MGMT, "kms:ViaService": "s3.us-east-1.amazonaws.com" },
                },
              },
            ],
          },
        },
      },
    },
    "eu-west-1": EMPTY_REGION,
  },
  [PROD]: {
    "us-east-1": {
      keyPages: [[PROD_KEYS.shared, PROD_KEYS.deleted], [PROD_KEYS.locked]],
      keys: {
        [PROD_KEYS.shared]: {
          id: PROD_KEYS.shared,
          manager: "CUSTOMER",
          policy: keyPolicy(PROD, {
            Sid: "OrganizationUse",
            Effect: "Allow",
            Principal: { AWS: "*" },
            Action: "kms:Decrypt",
            Resource: "*",
            Condition: { StringEquals: { "aws:PrincipalOrgID": "o-ab12cdef34" } },
          }),
          grants: [],
          throttlePolicyOnce: true,
        },
        [PROD_KEYS.locked]: {
          id: PROD_KEYS.locked,
          manager: "CUSTOMER",
          // Its key policy lets the account list and describe the key, not read its policy.
          policy: regionalError(
            "kms",
            "AccessDeniedException",
            400,
            `User: arn:aws:sts::${PROD}:assumed-role/OrganizationAccountAccessRole/trustscan-collect is not authorized to perform: kms:GetKeyPolicy on this resource because the resource does not exist in this Region, no resource-based policies allow access, or a resource-based policy explicitly denies access`,
          ),
          grants: [],
        },
        [PROD_KEYS.deleted]: {
          id: PROD_KEYS.deleted,
          manager: "CUSTOMER",
          policy: keyPolicy(PROD),
          deletedAfterListing: true,
        },
      },
    },
    "eu-west-1": EMPTY_REGION,
  },
  [DEV]: {
    "us-east-1": {
      keyPages: [[DEV_KEY]],
      keys: {
        [DEV_KEY]: { id: DEV_KEY, manager: "CUSTOMER", policy: keyPolicy(DEV), grants: [] },
      },
    },
    "eu-west-1": EMPTY_REGION,
  },
};

/** Changes for one test. */
export interface RegionalScenario {
  /** Regions enabled per account (DescribeRegions); default: every region of REGIONAL_DATA. */
  enabledRegions?: Record<string, string[]>;
  /** Regions in which every call of the account fails with this error code (an SCP, an invalid token). */
  failingRegions?: { account: string; region: string; code: string }[];
  /** DescribeRegions fails with this code for every account. */
  describeRegionsError?: string;
}

export type RegionalMocks = Record<ServiceName, ReturnType<typeof mockClient>>;

type ClientOf = () => unknown;

/** How mock-scenario.ts tells the account and region of a request. */
export interface RequestContext {
  accountOf(getClient: ClientOf): Promise<string>;
  regionOf(getClient: ClientOf): Promise<string>;
}

function pageIndex(token: string | undefined, prefix: string): number {
  return token ? Number(token.replace(`${prefix}-`, "")) : 0;
}

export function mockRegionalServices(
  context: RequestContext,
  scenario: RegionalScenario = {},
): RegionalMocks {
  const throttled = new Set<string>();

  /** The data of the request's account and region; throws as AWS would when the region fails as a whole. */
  const regionOf = async (
    service: ServiceName,
    getClient: ClientOf,
  ): Promise<MockRegion & { account: string; region: string }> => {
    // aws-sdk-client-mock's getClient answers the client of the latest request: asked before any await.
    const client = getClient();
    const account = await context.accountOf(() => client);
    const region = await context.regionOf(() => client);
    const failing = scenario.failingRegions?.find((f) => f.account === account && f.region === region);
    if (failing) throw regionalError(service, failing.code, 400, `${failing.code} in ${region}`);
    // A region enabled for a test only has nothing in it.
    const data = REGIONAL_DATA[account]?.[region] ?? EMPTY_REGION;
    return { ...data, account, region };
  };

  const ec2 = mockClient(EC2Client);
  ec2.on(DescribeRegionsCommand).callsFake(async (input: { AllRegions?: boolean }, getClient) => {
    if (input.AllRegions !== false)
      throw new Error("only the regions enabled for the account must be asked for");
    if (scenario.describeRegionsError) {
      throw regionalError(
        "ec2",
        scenario.describeRegionsError,
        403,
        "You are not authorized to perform this operation.",
      );
    }
    const account = await context.accountOf(getClient);
    const enabled = scenario.enabledRegions?.[account] ?? Object.keys(REGIONAL_DATA[account] ?? {});
    return {
      Regions: enabled.map((name) => ({
        RegionName: name,
        Endpoint: `ec2.${name}.amazonaws.com`,
        OptInStatus: "opt-in-not-required",
      })),
    };
  });

  const kms = mockClient(KMSClient);
  const keyOf = async (keyId: string, getClient: ClientOf) => {
    const data = await regionOf("kms", getClient);
    const key = Object.values(data.keys).find(
      (k) => keyId === k.id || keyId === keyArn(data.account, data.region, k.id),
    );
    if (!key || key.deletedAfterListing) {
      throw regionalError("kms", "NotFoundException", 400, `Key '${keyId}' does not exist`);
    }
    return { key, arn: keyArn(data.account, data.region, key.id), account: data.account };
  };
  kms.on(ListKeysCommand).callsFake(async (input: { Marker?: string }, getClient) => {
    const data = await regionOf("kms", getClient);
    const index = pageIndex(input.Marker, "keys");
    const next = index + 1 < data.keyPages.length ? `keys-${index + 1}` : undefined;
    return {
      Keys: (data.keyPages[index] ?? []).map((id) => ({
        KeyId: id,
        KeyArn: keyArn(data.account, data.region, id),
      })),
      Truncated: next !== undefined,
      ...(next ? { NextMarker: next } : {}),
    };
  });
  kms.on(DescribeKeyCommand).callsFake(async (input: { KeyId: string }, getClient) => {
    const { key, arn, account } = await keyOf(input.KeyId, getClient);
    const metadata: KeyMetadata = {
      AWSAccountId: account,
      KeyId: key.id,
      Arn: arn,
      CreationDate: when("2024-09-09T09:09:09Z"),
      Enabled: true,
      ...(key.description ? { Description: key.description } : {}),
      KeyUsage: "ENCRYPT_DECRYPT",
      KeyState: "Enabled",
      Origin: "AWS_KMS",
      KeyManager: key.manager,
      KeySpec: "SYMMETRIC_DEFAULT",
      EncryptionAlgorithms: ["SYMMETRIC_DEFAULT"],
      MultiRegion: false,
    };
    return { KeyMetadata: metadata };
  });
  kms.on(GetKeyPolicyCommand).callsFake(async (input: { KeyId: string; PolicyName?: string }, getClient) => {
    const { key, arn } = await keyOf(input.KeyId, getClient);
    if (input.PolicyName !== "default") throw new Error("a key has only the policy named default");
    if (key.throttlePolicyOnce && !throttled.has(arn)) {
      throttled.add(arn);
      throw regionalError("kms", "ThrottlingException", 400, "Rate exceeded");
    }
    if (key.policy instanceof Error) throw key.policy;
    return { Policy: JSON.stringify(key.policy), PolicyName: "default" };
  });
  kms.on(ListGrantsCommand).callsFake(async (input: { KeyId: string }, getClient) => {
    const { key } = await keyOf(input.KeyId, getClient);
    if (key.manager === "AWS") throw new Error("AWS managed keys' grants are not read");
    return { Grants: key.grants ?? [], Truncated: false };
  });

  return { ec2, kms };
}
