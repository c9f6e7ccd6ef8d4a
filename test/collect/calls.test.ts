import { IAMServiceException } from "@aws-sdk/client-iam";
import { describe, expect, it } from "vitest";
import { CallScope, sendWithRetries } from "../../src/collect/calls.js";
import { createStats } from "../../src/collect/stats.js";

const policy = { rounds: 2, baseDelayMs: 1, maxDelayMs: 2 };
const throttled = () =>
  new IAMServiceException({
    name: "Throttling",
    $fault: "client",
    $metadata: { httpStatusCode: 400, attempts: 3 },
    message: "Rate exceeded",
  });
const denied = () =>
  new IAMServiceException({
    name: "AccessDenied",
    $fault: "client",
    $metadata: { httpStatusCode: 403 },
    message: "no",
  });

describe("sendWithRetries", () => {
  it("retries a throttled call until it succeeds and counts every request", async () => {
    const stats = createStats();
    let tries = 0;
    const result = await sendWithRetries(
      async () => {
        tries += 1;
        if (tries < 3) throw throttled();
        return { value: 42, $metadata: { attempts: 2 } };
      },
      stats,
      policy,
    );
    expect(result.value).toBe(42);
    // Two failed rounds of 3 SDK attempts each, then a success after 2 SDK attempts.
    expect(stats.calls).toBe(3 + 3 + 2);
    expect(stats.retries).toBe(2 + 1 + 2 + 1 + 1);
  });

  it("gives up after the extra rounds and throws the throttling error", async () => {
    let tries = 0;
    await expect(
      sendWithRetries(
        async () => {
          tries += 1;
          throw throttled();
        },
        createStats(),
        policy,
      ),
    ).rejects.toMatchObject({ name: "Throttling" });
    expect(tries).toBe(1 + policy.rounds);
  });

  it("does not retry other errors", async () => {
    let tries = 0;
    await expect(
      sendWithRetries(
        async () => {
          tries += 1;
          throw denied();
        },
        createStats(),
        policy,
      ),
    ).rejects.toMatchObject({ name: "AccessDenied" });
    expect(tries).toBe(1);
  });
});

describe("CallScope", () => {
  it("never has more requests in flight than its limit", async () => {
    const scope = new CallScope(createStats(), policy, 3);
    let inFlight = 0;
    let most = 0;
    await Promise.all(
      Array.from({ length: 20 }, () =>
        scope.send(async () => {
          inFlight += 1;
          most = Math.max(most, inFlight);
          await new Promise((resolve) => setTimeout(resolve, 2));
          inFlight -= 1;
        }),
      ),
    );
    expect(most).toBe(3);
  });

  it("reads a value, null for a 'not set' code, and undefined plus a recorded error for a failure", async () => {
    const stats = createStats();
    const scope = new CallScope(stats, policy, 2);
    const site = { service: "iam", operation: "GetThing", resource: "arn:x" };
    expect(await scope.read(site, async () => "value")).toBe("value");
    expect(await scope.read(site, async () => Promise.reject(denied()), ["AccessDenied"])).toBeNull();
    expect(await scope.read(site, async () => Promise.reject(denied()))).toBeUndefined();
    expect(scope.errors).toEqual([{ ...site, code: "AccessDenied", message: "no" }]);
    expect(stats.errors).toBe(1);
  });
});

describe("CallScope.record", () => {
  it("redacts secrets in every recorded message, including hand-built records", () => {
    const scope = new CallScope(createStats(), policy, 1);
    scope.record({
      service: "s3",
      operation: "GetBucketPolicy",
      resource: "arn:aws:s3:::b",
      code: "MalformedPolicy",
      message:
        "policy text had aws_secret_access_key=wJalrXUtnFEMIK7MDENGbPxRfiCYEXAMPLEKEY and AKIAIOSFODNN7EXAMPLE",
    });
    const [recorded] = scope.errors;
    expect(recorded?.message).not.toContain("wJalrXUtnFEMIK7MDENG");
    expect(recorded?.message).not.toContain("AKIAIOSFODNN7EXAMPLE");
    expect(recorded?.message).toContain("[redacted");
    expect(scope.stats.errors).toBe(1);
  });
});
