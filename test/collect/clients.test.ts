import { describe, expect, it } from "vitest";
import { createAwsClientFactory, defaultRegion } from "../../src/collect/clients.js";

const fakeCredentials = async () => ({ accessKeyId: "AKIDFAKE", secretAccessKey: "fake" });

describe("createAwsClientFactory", () => {
  const factory = createAwsClientFactory({
    region: "eu-central-1",
    maxAttempts: 7,
    credentials: fakeCredentials,
    userAgent: "trustscan/test",
  });

  it("configures adaptive retries with the given attempts, region and credentials", async () => {
    const { iam } = factory.forAccount("111122223333");
    const strategy = await iam.config.retryStrategy();
    expect((strategy as { mode?: string }).mode).toBe("adaptive");
    expect(strategy.constructor.name).toBe("AdaptiveRetryStrategy");
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

  it("gives a member account's clients that account's credentials", async () => {
    const member = factory.forAccount("444455556666", async () => ({
      accessKeyId: "member",
      secretAccessKey: "m",
      sessionToken: "t",
    }));
    expect((await member.iam.config.credentials()).accessKeyId).toBe("member");
    expect((await member.s3("ap-southeast-2").config.credentials()).accessKeyId).toBe("member");
    expect((await member.s3Control.config.credentials()).accessKeyId).toBe("member");
    member.destroy();
  });
});

describe("defaultRegion", () => {
  it("prefers AWS_REGION, then AWS_DEFAULT_REGION, then us-east-1", () => {
    expect(defaultRegion({ AWS_REGION: "eu-west-3", AWS_DEFAULT_REGION: "us-west-2" })).toBe("eu-west-3");
    expect(defaultRegion({ AWS_DEFAULT_REGION: "us-west-2" })).toBe("us-west-2");
    expect(defaultRegion({})).toBe("us-east-1");
  });
});
