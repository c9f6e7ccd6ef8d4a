import { describe, expect, it } from "vitest";
import { isoTime, normalizeApiValue, parsePolicyDocument } from "../../src/collect/normalize.js";
import { renderJson } from "../../src/collect/snapshot-writer.js";

describe("normalizeApiValue", () => {
  it("drops $metadata and undefined members, writes Dates as ISO and sorts keys", () => {
    const value = {
      Zeta: 1,
      $metadata: { httpStatusCode: 200 },
      Alpha: new Date("2024-01-02T03:04:05Z"),
      Gone: undefined,
    };
    expect(renderJson(normalizeApiValue(value))).toBe(
      '{\n  "Alpha": "2024-01-02T03:04:05Z",\n  "Zeta": 1\n}\n',
    );
  });

  it("keeps milliseconds only when there are some", () => {
    expect(isoTime(new Date("2024-01-02T03:04:05.250Z"))).toBe("2024-01-02T03:04:05.250Z");
  });

  it("sorts arrays of API objects by ARN or name, and arrays of strings", () => {
    const roles = [{ Arn: "arn:aws:iam::1:role/b" }, { Arn: "arn:aws:iam::1:role/a" }];
    expect(normalizeApiValue(roles)).toEqual([
      { Arn: "arn:aws:iam::1:role/a" },
      { Arn: "arn:aws:iam::1:role/b" },
    ]);
    expect(normalizeApiValue([{ Key: "team" }, { Key: "owner" }])).toEqual([
      { Key: "owner" },
      { Key: "team" },
    ]);
    expect(normalizeApiValue(["b", "a"])).toEqual(["a", "b"]);
  });

  it("keeps the order of arrays whose order means something (ACL grants)", () => {
    const grants = [
      {
        Grantee: { Type: "Group", URI: "http://acs.amazonaws.com/groups/global/AllUsers" },
        Permission: "READ",
      },
      { Grantee: { Type: "CanonicalUser", ID: "abc" }, Permission: "FULL_CONTROL" },
    ];
    expect(normalizeApiValue(grants)).toEqual(grants);
  });
});

describe("parsePolicyDocument", () => {
  const doc = {
    Version: "2012-10-17",
    Statement: [{ Effect: "Allow", Condition: { StringLike: { "aws:UserAgent": "a b+c 100%" } } }],
  };

  it("decodes IAM's URL-encoded documents, keeping the author's key order", () => {
    const parsed = parsePolicyDocument(encodeURIComponent(JSON.stringify(doc)));
    expect(parsed).toEqual(doc);
    expect(Object.keys(parsed)).toEqual(["Version", "Statement"]);
  });

  it("parses plain JSON text as it is, never URL-decoding it", () => {
    const text = JSON.stringify({ Statement: [{ Resource: "arn:aws:s3:::b/a%20b" }] });
    expect(parsePolicyDocument(text)).toEqual({ Statement: [{ Resource: "arn:aws:s3:::b/a%20b" }] });
  });

  it("rejects what is not a JSON object", () => {
    expect(() => parsePolicyDocument("%7Bnot json")).toThrow(/not JSON/);
    expect(() => parsePolicyDocument("[1]")).toThrow(/not a JSON object/);
  });
});
