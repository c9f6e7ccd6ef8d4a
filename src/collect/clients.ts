import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { EC2Client } from "@aws-sdk/client-ec2";
import { ECRClient } from "@aws-sdk/client-ecr";
import { EFSClient } from "@aws-sdk/client-efs";
import { IAMClient } from "@aws-sdk/client-iam";
import { KMSClient } from "@aws-sdk/client-kms";
import { LambdaClient } from "@aws-sdk/client-lambda";
import { OrganizationsClient } from "@aws-sdk/client-organizations";
import { RDSClient } from "@aws-sdk/client-rds";
import { S3Client } from "@aws-sdk/client-s3";
import { S3ControlClient } from "@aws-sdk/client-s3-control";
import { SecretsManagerClient } from "@aws-sdk/client-secrets-manager";
import { SNSClient } from "@aws-sdk/client-sns";
import { SQSClient } from "@aws-sdk/client-sqs";
import { STSClient } from "@aws-sdk/client-sts";
import { fromNodeProviderChain } from "@aws-sdk/credential-providers";
import { AdaptiveRetryStrategy } from "@smithy/core/retry";
import type { RegionalClients } from "./regional/regional-clients.js";
import { SecretValues } from "./secret-values.js";

/** Credentials as the SDK clients take them (structurally the SDK's AwsCredentialIdentityProvider). */
export interface Credentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
  expiration?: Date;
}
export type CredentialProvider = () => Promise<Credentials>;

/** The clients that read one account. */
export interface AccountClients {
  readonly iam: IAMClient;
  readonly s3Control: S3ControlClient;
  /** An S3 client in `region` (bucket calls must go to the bucket's own region); one per region, reused. */
  s3(region: string): S3Client;
  /** The clients of the regional services in `region`; one set per region, reused. */
  regional(region: string): RegionalClients;
  /** Closes these clients once the account is done (their sockets would keep the process alive a while). */
  destroy(): void;
}

/** Makes a new client of each regional service (S3 apart: the account's client for the region is reused). */
export type RegionalClientMakers = Omit<RegionalClients, "region" | "s3">;

/**
 * Regional clients that are made on first use and then reused: an account reads a dozen services in each of
 * some twenty regions, and a service it has nothing in should cost no client. `destroy` closes those made.
 */
export function lazyRegionalClients(
  region: string,
  make: RegionalClientMakers,
  s3: () => S3Client,
): { clients: RegionalClients; destroy(): void } {
  const made = new Map<keyof RegionalClientMakers, { destroy(): void }>();
  const once =
    <K extends keyof RegionalClientMakers>(key: K) =>
    (): ReturnType<RegionalClientMakers[K]> => {
      let client = made.get(key);
      if (!client) {
        client = make[key]();
        made.set(key, client);
      }
      return client as ReturnType<RegionalClientMakers[K]>;
    };
  return {
    clients: {
      region,
      kms: once("kms"),
      sqs: once("sqs"),
      sns: once("sns"),
      lambda: once("lambda"),
      secretsManager: once("secretsManager"),
      ecr: once("ecr"),
      efs: once("efs"),
      dynamodb: once("dynamodb"),
      ec2: once("ec2"),
      rds: once("rds"),
      s3Control: once("s3Control"),
      s3,
    },
    destroy() {
      for (const client of made.values()) client.destroy();
      made.clear();
    },
  };
}

/** Where collectors get their clients; tests and the benchmark pass their own. */
export interface ClientFactory {
  /** The region for global services (IAM, Organizations, STS, S3 ListBuckets). */
  readonly region: string;
  /** STS with the caller's own credentials. */
  sts(): STSClient;
  /** Organizations with the caller's own credentials. */
  organizations(): OrganizationsClient;
  /** Clients for one account; without `credentials`, the caller's own. */
  forAccount(accountId: string, credentials?: CredentialProvider): AccountClients;
  /** Closes the caller's STS and Organizations clients. */
  destroy(): void;
  /** Every credential value these clients were given, for redaction by value (errors.ts cleanMessage). */
  readonly secrets: SecretValues;
}

export interface AwsClientSettings {
  region: string;
  profile?: string;
  /** SDK attempts per call, first one included (adaptive retry mode). */
  maxAttempts: number;
  /** Time allowed to open a connection, in milliseconds. */
  connectTimeoutMs: number;
  /**
   * Time allowed for a request until the response starts, and for any silence while the response is read,
   * in milliseconds. A request that runs out of time fails with `TimeoutError`, which the SDK retries.
   */
  requestTimeoutMs: number;
  /** Replaces the default credential chain (tests pass fixed fake credentials). */
  credentials?: CredentialProvider;
  userAgent?: string;
  /** Told of every retry the SDK makes, with the SDK's reason for it (the summary counts throttling apart). */
  onRetry?: (reason: RetryReason) => void;
  /** Sends every request to this URL instead of AWS. For tests only (a server on 127.0.0.1). */
  endpoint?: string;
}

export {
  DEFAULT_CONNECT_TIMEOUT_SECONDS,
  DEFAULT_MAX_ATTEMPTS,
  DEFAULT_REQUEST_TIMEOUT_SECONDS,
} from "./defaults.js";

