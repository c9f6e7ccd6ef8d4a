import { IAMServiceException } from "@aws-sdk/client-iam";
import { describe, expect, it } from "vitest";
import { CallScope, sendWithRetries } from "../../src/collect/calls.js";
import { AccountTimeoutError } from "../../src/collect/deadline.js";
import { SecretValues } from "../../src/collect/secret-values.js";
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
    // Its own two rounds are known to be throttling; the SDK's retries are reported by the clients (clients.ts).
    expect(stats.throttledRetries).toBe(2);
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

describe("CallScope with a deadline", () => {
  const timedOut = () => new AccountTimeoutError("abandoned: out of time");

  it("abandons the calls in flight, passing the abort on to the SDK, and does not send the queued ones", async () => {
    const stats = createStats();
    const scope = new CallScope(stats, policy, 1);
    const deadline = new AbortController();
    scope.stopAt(deadline.signal);
    const signals: (AbortSignal | undefined)[] = [];
    let sent = 0;
    const neverAnswered = (abortSignal?: AbortSignal) => {
      sent += 1;
      signals.push(abortSignal);
      return new Promise<never>(() => {});
    };
    const site = (operation: string) => ({ service: "s3", operation });
    const inFlight = scope.read(site("GetBucketPolicy"), neverAnswered);
    const queued = scope.read(site("GetBucketAcl"), neverAnswered);
    await new Promise((resolve) => setImmediate(resolve));
    expect(sent).toBe(1);

    deadline.abort(timedOut());
    expect(await inFlight).toBeUndefined();
    expect(await queued).toBeUndefined();
    expect(sent).toBe(1);
    expect(signals[0]?.aborted).toBe(true);
    expect(scope.errors).toEqual([
      { ...site("GetBucketPolicy"), code: "AccountTimeout", message: "abandoned: out of time" },
      { ...site("GetBucketAcl"), code: "AccountTimeout", message: "abandoned: out of time" },
    ]);
    // Abandoned calls are not counted as requests made.
    expect(stats.calls).toBe(0);

    expect(await scope.read(site("ListBuckets"), neverAnswered)).toBeUndefined();
    expect(sent).toBe(1);
  });

  it("stops waiting out a throttling backoff", async () => {
    const scope = new CallScope(createStats(), { rounds: 3, baseDelayMs: 60_000, maxDelayMs: 60_000 }, 1);
    const deadline = new AbortController();
    scope.stopAt(deadline.signal);
    let tries = 0;
    const read = scope.read({ service: "iam", operation: "ListSAMLProviders" }, async () => {
      tries += 1;
      throw throttled();
    });
    await new Promise((resolve) => setImmediate(resolve));
    deadline.abort(timedOut());
    expect(await read).toBeUndefined();
    expect(tries).toBe(1);
    expect(scope.errors.map((e) => e.code)).toEqual(["AccountTimeout"]);
  });
});

describe("CallScope.record with the run's credential values", () => {
  it("removes them from every message, whatever they look like, and makes the message one line", async () => {
    const secrets = new SecretValues();
    secrets.add({
      accessKeyId: "id-of-the-key",
      secretAccessKey: "s3cr3t-but-not-base64",
      sessionToken: "just words here",
    });
    const scope = new CallScope(createStats(), policy, 1, secrets);
    await scope.read({ service: "s3", operation: "GetBucketAcl" }, async () => {
      throw new IAMServiceException({
        name: "InvalidToken",
        $fault: "client",
        $metadata: { httpStatusCode: 400 },
        message:
          "The provided token is malformed:\n  just words here\n(key id-of-the-key, s3cr3t-but-not-base64)",
      });
    });
    expect(scope.errors[0]?.message).toBe(
      "The provided token is malformed: [redacted] (key [redacted], [redacted])",
    );
  });
});
