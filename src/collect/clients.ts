import { IAMClient } from "@aws-sdk/client-iam";
import { OrganizationsClient } from "@aws-sdk/client-organizations";
import { S3Client } from "@aws-sdk/client-s3";
import { S3ControlClient } from "@aws-sdk/client-s3-control";
import { STSClient } from "@aws-sdk/client-sts";
import { fromNodeProviderChain } from "@aws-sdk/credential-providers";
import { AdaptiveRetryStrategy } from "@smithy/core/retry";
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
  /** Closes these clients once the account is done (their sockets would keep the process alive a while). */
  destroy(): void;
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
      return {
        iam,
        s3Control,
        s3(region) {
          let client = s3ByRegion.get(region);
          if (!client) {
            // followRegionRedirects: a bucket whose region was misreported is still reached.
            client = new S3Client({ ...common(credentials, region), followRegionRedirects: true, ...local });
            s3ByRegion.set(region, client);
          }
          return client;
        },
        destroy() {
          iam.destroy();
          s3Control.destroy();
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
