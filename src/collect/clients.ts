import { IAMClient } from "@aws-sdk/client-iam";
import { OrganizationsClient } from "@aws-sdk/client-organizations";
import { S3Client } from "@aws-sdk/client-s3";
import { S3ControlClient } from "@aws-sdk/client-s3-control";
import { STSClient } from "@aws-sdk/client-sts";
import { fromNodeProviderChain } from "@aws-sdk/credential-providers";

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
}

export interface AwsClientSettings {
  region: string;
  profile?: string;
  /** SDK attempts per call, first one included (adaptive retry mode). */
  maxAttempts: number;
  /** Replaces the default credential chain (tests pass fixed fake credentials). */
  credentials?: CredentialProvider;
  userAgent?: string;
}

export const DEFAULT_MAX_ATTEMPTS = 8;

/** Reads the region for global services from the options or the environment, as the AWS CLI does. */
export function defaultRegion(env: NodeJS.ProcessEnv = process.env): string {
  return env.AWS_REGION || env.AWS_DEFAULT_REGION || "us-east-1";
}

/** Real SDK clients: the default credential chain (or `--profile`), adaptive retries, one S3 client per region. */
export function createAwsClientFactory(settings: AwsClientSettings): ClientFactory {
  // One provider for every client made with the caller's identity, so an SSO or role profile is resolved once.
  const callerCredentials: CredentialProvider =
    settings.credentials ?? fromNodeProviderChain(settings.profile ? { profile: settings.profile } : {});
  const common = (credentials: CredentialProvider, region = settings.region) => ({
    region,
    credentials,
    maxAttempts: settings.maxAttempts,
    retryMode: "adaptive",
    ...(settings.userAgent ? { customUserAgent: settings.userAgent } : {}),
  });

  let sts: STSClient | undefined;
  let organizations: OrganizationsClient | undefined;

  return {
    region: settings.region,
    sts: () => (sts ??= new STSClient(common(callerCredentials))),
    organizations: () => (organizations ??= new OrganizationsClient(common(callerCredentials))),
    forAccount(_accountId, credentials = callerCredentials) {
      const iam = new IAMClient(common(credentials));
      const s3Control = new S3ControlClient(common(credentials));
      const s3ByRegion = new Map<string, S3Client>();
      return {
        iam,
        s3Control,
        s3(region) {
          let client = s3ByRegion.get(region);
          if (!client) {
            // followRegionRedirects: a bucket whose region was misreported is still reached.
            client = new S3Client({ ...common(credentials, region), followRegionRedirects: true });
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
  };
}
