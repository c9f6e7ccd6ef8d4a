import { describe, expect, it } from "vitest";
import { globMatch } from "./glob.js";

describe("oracle globMatch (IAM wildcards: * any run, ? one character)", () => {
  const rows: [pattern: string, value: string, ignoreCase: boolean, expected: boolean][] = [
    ["*", "", false, true],
    ["*", "anything/at:all", false, true],
    ["?", "", false, false],
    ["?", "a", false, true],
    ["?", "ab", false, false],
    ["a*b*c", "abc", false, true],
    ["a*b*c", "a-b-c-b-c", false, true],
    ["a*b*c", "a-b-c-b", false, false],
    ["public-data/?", "public-data/*", false, true],
    ["public-data/?", "public-data/ab", false, false],
    ["public-data/*", "public-data/", false, true],
    ["s3:Get*", "S3:GETOBJECT", true, true],
    ["s3:Get*", "S3:GETOBJECT", false, false],
    ["arn:aws:s3:::Bucket/*", "arn:aws:s3:::bucket/key", false, false],
    ["*a*a*a*a*a*a*a*a*b", `${"a".repeat(200)}`, false, false],
    ["caf?", "café", false, true],
  ];
  it.each(rows)("%j matches %j (ignoreCase %s): %s", (pattern, value, ignoreCase, expected) => {
    expect(globMatch(pattern, value, ignoreCase)).toBe(expected);
  });
});
