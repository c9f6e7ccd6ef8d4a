import { describe, expect, it } from "vitest";
import { redactSecrets } from "../../src/report/redact.js";

describe("redactSecrets", () => {
  it("masks access key ids but keeps their kind", () => {
    expect(redactSecrets("The key AKIAIOSFODNN7EXAMPLE and ASIAIOSFODNN7EXAMPLE")).toBe(
      "The key AKIA**************** and ASIA****************",
    );
  });

  it("masks secret keys, session tokens, signatures and passwords written as key=value or key: value", () => {
    expect(
      redactSecrets(
        "aws_secret_access_key=wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY, SessionToken: 'IQoJb3JpZ2luX2VjE' " +
          'X-Amz-Signature=abc123&X-Amz-Date=20260101 password="hunter2"',
      ),
    ).toBe(
      "aws_secret_access_key=[redacted], SessionToken: '[redacted]' X-Amz-Signature=[redacted]&X-Amz-Date=20260101 " +
        'password="[redacted]"',
    );
  });

  it("leaves ordinary error text, ARNs and principal unique ids alone", () => {
    const text =
      "User: arn:aws:iam::111122223333:user/ci (AIDAJQABLZS4A3QDU576Q) is not authorized to perform: s3:GetBucketPolicy";
    expect(redactSecrets(text)).toBe(text);
  });
});
