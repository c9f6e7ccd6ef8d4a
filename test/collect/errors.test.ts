import { S3ServiceException } from "@aws-sdk/client-s3";
import { describe, expect, it } from "vitest";
import {
  cleanMessage,
  errorCode,
  isThrottling,
  redactSecrets,
  sortErrors,
  toRecordedError,
} from "../../src/collect/errors.js";
import { SecretValues } from "../../src/collect/secret-values.js";

const serviceError = (name: string, status = 400, message = "boom") =>
  new S3ServiceException({ name, $fault: "client", $metadata: { httpStatusCode: status }, message });

describe("errorCode", () => {
  it("takes the service's code from an SDK exception", () => {
    expect(errorCode(serviceError("NoSuchBucketPolicy", 404))).toBe("NoSuchBucketPolicy");
  });

  it("takes a Node network code", () => {
    expect(errorCode(Object.assign(new Error("getaddrinfo ENOTFOUND"), { code: "ENOTFOUND" }))).toBe(
      "ENOTFOUND",
    );
  });

  it("falls back to UnknownError for a bare Error or a non-error", () => {
    expect(errorCode(new Error("x"))).toBe("UnknownError");
    expect(errorCode("x")).toBe("UnknownError");
  });
});

describe("isThrottling", () => {
  it("knows the throttling codes of IAM, S3, Organizations and HTTP 429", () => {
    expect(isThrottling(serviceError("Throttling"))).toBe(true);
    expect(isThrottling(serviceError("SlowDown", 503))).toBe(true);
    expect(isThrottling(serviceError("TooManyRequestsException"))).toBe(true);
    expect(isThrottling(serviceError("Whatever", 429))).toBe(true);
  });

  it("does not retry AccessDenied", () => {
    expect(isThrottling(serviceError("AccessDenied", 403))).toBe(false);
  });
});

describe("redactSecrets", () => {
  it("removes secret keys, session tokens, access key ids and signatures", () => {
    const secret = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
    const token = "IQoJb3JpZ2luX2VjEHoaCXVzLWVhc3QtMSJHMEUCIQDexample+token/Zz9";
    const message =
      `failed with aws_secret_access_key=${secret} and X-Amz-Security-Token: ${token}; ` +
      `key AKIAIOSFODNN7EXAMPLE, Signature=abcdef0123456789`;
    const redacted = redactSecrets(message);
    for (const leaked of [secret, token, "AKIAIOSFODNN7EXAMPLE", "abcdef0123456789"])
      expect(redacted).not.toContain(leaked);
    expect(redacted).toContain("failed with");
  });

  it("leaves ordinary AWS messages alone", () => {
    const message =
      "User: arn:aws:sts::111122223333:assumed-role/SecurityAuditor/alice is not authorized to perform: sts:AssumeRole on resource: arn:aws:iam::555566667777:role/OrganizationAccountAccessRole";
    expect(redactSecrets(message)).toBe(message);
  });

  it("shortens very long messages", () => {
    expect(redactSecrets("x ".repeat(1000)).length).toBeLessThanOrEqual(501);
  });
});

describe("cleanMessage", () => {
  const secrets = new SecretValues();
  // Nothing about these says "credential": only their values give them away.
  secrets.add({
    accessKeyId: "plain-key-id-01",
    secretAccessKey: "the quick brown fox",
    sessionToken: "hello.world-token",
  });

  it("removes the credential values the run holds, whatever their shape, and what looks like a credential", () => {
    expect(
      cleanMessage(
        "token hello.world-token rejected for plain-key-id-01 (secret the quick brown fox), key ASIAEXAMPLEEXAMPLE12",
        secrets,
      ),
    ).toBe("token [redacted] rejected for [redacted] (secret [redacted]), key [redacted-key-id]");
  });

  it("removes a value before cutting the message, so that no part of it is left at the cut", () => {
    const message = `${"x".repeat(490)} hello.world-token and more`;
    // Cut first, "hello.wo" would be left at the end.
    expect(cleanMessage(message, secrets)).toBe(`${"x".repeat(490)} [redacted…`);
  });

  it("makes a message that spans lines one line", () => {
    expect(cleanMessage("We encountered an internal error.  \r\n\n   Please try again.\u2028Thanks\n")).toBe(
      "We encountered an internal error. Please try again. Thanks",
    );
  });
});

describe("toRecordedError", () => {
  it("records service, operation, resource, code and the message as raised (CallScope.record cleans it)", () => {
    const error = serviceError("AccessDenied", 403, "denied for ASIAEXAMPLEEXAMPLE12");
    expect(
      toRecordedError(error, { service: "s3", operation: "GetBucketAcl", resource: "arn:aws:s3:::b" }),
    ).toEqual({
      service: "s3",
      operation: "GetBucketAcl",
      resource: "arn:aws:s3:::b",
      code: "AccessDenied",
      message: "denied for ASIAEXAMPLEEXAMPLE12",
    });
  });

  it("sorts errors in a stable order", () => {
    const a = {
      service: "s3",
      operation: "GetBucketPolicy",
      resource: "arn:aws:s3:::b",
      code: "AccessDenied",
    };
    const b = { service: "iam", operation: "ListSAMLProviders", code: "Throttling" };
    expect(sortErrors([a, b])).toEqual([b, a]);
  });

  it("writes the region of a regional call after the service, and sorts by it next", () => {
    const denied = serviceError("AccessDeniedException", 400, "denied");
    const site = { service: "kms", operation: "ListKeys" };
    const west = toRecordedError(denied, { ...site, region: "us-west-2" });
    const east = toRecordedError(denied, { ...site, region: "us-east-1" });
    expect(Object.keys(west)).toEqual(["service", "region", "operation", "code", "message"]);
    const account = { service: "kms", operation: "ListAliases", code: "AccessDeniedException" };
    expect(sortErrors([west, east, account])).toEqual([account, east, west]);
  });
});