type RetryErrorInfo = Parameters<AdaptiveRetryStrategy["refreshRetryTokenForRetry"]>[1];
/** `THROTTLING`, `TRANSIENT` (5xx, timeouts, network errors), ...: the SDK's classification of a failure. */
export type RetryReason = RetryErrorInfo["errorType"];

/** The SDK's adaptive retries, reporting each retry it decides to make and why. */
class ReportingRetryStrategy extends AdaptiveRetryStrategy {
  constructor(
    maxAttempts: number,
    private readonly onRetry: (reason: RetryReason) => void,
  ) {
    super(maxAttempts);
  }

  override async refreshRetryTokenForRetry(
    ...args: Parameters<AdaptiveRetryStrategy["refreshRetryTokenForRetry"]>
  ): ReturnType<AdaptiveRetryStrategy["refreshRetryTokenForRetry"]> {
    // Throws when the SDK gives up: only retries that happen are reported.
    const token = await super.refreshRetryTokenForRetry(...args);
    this.onRetry(args[1].errorType);
    return token;
  }
}

/** Reads the region for global services from the options or the environment, as the AWS CLI does. */
export function defaultRegion(env: NodeJS.ProcessEnv = process.env): string {
  return env.AWS_REGION || env.AWS_DEFAULT_REGION || "us-east-1";
}

/**
 * Real SDK clients: the default credential chain (or `--profile`), adaptive retries, connection and request
 * timeouts, one S3 client per region.
 */
export function createAwsClientFactory(settings: AwsClientSettings): ClientFactory {
  const secrets = new SecretValues();
  // One provider for every client made with the caller's identity, so an SSO or role profile is resolved once.
  const callerCredentials = secrets.watch(
    settings.credentials ?? fromNodeProviderChain(settings.profile ? { profile: settings.profile } : {}),
  );
  const onRetry = settings.onRetry ?? (() => {});
  const common = (credentials: CredentialProvider, region = settings.region) => ({
    region,
    credentials,
    maxAttempts: settings.maxAttempts,
    // One strategy per client, as the SDK's default: each client adapts its own sending rate.
    retryStrategy: new ReportingRetryStrategy(settings.maxAttempts, onRetry),
    // Without these the SDK waits forever for a server that accepted the connection and never answers.
    // requestTimeout covers the time to the response's headers, socketTimeout any silence while reading it.
    requestHandler: {
      connectionTimeout: settings.connectTimeoutMs,
      requestTimeout: settings.requestTimeoutMs,
      throwOnRequestTimeout: true,
      socketTimeout: settings.requestTimeoutMs,
    },
    ...(settings.userAgent ? { customUserAgent: settings.userAgent } : {}),
    ...(settings.endpoint ? { endpoint: settings.endpoint } : {}),
  });
  // A local endpoint has no bucket subdomains and no account-id host prefixes.
  const local = settings.endpoint ? { forcePathStyle: true, disableHostPrefix: true } : {};

  let sts: STSClient | undefined;
  let organizations: OrganizationsClient | undefined;

  return {
    region: settings.region,
    sts: () => (sts ??= new STSClient(common(callerCredentials))),
    organizations: () => (organizations ??= new OrganizationsClient(common(callerCredentials))),
    forAccount(_accountId, accountCredentials) {
      const credentials = accountCredentials ? secrets.watch(accountCredentials) : callerCredentials;
      const iam = new IAMClient(common(credentials));
      const s3Control = new S3ControlClient({ ...common(credentials), ...local });
      const s3ByRegion = new Map<string, S3Client>();
      const s3 = (region: string) => {
        let client = s3ByRegion.get(region);
        if (!client) {
          // followRegionRedirects: a bucket whose region was misreported is still reached.
          client = new S3Client({ ...common(credentials, region), followRegionRedirects: true, ...local });
          s3ByRegion.set(region, client);
        }
        return client;
      };
      const regionalByRegion = new Map<string, ReturnType<typeof lazyRegionalClients>>();
      const regional = (region: string) => {
        let entry = regionalByRegion.get(region);
        if (!entry) {
          // A fresh configuration for each client: each has its own retry strategy, which adapts its own rate.
          const config = () => common(credentials, region);
          entry = lazyRegionalClients(
            region,
            {
              kms: () => new KMSClient(config()),
              sqs: () => new SQSClient(config()),
              sns: () => new SNSClient(config()),
              lambda: () => new LambdaClient(config()),
              secretsManager: () => new SecretsManagerClient(config()),
              ecr: () => new ECRClient(config()),
              efs: () => new EFSClient(config()),
              dynamodb: () => new DynamoDBClient(config()),
              ec2: () => new EC2Client(config()),
              rds: () => new RDSClient(config()),
              s3Control: () => new S3ControlClient({ ...config(), ...local }),
            },
            () => s3(region),
          );
          regionalByRegion.set(region, entry);
        }
        return entry.clients;
      };
      return {
        iam,
        s3Control,
        s3,
        regional,
        destroy() {
          iam.destroy();
          s3Control.destroy();
          for (const entry of regionalByRegion.values()) entry.destroy();
          for (const client of s3ByRegion.values()) client.destroy();
        },
      };
    },
    destroy() {
      sts?.destroy();
      organizations?.destroy();
    },
    secrets,
  };
}
