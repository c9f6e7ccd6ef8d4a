import { describe, expect, it } from "vitest";
import { renderText } from "../../src/report/text.js";
import {
  ACCOUNT_A_FILE,
  CANCELLED_BY_BPA_FINDING,
  emptyScanResult,
  PUBLIC_BUCKET_FINDING,
  sampleScanResult,
} from "./fixtures/scan-results.js";

const ESC = "\u001b";

describe("renderText", () => {
  const text = renderText(sampleScanResult());
  const lines = text.trimEnd().split("\n");

  it("groups active findings by account, then resource, one actionable line each", () => {
    const active = lines.slice(
      0,
      lines.indexOf("Cancelled by guardrails (not active; shown so you can see what they hold back)"),
    );
    expect(active).toEqual([
      "trustscan 0.1.0: scanned test/fixtures/sarif/snapshot (zone: organization o-abc123def4)",
      "",
      "Account 111122223333",
      "  arn:aws:iam::111122223333:role/deployer (AWS::IAM::Role)",
      `    HIGH      external-access      Role deployer can be assumed by any principal in account 999999999999 (outside organization o-abc123def4)  (${ACCOUNT_A_FILE}:12:13)`,
      `    MEDIUM    missing-external-id  Role deployer can be assumed by account 999999999999 without an external ID  (${ACCOUNT_A_FILE}:12:13)`,
      "  arn:aws:s3:::public-assets (AWS::S3::Bucket)",
      `    CRITICAL  public-access        ${PUBLIC_BUCKET_FINDING.message}  (${ACCOUNT_A_FILE}:55:13)`,
      "Account 444455556666",
      "  arn:aws:iam::444455556666:role/ci (AWS::IAM::Role)",
      expect.stringMatching(
        /^ {4}HIGH {6}unscoped-federation {2}Role ci can be assumed from any GitHub repository/,
      ) as unknown,
      "  arn:aws:iam::444455556666:role/notifier (AWS::IAM::Role)",
      expect.stringMatching(
        /^ {4}MEDIUM {4}confused-deputy {6}Role notifier can be assumed by sns\.amazonaws\.com/,
      ) as unknown,
      "",
    ]);
  });

  it("shows cancelled findings apart, marked, with what cancels them", () => {
    const start = lines.indexOf(
      "Cancelled by guardrails (not active; shown so you can see what they hold back)",
    );
    expect(start).toBeGreaterThan(0);
    expect(lines.slice(start + 1, start + 5)).toEqual([
      "Account 111122223333",
      "  arn:aws:s3:::logs (AWS::S3::Bucket)",
      `    [cancelled] CRITICAL  public-access        ${CANCELLED_BY_BPA_FINDING.message}  (${ACCOUNT_A_FILE}:32:13)`,
      "      cancelled by: bucket Block Public Access RestrictPublicBuckets",
    ]);
    expect(lines.filter((line) => line.includes(CANCELLED_BY_BPA_FINDING.message))).toHaveLength(1);
  });

  it("lists read problems and collection errors as warnings", () => {
    const start = lines.indexOf("Warnings (the findings may be incomplete)");
    expect(lines.slice(start + 1, start + 3)).toEqual([
      "  warning: Could not read $.s3.Buckets[3].Policy in test/fixtures/sarif/snapshot/accounts/444455556666.json: expected a policy object or a JSON string, found a number",
      "  warning: Collection of s3:GetBucketAcl on arn:aws:s3:::public-assets in account 111122223333 failed with AccessDenied: Access Denied",
    ]);
  });

  it("closes with a summary line", () => {
    expect(lines.at(-1)).toBe(
      "5 findings (1 critical, 2 high, 2 medium), 1 cancelled by guardrails, in 5 resources across 2 accounts " +
        "(zone: organization o-abc123def4); 1 read problem, 1 collection error",
    );
    expect(text.endsWith("\n")).toBe(true);
  });

  it("says so when there is nothing to report", () => {
    expect(renderText(emptyScanResult())).toBe(
      "trustscan 0.1.0: scanned test/fixtures/sarif/snapshot (zone: account)\n\nNo active findings.\n\n" +
        "0 findings, 0 cancelled by guardrails, in 3 resources across 1 account (zone: account)\n",
    );
  });

  it("names trusted accounts in the zone", () => {
    const result = emptyScanResult();
    result.zone = { kind: "organization", organizationId: "o-abc123def4", trustedAccounts: ["999999999999"] };
    expect(renderText(result)).toContain("(zone: organization o-abc123def4 + 1 trusted account)\n");
  });

  it("uses colours only when asked", () => {
    expect(text).not.toContain(ESC);
    const coloured = renderText(sampleScanResult(), { color: true });
    expect(coloured).toContain(`${ESC}[1;31mCRITICAL${ESC}[0m`);
    expect(coloured).toContain(`${ESC}[33mMEDIUM  ${ESC}[0m`);
    expect(coloured).toContain(
      `    ${ESC}[2m[cancelled] CRITICAL  public-access        Bucket logs can be read by anyone, including anonymous callers`,
    );
    // Without the escape codes it is the same report.
    // eslint-disable-next-line no-control-regex
    expect(coloured.replace(/\u001b\[[0-9;]*m/g, "")).toBe(text);
  });

  it("does not let snapshot text drive the terminal", () => {
    const hostile = { ...PUBLIC_BUCKET_FINDING, message: `Bucket x${ESC}[2J${ESC}]0;pwned\u0007 is public` };
    const output = renderText(sampleScanResult({ findings: [hostile] }));
    expect(output).not.toContain(ESC);
    expect(output).not.toContain("\u0007");
    expect(output).toContain("Bucket x\\x1B[2J\\x1B]0;pwned\\x07 is public");
  });

  it("names the region of a regional collection error, escaped like the rest", () => {
    const regional = {
      accountId: "111122223333",
      region: "eu-west-1",
      service: "kms",
      operation: "GetKeyPolicy",
      resource: "arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab",
      code: "AccessDeniedException",
    };
    const output = renderText(sampleScanResult({ collectionErrors: [regional] }));
    expect(output).toContain(
      "  warning: Collection of kms:GetKeyPolicy on arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab in account 111122223333 in region eu-west-1 failed with AccessDeniedException",
    );
    const hostile = renderText(
      sampleScanResult({ collectionErrors: [{ ...regional, region: `eu-west-1${ESC}[2J` }] }),
    );
    expect(hostile).not.toContain(ESC);
    expect(hostile).toContain("in region eu-west-1\\x1B[2J failed");
  });

  it("masks credentials in collection error messages", () => {
    const result = sampleScanResult({
      collectionErrors: [
        {
          service: "sts",
          operation: "AssumeRole",
          code: "InvalidClientTokenId",
          message: "key AKIAABCDEFGHIJKLMNOP with aws_secret_access_key=abcd/EFGH+1234 rejected",
        },
      ],
    });
    const output = renderText(result);
    expect(output).toContain("key AKIA**************** with aws_secret_access_key=[redacted] rejected");
    expect(output).not.toContain("ABCDEFGHIJKLMNOP");
    expect(output).not.toContain("abcd/EFGH");
  });
});
