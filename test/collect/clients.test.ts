import { ListSAMLProvidersCommand } from "@aws-sdk/client-iam";
import { AdaptiveRetryStrategy } from "@smithy/core/retry";
import { describe, expect, it } from "vitest";
import { createAwsClientFactory, defaultRegion, type RetryReason } from "../../src/collect/clients.js";
import { startLocalServer, xml } from "./support/local-server.js";

const fakeCredentials = async () => ({ accessKeyId: "AKIDFAKE", secretAccessKey: "fake" });

describe("createAwsClientFactory", () => {
  const factory = createAwsClientFactory({
    region: "eu-central-1",
    maxAttempts: 7,
    connectTimeoutMs: 10_000,
    requestTimeoutMs: 60_000,
    credentials: fakeCredentials,
    userAgent: "trustscan/test",
  });

  it("configures adaptive retries with the given attempts, region and credentials", async () => {
    const { iam } = factory.forAccount("111122223333");
    const strategy = await iam.config.retryStrategy();
    expect((strategy as { mode?: string }).mode).toBe("adaptive");
    expect(strategy).toBeInstanceOf(AdaptiveRetryStrategy);
    expect(await iam.config.maxAttempts()).toBe(7);
    expect(await iam.config.region()).toBe("eu-central-1");
    expect((await iam.config.credentials()).accessKeyId).toBe("AKIDFAKE");
    expect(await factory.sts().config.region()).toBe("eu-central-1");
    expect(factory.sts()).toBe(factory.sts());
  });

  it("makes one S3 client per region and reuses it", async () => {
    const account = factory.forAccount("111122223333");
    const eu = account.s3("eu-west-1");
    expect(account.s3("eu-west-1")).toBe(eu);
    expect(account.s3("us-east-1")).not.toBe(eu);
    expect(await eu.config.region()).toBe("eu-west-1");
    expect(eu.config.followRegionRedirects).toBe(true);
    account.destroy();
  });

  it("makes each regional client on first use, one per service and region, and closes them with the account", async () => {
    const account = factory.forAccount("111122223333");
    const eu = account.regional("eu-west-1");
    expect(account.regional("eu-west-1")).toBe(eu);
    expect(eu.region).toBe("eu-west-1");
    const kms = eu.kms();
    expect(eu.kms()).toBe(kms);
    expect(account.regional("us-east-1").kms()).not.toBe(kms);
    expect(await kms.config.region()).toBe("eu-west-1");
    expect(await eu.dynamodb().config.region()).toBe("eu-west-1");
    expect(await eu.s3Control().config.region()).toBe("eu-west-1");
    // S3 in the region is the account's S3 client for that region, not a second one.
    expect(eu.s3()).toBe(account.s3("eu-west-1"));
    // Each client its own retry strategy, which adapts its own sending rate.
    expect(await eu.sqs().config.retryStrategy()).not.toBe(await eu.sns().config.retryStrategy());
    expect(await eu.ec2().config.maxAttempts()).toBe(7);

    const destroyed: string[] = [];
    for (const [name, client] of Object.entries({ kms, ec2: eu.ec2(), s3: eu.s3() })) {
      const destroy = client.destroy.bind(client);
      client.destroy = () => {
        destroyed.push(name);
        destroy();
      };
    }
    account.destroy();
    expect(destroyed.sort()).toEqual(["ec2", "kms", "s3"]);
  });

  it("gives a member account's clients that account's credentials", async () => {
    const member = factory.forAccount("444455556666", async () => ({
      accessKeyId: "member",
      secretAccessKey: "m",
      sessionToken: "t",
    }));
    expect((await member.iam.config.credentials()).accessKeyId).toBe("member");
    expect((await member.s3("ap-southeast-2").config.credentials()).accessKeyId).toBe("member");
    expect((await member.s3Control.config.credentials()).accessKeyId).toBe("member");
    expect((await member.regional("eu-north-1").lambda().config.credentials()).accessKeyId).toBe("member");
    member.destroy();
  });

  it("remembers every credential value its clients were given, the caller's and each account's", async () => {
    const own = createAwsClientFactory({
      region: "us-east-1",
      maxAttempts: 1,
      connectTimeoutMs: 1_000,
      requestTimeoutMs: 1_000,
      credentials: async () => ({ accessKeyId: "caller-id-1", secretAccessKey: "caller secret value" }),
    });
    const member = own.forAccount("444455556666", async () => ({
      accessKeyId: "member-id-1",
      secretAccessKey: "member secret value",
      sessionToken: "member session value",
    }));
    await own.sts().config.credentials();
    await member.iam.config.credentials();
    expect(
      own.secrets.redact(
        "caller-id-1 / caller secret value / member-id-1 / member secret value / member session value",
      ),
    ).toBe("[redacted] / [redacted] / [redacted] / [redacted] / [redacted]");
    member.destroy();
    own.destroy();
  });

  it("sets the connection and request timeouts on the HTTP handler, and reports each retry with its reason", async () => {
    let samlCalls = 0;
    const server = await startLocalServer((_req, res) => {
      samlCalls += 1;
      if (samlCalls === 1) return xml(res, 400, errorXml("Throttling", "Rate exceeded"));
      if (samlCalls === 2) return xml(res, 500, errorXml("InternalFailure", "try again"));
      xml(res, 200, SAML_PROVIDERS);
    });
    const reasons: RetryReason[] = [];
    const local = createAwsClientFactory({
      region: "us-east-1",
      maxAttempts: 3,
      connectTimeoutMs: 1_234,
      requestTimeoutMs: 5_678,
      credentials: fakeCredentials,
      endpoint: server.url,
      onRetry: (reason) => reasons.push(reason),
    });
    const { iam, destroy } = local.forAccount("111122223333");
    const answer = await iam.send(new ListSAMLProvidersCommand({}));
    expect(answer.$metadata.attempts).toBe(3);
    expect(reasons).toEqual(["THROTTLING", "TRANSIENT"]);
    // The NodeHttpHandler the client made from these options (typed as any handler).
    const handler = iam.config.requestHandler as unknown as { httpHandlerConfigs(): object };
    expect(handler.httpHandlerConfigs()).toMatchObject({
      connectionTimeout: 1_234,
      requestTimeout: 5_678,
      throwOnRequestTimeout: true,
      socketTimeout: 5_678,
    });
    destroy();
  });
});

function errorXml(code: string, message: string): string {
  return `<ErrorResponse><Error><Type>Sender</Type><Code>${code}</Code><Message>${message}</Message></Error><RequestId>r</RequestId></ErrorResponse>`;
}

const SAML_PROVIDERS = `<ListSAMLProvidersResponse xmlns="https://iam.amazonaws.com/doc/2010-05-08/"><ListSAMLProvidersResult><SAMLProviderList/></ListSAMLProvidersResult><ResponseMetadata><RequestId>r</RequestId></ResponseMetadata></ListSAMLProvidersResponse>`;

describe("defaultRegion", () => {
  it("prefers AWS_REGION, then AWS_DEFAULT_REGION, then us-east-1", () => {
    expect(defaultRegion({ AWS_REGION: "eu-west-3", AWS_DEFAULT_REGION: "us-west-2" })).toBe("eu-west-3");
    expect(defaultRegion({ AWS_DEFAULT_REGION: "us-west-2" })).toBe("us-west-2");
    expect(defaultRegion({})).toBe("us-east-1");
  });
});
