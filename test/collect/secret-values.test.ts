import { describe, expect, it } from "vitest";
import { SecretValues } from "../../src/collect/secret-values.js";

describe("SecretValues", () => {
  it("removes every occurrence of each value, the longest first when one starts another", () => {
    const secrets = new SecretValues();
    secrets.add({
      accessKeyId: "abcdefgh",
      secretAccessKey: "abcdefgh-and-more",
      sessionToken: "x y z w v u",
    });
    expect(secrets.redact("abcdefgh-and-more|abcdefgh|x y z w v u|abcdefg")).toBe(
      "[redacted]|[redacted]|[redacted]|abcdefg",
    );
  });

  it("leaves values too short to tell from ordinary words", () => {
    const secrets = new SecretValues();
    secrets.add({ accessKeyId: "fake", secretAccessKey: "t" });
    expect(secrets.redact("a fake bucket at the start")).toBe("a fake bucket at the start");
  });

  it("learns the values a watched provider hands out, renewals included", async () => {
    const secrets = new SecretValues();
    let round = 0;
    const provider = secrets.watch(async () => {
      round += 1;
      return { accessKeyId: `key-of-round-${round}`, secretAccessKey: `secret-of-round-${round}` };
    });
    expect(secrets.redact("key-of-round-1")).toBe("key-of-round-1");
    await provider();
    await provider();
    expect(secrets.redact("key-of-round-1 secret-of-round-2")).toBe("[redacted] [redacted]");
  });
});
